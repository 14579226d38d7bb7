import { contentStems } from '../core/relevance.ts';
import type { Paper, Passage, PassageKind } from '../core/types.ts';
import { bm25TopKInRanges } from './bm25-in-range.ts';
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
}

/**
 * BM25 search over the passages of each paper's newest document. The top-ranked row ids come first,
 * and only those few rows are then read, checked for being live and snippeted. Where the query's
 * words are in few passages, one statement has FTS5 rank them all and returns the top rows whole
 * (rankedByFts5); where they are in many, bm25-top-k.ts finds the same top ids with the same scores
 * without ranking every match. Paper filters instead restrict the index lookup to that paper's
 * passages, so a small paper is never searched for among a million others.
 */
export function searchPassages(store: Store, text: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 10;
  const match = options.match ?? 'all-then-any';
  const terms = quotedTerms(text);
  const query = queryOf(terms, match);
  if (!query || limit <= 0) return [];
  // Inside a write transaction FTS5's saved totals lag its index, so FTS5 ranks the matches itself.
  const matches = store.db.inTransaction ? 0 : matchesToRank(store, terms);
  const ownRanking = matches > FTS5_RANKS_UP_TO;
  if (options.paperId || options.paperIds) {
    const ranking = ownRanking ? { terms, boost: match === 'all-then-any', matches } : null;
    return details(store, query, inPapers(store, query, ranking, limit, options), { kind: options.kind });
  }
  const filter = { live: true, excludePaperId: options.excludePaperId, kind: options.kind };
  // Usually every top id is live: one round. Otherwise ask for more until enough or none are left.
  for (let fetch = limit; ; fetch *= 4) {
    const ranked = ownRanking ? bm25TopK(store, terms, match === 'all-then-any', fetch) : null;
    const { hits, fetched } = ranked
      ? { hits: details(store, query, ranked.ranked, filter), fetched: ranked.ranked.length }
      : rankedByFts5(store, query, fetch, filter);
    if (hits.length >= limit || fetched < fetch) {
      const best = hits.slice(0, limit);
      return ranked?.approximate ? best.map((hit) => ({ ...hit, approximate: true as const })) : best;
    }
  }
}

/**
 * Up to this many matches FTS5's own ranking (about 1.5 µs a match) costs about what looking up the
 * rare words would, and needs no second query for the snippets. (Since the rare words are read from
 * the index at about 0.5–0.9 µs a passage, 2,000 and 4,000 were tried too: the same 50th and 95th
 * percentiles at 100k and 1M passages, within the run-to-run noise.)
 */
const FTS5_RANKS_UP_TO = 8_000;

/**
 * When litmus ranks one paper's passages itself rather than asking bm25(): bm25() counts every
 * passage of the library holding each word (about 0.04 µs a passage, twice over for the all-words
 * group), and litmus, at worst, reads each word in the paper's passages holding it (highlight(),
 * about 5 µs each). The two cost the same where the matches ≈ 125 × the paper's passages (two words).
 * On the benchmark one paper of a 100k library is faster through bm25() (p95 6 vs 24 ms) and one of
 * 1M through litmus (24 vs 38 ms). Several papers always go to litmus: bm25() counts again for each
 * paper, while litmus's bar for the top k is shared and rises sooner (100 papers of 1M: p95 0.12–0.19 s
 * against 3.6–4.8 s; with this rule applied to them too, 0.36–0.58 s).
 */
const BM25_COUNTS_PER_PASSAGE_READ = 125;

/** How many passages hold each word, summed: what FTS5's rank sort would score. */
function matchesToRank(store: Store, terms: string[]): number {
  const statistics = fts5Statistics(store);
  return terms.reduce((sum, quoted) => sum + statistics.term(quoted).df, 0);
}

/**
 * FTS5 ranks the matches itself and one statement returns the top `fetch` with everything a hit
 * shows: FTS5 snippets only the rows its LIMIT lets through, and the passage row, title and newest
 * document are looked up for those rows alone. Equal ranks stay in passage order, as FTS5 sorts them.
 * The LIMIT is written into the statement (one compiled statement per limit asked for): the same
 * LIMIT bound as a parameter measured ~0.07 ms a query slower at 10k passages (bench/search.ts), as
 * the planner can use only a limit it knows when it compiles the statement.
 * `fetched` counts the rows FTS5 returned, before the filters.
 */
function rankedByFts5(
  store: Store,
  query: string,
  fetch: number,
  filter: { excludePaperId?: string | undefined; kind?: PassageKind | undefined },
): { hits: SearchHit[]; fetched: number } {
  // Written in up to a limit of 100 (so at most 100 such statements a connection), bound above.
  const written = fetch <= 100 ? String(Math.trunc(fetch)) : null;
  const rows = prepared(
    store,
    `SELECT t.rank, t.snippet, p.title, (SELECT MAX(d.id) FROM documents d WHERE d.paper_id = s.paper_id) AS newest, s.*
     FROM (SELECT rowid AS id, rank, ${SNIPPET} AS snippet FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ${written ?? '?'}) t
     LEFT JOIN passages s ON s.id = t.id LEFT JOIN papers p ON p.id = s.paper_id
     ORDER BY t.rank, t.id`,
  ).all(query, ...(written ? [] : [fetch])) as (PassageRow & {
    rank: number;
    snippet: string;
    title: string;
    newest: number;
  })[];
  const hits: SearchHit[] = [];
  for (const row of rows) {
    // No passage row (an index entry left behind) or a superseded document: not a hit.
    if (row.id === null || row.document_id !== row.newest) continue;
    if (row.paper_id === filter.excludePaperId || (filter.kind && row.kind !== filter.kind)) continue;
    hits.push({ passage: rowToPassage(row), title: row.title, score: -row.rank, snippet: row.snippet });
  }
  return { hits, fetched: rows.length };
}

/**
 * One FTS5 query that decides recall itself: any word matches; for 'all-then-any' the all-words
 * conjunction is OR-ed in as well, so a passage with every word scores its terms twice in BM25 and
 * ranks above passages with only some (no second AND-then-OR round trip).
 */
export function rankedQuery(text: string, match: 'all-then-any' | 'any'): string | null {
  return queryOf(quotedTerms(text), match);
}

function queryOf(terms: string[], match: 'all-then-any' | 'any'): string | null {
  if (terms.length === 0) return null;
  const any = terms.join(' OR ');
  return match === 'any' || terms.length === 1 ? any : `${any} OR (${terms.join(' AND ')})`;
}

/**
 * Top ids among the live passages of the given papers. A document's passages are written in one
 * transaction, so their ids are usually one contiguous range, which FTS5 seeks to directly (a small
 * paper is not searched for among a million passages). Where the query's words are in many passages,
 * `ranking` is set, and where that makes bm25() dear bm25-in-range.ts ranks the ranges with the
 * library's counts kept per connection, since bm25() counts every passage holding each word again
 * for every paper. A document whose ids are not contiguous, or a kind filter, is searched through a
 * join with bm25().
 */
function inPapers(
  store: Store,
  query: string,
  ranking: { terms: string[]; boost: boolean; matches: number } | null,
  wanted: number,
  options: SearchOptions,
): Candidate[] {
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
  // A kind filter goes through the join too, so passages of other kinds never take the top places.
  const contiguous = kind ? [] : documents.filter((document) => document.hi - document.lo + 1 === document.n);
  const others = documents.filter((document) => !contiguous.includes(document));
  const candidates: Candidate[] = others.flatMap(
    (document) => joined.all(query, document.paperId, kind, kind, wanted) as Candidate[],
  );
  const inScope = contiguous.reduce((sum, document) => sum + document.n, 0);
  if (ranking && (contiguous.length > 1 || ranking.matches > BM25_COUNTS_PER_PASSAGE_READ * inScope)) {
    candidates.push(...bm25TopKInRanges(store, ranking.terms, ranking.boost, wanted, contiguous).ranked);
  } else {
    for (const document of contiguous) {
      candidates.push(...(inRange.all(query, BigInt(document.lo), BigInt(document.hi), wanted) as Candidate[]));
    }
  }
  return candidates.sort((a, b) => a.rank - b.rank || a.id - b.id).slice(0, wanted);
}

/**
 * Passage, title and snippet for the given ids only, in their order; `live` drops passages of
 * superseded documents (checked for these ids only), and `excludePaperId` and `kind` filter too.
 * The snippets come from FTS5, which seeks each id under the MATCH.
 */
function details(
  store: Store,
  query: string,
  candidates: Candidate[],
  filter: { live?: boolean; excludePaperId?: string | undefined; kind?: PassageKind | undefined },
): SearchHit[] {
  if (candidates.length === 0) return [];
  const live = filter.live
    ? 'AND s.document_id = (SELECT MAX(d.id) FROM documents d WHERE d.paper_id = s.paper_id)'
    : '';
  const exclude = filter.excludePaperId ? 'AND s.paper_id <> ?' : '';
  const kind = filter.kind ? 'AND s.kind = ?' : '';
  const ids = JSON.stringify(candidates.map((c) => c.id));
  const rest = [...(filter.excludePaperId ? [filter.excludePaperId] : []), ...(filter.kind ? [filter.kind] : [])];
  const rows = prepared(
    store,
    `SELECT s.*, p.title AS title, ${SNIPPET} AS snippet
     FROM passages_fts
     JOIN passages s ON s.id = passages_fts.rowid
     JOIN papers p ON p.id = s.paper_id
     WHERE passages_fts MATCH ? AND passages_fts.rowid IN (SELECT value FROM json_each(?)) ${live} ${exclude} ${kind}`,
  ).all(query, ids, ...rest) as (PassageRow & { title: string; snippet: string })[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return candidates.flatMap((candidate) => {
    const row = byId.get(candidate.id);
    if (!row) return [];
    return [{ passage: rowToPassage(row), title: row.title, score: -candidate.rank, snippet: row.snippet }];
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
