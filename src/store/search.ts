import { contentStems } from '../core/relevance.ts';
import type { Paper, Passage } from '../core/types.ts';
import type { Store } from './db.ts';
import { type PassageRow, rowToPassage } from './documents.ts';
import { type PaperRow, rowToPaper } from './papers.ts';

export interface SearchHit {
  passage: Passage;
  title: string;
  /** BM25 relevance, higher is better (SQLite's bm25() is negated so larger means closer). */
  score: number;
  /** Snippet with the matched terms between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: string;
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
   * 'all-then-any' (default, for people): passages with every word, else any word. 'any': rank every
   * passage sharing a word by BM25 — for evidence retrieval, where requiring every word of a
   * decontextualised claim ("The X authors …") would skip the very sentence it came from.
   */
  match?: 'all-then-any' | 'any';
}

/**
 * Turns any user text into a safe FTS5 query: only word tokens survive, each quoted, so quotes,
 * operators (AND, NEAR, *, ^, :) and punctuation can never produce a syntax error.
 */
export function toFtsQuery(text: string, mode: 'all' | 'any'): string | null {
  const tokens = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
  const unique = [...new Set(tokens)].slice(0, 64);
  if (unique.length === 0) return null;
  return unique.map((t) => `"${t}"`).join(mode === 'all' ? ' AND ' : ' OR ');
}

/** BM25 search over passages: all words first; if nothing matches, any word (ranked by BM25). */
export function searchPassages(store: Store, text: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 10;
  const modes = options.match === 'any' ? (['any'] as const) : (['all', 'any'] as const);
  for (const mode of modes) {
    const query = toFtsQuery(text, mode);
    if (!query) return [];
    const hits = runQuery(store, query, limit, options);
    if (hits.length > 0 || mode === 'any') return hits;
  }
  return [];
}

function runQuery(store: Store, query: string, limit: number, options: SearchOptions): SearchHit[] {
  const filters: string[] = [];
  const params: unknown[] = [query];
  if (options.paperId) {
    filters.push('s.paper_id = ?');
    params.push(options.paperId);
  }
  if (options.paperIds) {
    if (options.paperIds.length === 0) return [];
    filters.push(`s.paper_id IN (${options.paperIds.map(() => '?').join(',')})`);
    params.push(...options.paperIds);
  }
  if (options.excludePaperId) {
    filters.push('s.paper_id <> ?');
    params.push(options.excludePaperId);
  }
  // Only passages of each paper's newest document are live.
  filters.push('s.document_id = (SELECT MAX(d.id) FROM documents d WHERE d.paper_id = s.paper_id)');
  params.push(limit);
  const rows = store.db
    .prepare(
      `SELECT s.*, p.title AS title, -bm25(passages_fts) AS score,
         snippet(passages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 24) AS snippet
       FROM passages_fts
       JOIN passages s ON s.id = passages_fts.rowid
       JOIN papers p ON p.id = s.paper_id
       WHERE passages_fts MATCH ? ${filters.length ? `AND ${filters.join(' AND ')}` : ''}
       ORDER BY bm25(passages_fts) LIMIT ?`,
    )
    .all(...params) as (PassageRow & { title: string; score: number; snippet: string })[];
  return rows.map((row) => ({
    passage: rowToPassage(row),
    title: row.title,
    score: row.score,
    snippet: row.snippet,
  }));
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
  for (const hit of searchPassages(store, terms.join(' '), { match: 'any', limit: 500 })) {
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
    .slice(0, options.limit ?? 25);
}
