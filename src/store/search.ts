import { contentStems } from '../core/relevance.ts';
import type { Paper, Passage, PassageKind } from '../core/types.ts';
import { bm25TopK } from './bm25-top-k.ts';
import type { Store } from './db.ts';
import { type PassageRow, rowToPassage } from './documents.ts';
import { fts5Statistics } from './fts5-statistics.ts';
import { type PaperRow, rowToPaper } from './papers.ts';
import { prepared } from './statement-cache.ts';

export interface SearchHit {
  passage: Passage;
  title: string;
  /** BM25 relevance, higher is better (SQLite's bm25() is negated so larger means closer). */
  score: number;
  /** Snippet with the matched terms between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: string;
  /**
   * Set when every word of the query is in so many passages that only the newest of them were ranked
   * (bm25-top-k.ts): the hit is among the best of those, not necessarily of the whole library.
   */
  approximate?: true;
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export interface SearchOptions {
  limit?: number;
  paperId?: string;
  /** Restrict to these papers (e.g. the papers included in a report). */
  paperIds?: string[];
  excludePaperId?: string;
  /**
   * 'all-then-any' (default, for people): passages with every word first, then any word. 'any': rank
   * every passage sharing a word by BM25 alone — for evidence retrieval, where preferring every word
   * of a decontextualised claim ("The X authors …") would push down the very sentence it came from.
   */
  match?: 'all-then-any' | 'any';
  /** Only passages of this kind ('prose' for evidence: never a table's rows); default every kind. */
  kind?: PassageKind;
}

/**
 * Turns any user text into a safe FTS5 query: only word tokens survive, each quoted, so quotes,
 * operators (AND, NEAR, *, ^, :) and punctuation can never produce a syntax error.
 */
export function toFtsQuery(text: string, mode: 'all' | 'any'): string | null {
  const terms = quotedTerms(text);
  return terms.length === 0 ? null : terms.join(mode === 'all' ? ' AND ' : ' OR ');
}

/** The text's distinct word tokens (at most 64), lower-cased and quoted for FTS5. */
export function quotedTerms(text: string): string[] {
  const tokens = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
  return [...new Set(tokens)].slice(0, 64).map((t) => `"${t}"`);
}

/** FTS5's own snippet of the matched row: the highlighted terms in a window of 24 tokens. */
const SNIPPET = `snippet(passages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 24)`;

interface Candidate {
  id: number;
  rank: number;
  /** Taken with the id when FTS5 already has the row under its cursor (the top-k query). */
  snippet?: string;
}

/**
 * BM25 search over the passages of each paper's newest document. The top-ranked row ids come first,
 * and only those few rows are then read by id, checked for being live and snippeted. Where the query's
 * words are in few passages, one FTS5 query ranks them all and snippets the top (FTS5 computes a
 * snippet only for the rows the LIMIT lets through); where they are in many, bm25-top-k.ts finds the
 * same top ids with the same scores without ranking every match. Paper filters instead restrict the
 * index lookup to that paper's passages, so a small paper is never searched for among a million others.
 */
export function searchPassages(store: Store, text: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 10;
  const query = rankedQuery(text, options.match ?? 'all-then-any');
  if (!query || limit <= 0) return [];
  if (options.paperId || options.paperIds) {
    return details(store, query, inPapers(store, query, limit, options), { kind: options.kind });
  }
  const top = prepared(
    store,
    `SELECT rowid AS id, rank, ${SNIPPET} AS snippet FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?`,
  );
  const terms = quotedTerms(text);
  const boost = (options.match ?? 'all-then-any') === 'all-then-any';
  // Inside a write transaction FTS5's saved totals lag its index, so FTS5 ranks the matches itself.
  const ownRanking = !store.db.inTransaction && matchesToRank(store, terms) > FTS5_RANKS_UP_TO;
  // Usually every top id is live: one round. Otherwise ask for more until enough or none are left.
  for (let fetch = limit; ; fetch *= 4) {
    const ranked = ownRanking ? bm25TopK(store, terms, boost, fetch) : null;
    const candidates = ranked ? ranked.ranked : (top.all(query, fetch) as Candidate[]);
    const hits = details(store, query, candidates, {
      live: true,
      excludePaperId: options.excludePaperId,
      kind: options.kind,
    });
    if (hits.length >= limit || candidates.length < fetch) {
      const best = hits.slice(0, limit);
      return ranked?.approximate ? best.map((hit) => ({ ...hit, approximate: true as const })) : best;
    }
  }
}

/**
 * Up to this many matches FTS5's own ranking (about 1.5 µs a match) costs about what looking up the
 * rare words would, and needs no second query for the snippets.
 */
const FTS5_RANKS_UP_TO = 8_000;

/** How many passages hold each word, summed: what FTS5's rank sort would score. */
function matchesToRank(store: Store, terms: string[]): number {
  const statistics = fts5Statistics(store);
  return terms.reduce((sum, quoted) => sum + statistics.term(quoted).df, 0);
}

/**
 * One FTS5 query that decides recall itself: any word matches; for 'all-then-any' the all-words
 * conjunction is OR-ed in as well, so a passage with every word scores its terms twice in BM25 and
 * ranks above passages with only some (no second AND-then-OR round trip).
 */
export function rankedQuery(text: string, match: 'all-then-any' | 'any'): string | null {
  const terms = quotedTerms(text);
  if (terms.length === 0) return null;
  const any = terms.join(' OR ');
  return match === 'any' || terms.length === 1 ? any : `${any} OR (${terms.join(' AND ')})`;
}

/**
 * Top ids among the live passages of the given papers. A document's passages are written in one
 * transaction, so their ids are usually one contiguous range, which FTS5 seeks to directly (a small
 * paper is not searched for among a million passages); a document whose ids are not contiguous is
 * searched through a join instead.
 */
function inPapers(store: Store, query: string, wanted: number, options: SearchOptions): Candidate[] {
  const papers = [...(options.paperId ? [options.paperId] : []), ...(options.paperIds ?? [])].filter(
    (id) => id !== options.excludePaperId && (!options.paperId || id === options.paperId),
  );
  const documents = prepared(
    store,
    `SELECT d.paper_id AS paperId, MIN(s.id) AS lo, MAX(s.id) AS hi, COUNT(*) AS n
     FROM documents d JOIN passages s ON s.document_id = d.id
     WHERE d.id IN (SELECT MAX(id) FROM documents WHERE paper_id IN (SELECT value FROM json_each(?)) GROUP BY paper_id)
     GROUP BY d.id`,
  ).all(JSON.stringify([...new Set(papers)])) as { paperId: string; lo: number; hi: number; n: number }[];
  const inRange = prepared(
    store,
    // bm25() rather than rank: FTS5's own rank sorter would rank every match before applying the range.
    'SELECT rowid AS id, bm25(passages_fts) AS rank FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY 2 LIMIT ?',
  );
  const joined = prepared(
    store,
    `SELECT passages_fts.rowid AS id, bm25(passages_fts) AS rank FROM passages_fts JOIN passages s ON s.id = passages_fts.rowid
     WHERE passages_fts MATCH ? AND s.paper_id = ? AND (? IS NULL OR s.kind = ?)
       AND s.document_id = (SELECT MAX(d.id) FROM documents d WHERE d.paper_id = s.paper_id)
     ORDER BY 2 LIMIT ?`,
  );
  const kind = options.kind ?? null;
  const candidates = documents.flatMap(
    (document) =>
      // A kind filter goes through the join too, so passages of other kinds never take the top places.
      (document.hi - document.lo + 1 === document.n && !kind
        ? inRange.all(query, document.lo, document.hi, wanted)
        : joined.all(query, document.paperId, kind, kind, wanted)) as Candidate[],
  );
  return candidates.sort((a, b) => a.rank - b.rank).slice(0, wanted);
}

/**
 * Passage, title and snippet for the given ids only, in their order; `live` drops passages of
 * superseded documents (checked for these ids only), and `excludePaperId` and `kind` filter too.
 * Candidates that carry their snippet are read by id alone; others are snippeted through FTS5, which
 * seeks each id under the MATCH.
 */
function details(
  store: Store,
  query: string,
  candidates: Candidate[],
  filter: { live?: boolean; excludePaperId?: string | undefined; kind?: PassageKind | undefined },
): SearchHit[] {
  if (candidates.length === 0) return [];
  const snippeted = candidates.every((candidate) => candidate.snippet !== undefined);
  const live = filter.live
    ? 'AND s.document_id = (SELECT MAX(d.id) FROM documents d WHERE d.paper_id = s.paper_id)'
    : '';
  const exclude = filter.excludePaperId ? 'AND s.paper_id <> ?' : '';
  const kind = filter.kind ? 'AND s.kind = ?' : '';
  const ids = JSON.stringify(candidates.map((c) => c.id));
  const rest = [...(filter.excludePaperId ? [filter.excludePaperId] : []), ...(filter.kind ? [filter.kind] : [])];
  const rows = (
    snippeted
      ? prepared(
          store,
          `SELECT s.*, p.title AS title FROM passages s JOIN papers p ON p.id = s.paper_id
           WHERE s.id IN (SELECT value FROM json_each(?)) ${live} ${exclude} ${kind}`,
        ).all(ids, ...rest)
      : prepared(
          store,
          `SELECT s.*, p.title AS title, ${SNIPPET} AS snippet
           FROM passages_fts
           JOIN passages s ON s.id = passages_fts.rowid
           JOIN papers p ON p.id = s.paper_id
           WHERE passages_fts MATCH ? AND passages_fts.rowid IN (SELECT value FROM json_each(?)) ${live} ${exclude} ${kind}`,
        ).all(query, ids, ...rest)
  ) as (PassageRow & { title: string; snippet?: string })[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return candidates.flatMap((candidate) => {
    const row = byId.get(candidate.id);
    if (!row) return [];
    const snippet = candidate.snippet ?? row.snippet ?? '';
    return [{ passage: rowToPassage(row), title: row.title, score: -candidate.rank, snippet }];
  });
}

export interface LibraryHit {
  paper: Paper;
  /** 0–2: BM25 over title and abstract plus BM25 over passages, each scaled to the best hit. */
  score: number;
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;

/**
 * The local library as a paper source: papers with stored full text, ranked by BM25 over their titles
 * and abstracts (computed here: a personal library is small) and over their passages (FTS5), each
 * scaled to its best hit and summed. Papers matching neither are left out.
 */
export function searchLibraryPapers(store: Store, text: string, options: { limit?: number } = {}): LibraryHit[] {
  const terms = [...new Set(contentStems(text))];
  if (terms.length === 0) return [];
  const rows = store.db
    .prepare('SELECT p.* FROM papers p WHERE EXISTS (SELECT 1 FROM documents d WHERE d.paper_id = p.id)')
    .all() as PaperRow[];
  return rankLibrary(rows, terms, searchPassages(store, terms.join(' '), { match: 'any', limit: 500 }), options.limit);
}

/**
 * The ranking of `searchLibraryPapers` (shared with the Postgres store): `rows` are the papers with
 * text, `terms` the query's stems, `passageHits` the passage search for those stems.
 */
export function rankLibrary(rows: PaperRow[], terms: string[], passageHits: SearchHit[], limit = 25): LibraryHit[] {
  const docs = rows.map((row) => contentStems(`${row.title} ${row.abstract ?? ''}`));
  const averageLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length);
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const metadata = new Map<string, number>();
  docs.forEach((doc, index) => {
    let score = 0;
    for (const term of terms) {
      const tf = doc.filter((t) => t === term).length;
      if (tf === 0) continue;
      const n = df.get(term) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / averageLength));
    }
    if (score > 0) metadata.set(rows[index]!.id, score);
  });
  const passages = new Map<string, number>();
  for (const hit of passageHits) {
    passages.set(hit.passage.paperId, Math.max(passages.get(hit.passage.paperId) ?? 0, hit.score));
  }
  const scale = (values: Map<string, number>) => Math.max(0, ...values.values()) || 1;
  const metadataScale = scale(metadata);
  const passageScale = scale(passages);
  return rows
    .map((row) => ({
      paper: rowToPaper(row),
      score: (metadata.get(row.id) ?? 0) / metadataScale + (passages.get(row.id) ?? 0) / passageScale,
    }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id))
    .slice(0, limit);
}
