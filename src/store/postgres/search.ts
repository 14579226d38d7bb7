import type { SearchHit, SearchOptions } from '../search.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../search.ts';
import { type PassageRow, rowToPassage } from '../documents.ts';
import type { Db } from './db.ts';

/**
 * Full-text search on Postgres with the semantics of ../search.ts: the same word tokens (quotes,
 * operators and punctuation never reach the parser), any word matches, and in 'all-then-any' a passage
 * with every word scores double, so it ranks above passages with only some.
 *
 * Ranking is BM25's term weighting rather than ts_rank_cd, which has no notion of how rare a word is
 * (measured in bench/search-postgres.ts, it also costs 3-10× an unranked match): a passage scores the
 * sum of the IDFs of the query words it contains — BM25 with term frequency saturated at presence,
 * which for passages of a paragraph is what BM25 mostly sees — shorter passages first among equals.
 * Document frequencies come from the planner's statistics on passages.tsv (pg_stats
 * most_common_elems, kept by ANALYZE/autovacuum); a word not among them is rarer than all that are.
 *
 * Exact top-k at the cost of the rare words (MaxScore): common words (in over 1% of passages) are left
 * out of the index lookup while the k-th best score beats the most a passage with only those words
 * could reach (the sum of their IDFs); otherwise they are added back and the lookup repeated. Where
 * every remaining passage has only one common word (a query of that word alone, or too few passages
 * with a rarer one), they all score its IDF and follow in passage order rather than shortest first.
 */

/** The words of any text as tsquery terms: only letter/digit runs survive, each quoted, at most 64. */
export function queryTerms(text: string): string[] {
  const tokens = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
  // Quoted: a word the server's parser splits (e.g. "x2y") stays one unit of the query.
  return [...new Set(tokens)].slice(0, 64).map((t) => `'${t}'`);
}

export function toTsQuery(text: string, mode: 'all' | 'any'): string | null {
  const terms = queryTerms(text);
  return terms.length === 0 ? null : terms.join(mode === 'all' ? ' & ' : ' | ');
}

/** ts_headline options matching FTS5's snippet(…, 24): about 24 words around the best match. */
const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

/** A word in more passages than this (0.2%) is left out of the first index lookup. */
const COMMON_FRACTION = 0.002;

interface Row extends PassageRow {
  title: string;
  score: number;
  live: boolean;
  snippet: string | null;
}

/**
 * Lexeme frequencies from the planner's statistics on passages.tsv, read at most once a minute per
 * store (they change only when ANALYZE runs): reading them costs more than a search.
 */
export class TermStatistics {
  private loaded: { at: number; frequencies: Map<string, number>; minimum: number | null; total: number } | null = null;

  async idfs(db: Db, terms: string[]): Promise<{ idf: number; common: boolean }[]> {
    const stats = await this.load(db);
    const lexemes = await db.rows<{ lexemes: string[] }>(
      `SELECT tsvector_to_array(to_tsvector('litmus_fts', u.term)) AS lexemes
       FROM unnest($1::text[]) WITH ORDINALITY u(term, ord) ORDER BY u.ord`,
      [terms],
    );
    return lexemes.map(({ lexemes: forms }) => {
      if (stats.minimum === null || stats.total <= 0) return { idf: 1, common: false };
      // A word the parser splits is as rare as its rarest part; one outside the statistics is rarer than all in them.
      const known = forms.map((form) => stats.frequencies.get(form)).filter((f) => f !== undefined);
      const inStatistics = known.length === forms.length && known.length > 0;
      const fraction = inStatistics ? Math.min(...known) : stats.minimum / 2;
      const n = fraction * stats.total;
      const idf = Math.log(1 + (stats.total - n + 0.5) / (n + 0.5));
      return { idf, common: inStatistics && fraction > COMMON_FRACTION };
    });
  }

  private async load(db: Db) {
    if (this.loaded && Date.now() - this.loaded.at < 60_000) return this.loaded;
    const [row] = await db.rows<{ elems: string[] | null; freqs: number[] | null; total: number | null }>(
      `SELECT array_to_json(s.most_common_elems::text::text[]) AS elems, s.most_common_elem_freqs AS freqs,
              (SELECT reltuples FROM pg_class WHERE oid = to_regclass('passages'))::float8 AS total
       FROM (SELECT 1) one
       LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'passages' AND s.attname = 'tsv'`,
    );
    const elems = row?.elems ?? [];
    const freqs = row?.freqs ?? [];
    // most_common_elem_freqs ends with the minimum, maximum and null frequency of the elements.
    this.loaded = {
      at: Date.now(),
      frequencies: new Map(elems.map((elem, i) => [elem, freqs[i]!])),
      minimum: elems.length > 0 ? (freqs[elems.length] ?? null) : null,
      total: row?.total ?? 0,
    };
    return this.loaded;
  }
}

/**
 * One query: the top `fetch` passages among those matching any of the `lookup` terms, scored over all
 * terms, each checked for being its paper's newest document, and snippeted if so.
 */
function searchSql(termCount: number, boost: boolean, fill: boolean): string {
  const sum = Array.from(
    { length: termCount },
    (_, i) => `CASE WHEN s.tsv @@ q.t[${i + 1}] THEN q.w[${i + 1}] ELSE 0 END`,
  ).join(' + ');
  const score = boost ? `(${sum}) * CASE WHEN s.tsv @@ q.allq THEN 2 ELSE 1 END` : `(${sum})`;
  return `
    WITH q AS (
      SELECT to_tsquery('litmus_fts', $1) AS lookup,
             to_tsquery('litmus_fts', array_to_string($2::text[], ' | ')) AS anyq,
             to_tsquery('litmus_fts', array_to_string($2::text[], ' & ')) AS allq,
             ARRAY(SELECT to_tsquery('litmus_fts', term) FROM unnest($2::text[]) WITH ORDINALITY u(term, i) ORDER BY i) AS t,
             $3::float8[] AS w
    ),
    top AS (
      ${
        fill
          ? `SELECT s.id, $10::float8 AS score, 0 AS len
             FROM passages s, q
             WHERE s.tsv @@ to_tsquery('litmus_fts', $9) AND ($11::bool OR NOT s.tsv @@ q.lookup)`
          : `SELECT s.id, ${score} AS score, length(s.tsv) AS len
             FROM passages s, q
             WHERE s.tsv @@ q.lookup`
      }
        AND ($4::text[] IS NULL OR s.paper_id = ANY($4))
        AND ($5::text IS NULL OR s.paper_id <> $5)
        AND ($6::text IS NULL OR s.kind = $6)
      ORDER BY ${fill ? 's.id' : 'score DESC, len, s.id'}
      LIMIT $7
    ),
    checked AS (
      SELECT top.score, top.len, s.id, s.document_id, s.paper_id, s.ordinal, s.section_json, s.page, s.char_start,
             s.char_end, s.text, s.kind,
             s.document_id = (SELECT max(d.id) FROM documents d WHERE d.paper_id = s.paper_id) AS live
      FROM top JOIN passages s ON s.id = top.id
    )
    SELECT c.*, p.title, CASE WHEN c.live THEN ts_headline('litmus_fts', c.text, q.anyq, $8) END AS snippet
    FROM checked c JOIN papers p ON p.id = c.paper_id, q
    ORDER BY c.score DESC, c.len, c.id`;
}

export async function searchPassagesPostgres(
  db: Db,
  statistics: TermStatistics,
  text: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const limit = options.limit ?? 10;
  const terms = queryTerms(text);
  if (terms.length === 0 || limit <= 0) return [];
  const papers =
    options.paperId || options.paperIds
      ? [...new Set([...(options.paperId ? [options.paperId] : []), ...(options.paperIds ?? [])])].filter(
          (id) => id !== options.excludePaperId && (!options.paperId || id === options.paperId),
        )
      : null;
  if (papers && papers.length === 0) return [];
  const weights = await statistics.idfs(db, terms);
  const boost = (options.match ?? 'all-then-any') === 'all-then-any' && terms.length > 1;
  // Term indexes, most common first; `excluded` is how many of them the lookup leaves out. A paper
  // filter already makes the lookup small: nothing is left out then.
  const byCommonness = terms.map((_, i) => i).sort((a, b) => weights[a]!.idf - weights[b]!.idf);
  let excluded = papers ? 0 : Math.min(weights.filter((w) => w.common).length, terms.length - 1);
  const excludedIdf = () => byCommonness.slice(0, excluded).reduce((sum, i) => sum + weights[i]!.idf, 0);
  type Fill = { term: string; idf: number; alone: boolean };
  const run = (fill: Fill | null, fetch: number) =>
    db.rows<Row>(searchSql(terms.length, boost, fill !== null), [
      byCommonness
        .slice(excluded)
        .map((i) => terms[i]!)
        .join(' | '),
      terms,
      weights.map((w) => w.idf),
      papers,
      options.excludePaperId ?? null,
      options.kind ?? null,
      fetch,
      HEADLINE,
      ...(fill ? [fill.term, fill.idf, fill.alone] : []),
    ]);
  // Passages that all score `fill.idf`, in passage order (the primary key: no scan of every match).
  const filled = async (fill: Fill, want: number): Promise<Row[]> => {
    for (let more = want; ; more *= 4) {
      const rows = await run(fill, more);
      const live = rows.filter((row) => row.live);
      if (live.length >= want || rows.length < more) return live.slice(0, want);
    }
  };
  if (terms.length === 1 && weights[0]!.common && !papers) {
    // One common word: every passage with it scores the same.
    return (await filled({ term: terms[0]!, idf: weights[0]!.idf, alone: true }, limit)).map(toHit);
  }
  for (let fetch = limit; ; ) {
    const rows = await run(null, fetch);
    const hits = rows.filter((row) => row.live);
    if (hits.length >= limit) {
      const kth = hits[limit - 1]!.score;
      if (excluded === 0 || kth > excludedIdf()) return hits.slice(0, limit).map(toHit);
      // A passage with only left-out words could still outrank the k-th: look those words up too.
      while (excluded > 0 && excludedIdf() >= kth) excluded -= 1;
    } else if (rows.length >= fetch) {
      fetch *= 4; // superseded passages crowded the top: ask for more
    } else if (excluded === 1) {
      // Every passage with a rarer word is in, and too few. The rest have only the one common word, so
      // they all score its IDF.
      const term = byCommonness[0]!;
      const rest = await filled({ term: terms[term]!, idf: weights[term]!.idf, alone: false }, limit - hits.length);
      return [...hits, ...rest].map(toHit);
    } else if (excluded > 1) {
      excluded = 0; // too few passages with a rarer word: the common words decide the rest
    } else {
      return hits.map(toHit);
    }
  }
}

function toHit(row: Row): SearchHit {
  return {
    passage: rowToPassage(row),
    title: row.title,
    score: row.score,
    snippet: withEllipses(row.text, row.snippet ?? ''),
  };
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
