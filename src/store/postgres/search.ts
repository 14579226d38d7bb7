import type { Db } from './db.ts';
import type { SearchHit, SearchOptions } from '../search.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../search.ts';
import { type PassageRow, rowToPassage } from '../documents.ts';

/**
 * Full-text search on Postgres with the semantics of ../search.ts: the same word tokens (quotes,
 * operators and punctuation never reach the parser), any word matches, and in 'all-then-any' a passage
 * with every word scores its terms twice (the all-words conjunction's rank is added), so it ranks above
 * passages with only some. Ranking is ts_rank_cd (cover density) over passages.tsv under the
 * `litmus_fts` configuration, divided by 1 + log(length) as BM25 normalises for length; Postgres has no
 * corpus-wide IDF, which is the one ranking difference from FTS5's BM25 left (see README "Postgres").
 */
/** The words of any text as a safe tsquery: only letter/digit runs survive, joined by | or &. */
export function toTsQuery(text: string, mode: 'all' | 'any'): string | null {
  const tokens = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
  const unique = [...new Set(tokens)].slice(0, 64);
  if (unique.length === 0) return null;
  // Each token is quoted: a word the server's parser splits (e.g. "x2y") stays one unit of the query.
  return unique.map((t) => `'${t}'`).join(mode === 'all' ? ' & ' : ' | ');
}

/** ts_headline options matching FTS5's snippet(…, 24): about 24 words around the best match. */
const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

interface Row extends PassageRow {
  title: string;
  rank: number;
  live: boolean;
  snippet: string | null;
}

/**
 * The top-ranked matches come from the GIN index with every cheap filter (papers, excluded paper, kind)
 * applied in the same scan; only those few are then checked for belonging to their paper's newest
 * document and snippeted. When superseded passages crowd the top, more are asked for until enough.
 */
export async function searchPassagesPostgres(db: Db, text: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const limit = options.limit ?? 10;
  const match = options.match ?? 'all-then-any';
  const any = toTsQuery(text, 'any');
  if (!any || limit <= 0) return [];
  const all = match === 'all-then-any' && any.includes(' | ') ? toTsQuery(text, 'all') : null;
  const papers =
    options.paperId || options.paperIds
      ? [...new Set([...(options.paperId ? [options.paperId] : []), ...(options.paperIds ?? [])])].filter(
          (id) => id !== options.excludePaperId && (!options.paperId || id === options.paperId),
        )
      : null;
  if (papers && papers.length === 0) return [];
  const sql = `
    WITH q AS (SELECT to_tsquery('litmus_fts', $1) AS anyq, to_tsquery('litmus_fts', coalesce($2, $1)) AS allq),
    top AS (
      SELECT s.id,
             ts_rank_cd(s.tsv, q.anyq, 1) + CASE WHEN $2::text IS NULL THEN 0 ELSE ts_rank_cd(s.tsv, q.allq, 1) END AS rank
      FROM passages s, q
      WHERE s.tsv @@ q.anyq
        AND ($3::text[] IS NULL OR s.paper_id = ANY($3))
        AND ($4::text IS NULL OR s.paper_id <> $4)
        AND ($5::text IS NULL OR s.kind = $5)
      ORDER BY rank DESC, s.id
      LIMIT $6
    ),
    checked AS (
      SELECT top.rank, s.*, s.document_id = (SELECT max(d.id) FROM documents d WHERE d.paper_id = s.paper_id) AS live
      FROM top JOIN passages s ON s.id = top.id
    )
    SELECT c.id, c.document_id, c.paper_id, c.ordinal, c.section_json, c.page, c.char_start, c.char_end, c.text, c.kind,
           c.rank, c.live, p.title,
           CASE WHEN c.live THEN ts_headline('litmus_fts', c.text, q.anyq, $7) END AS snippet
    FROM checked c JOIN papers p ON p.id = c.paper_id, q
    ORDER BY c.rank DESC, c.id`;
  for (let fetch = limit; ; fetch *= 4) {
    const rows = await db.rows<Row>(sql, [
      any,
      all,
      papers,
      options.excludePaperId ?? null,
      options.kind ?? null,
      fetch,
      HEADLINE,
    ]);
    const hits = rows
      .filter((row) => row.live)
      .map((row) => ({
        passage: rowToPassage(row),
        title: row.title,
        score: row.rank,
        snippet: withEllipses(row.text, row.snippet ?? ''),
      }));
    if (hits.length >= limit || rows.length < fetch) return hits.slice(0, limit);
  }
}

/**
 * FTS5's snippet marks a cut with '…' at either end; ts_headline does not, and drops the punctuation
 * after the last word, which is put back when the snippet reaches the end of the passage.
 */
function withEllipses(text: string, snippet: string): string {
  const plain = snippet.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
  if (plain === '') return snippet;
  const trailing = /[^\p{L}\p{N}]*$/u;
  const tail = text.match(trailing)?.[0] ?? '';
  const plainCore = plain.replace(trailing, '');
  const atEnd = text.slice(0, text.length - tail.length).endsWith(plainCore);
  const end = atEnd ? tail.slice(plain.length - plainCore.length) : '…';
  return `${text.startsWith(plain.trimStart()) ? '' : '…'}${snippet}${end}`;
}
