import type { Store } from './db.ts';
import { passageLengths, readVarints } from './fts5-postings.ts';
import { prepared, type SearchableStore } from './statement-cache.ts';

/**
 * The numbers FTS5's bm25() ranks by, read so litmus can score a passage without bm25() itself —
 * which, in every statement that calls it, counts every passage holding each query word (a full pass
 * over a common word's list of passages, the cost of a 1M-passage search). Here each word is counted
 * once per connection. Kept until the data changes (another connection's commit moves
 * `PRAGMA data_version`, this one's writes move total_changes()).
 *
 * The row count, token total and per-passage token counts are FTS5's own records (the "averages"
 * record in passages_fts_data and passages_fts_docsize), so scores match bm25() to the last bit; the
 * IDF is taken with SQLite's ln(), the same C log() bm25() calls.
 */

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

export interface TermStatistic {
  /** Passages holding the word (counted once per connection and word, as bm25() counts it per query). */
  df: number;
  /** bm25()'s inverse document frequency for a word in `df` passages (never below 1e-6). */
  idf: number;
}

export interface Fts5Statistics {
  rows: number;
  averageLength: number;
  term(quoted: string): TermStatistic;
  /** Token counts of the given passages (bm25()'s document length). */
  lengths(ids: number[]): Map<number, number>;
}

interface Cached {
  generation: string;
  statistics: Fts5Statistics;
}

const cache = new WeakMap<Store['db'], Cached>();

/** The statistics of the store's passages as they are now (rebuilt after any write). */
export function fts5Statistics(store: SearchableStore): Fts5Statistics {
  const generation = `${prepared(store, 'PRAGMA data_version').pluck().get()}:${prepared(store, 'SELECT total_changes()').pluck().get()}`;
  const cached = cache.get(store.db);
  if (cached?.generation === generation) return cached.statistics;
  const statistics = readStatistics(store);
  cache.set(store.db, { generation, statistics });
  return statistics;
}

function readStatistics(store: SearchableStore): Fts5Statistics {
  const block = prepared(store, 'SELECT block FROM passages_fts_data WHERE id = 1').pluck().get() as Buffer | undefined;
  const averages = block ? readVarints(block) : [];
  const rows = averages[0] ?? 0;
  const tokens = averages.slice(1).reduce((sum, n) => sum + n, 0);
  const averageLength = rows > 0 ? tokens / rows : 0;
  const terms = new Map<string, TermStatistic>();
  const counter = prepared(store, 'SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?').pluck();
  const idfOf = prepared(store, 'SELECT ln((? - ? + 0.5) / (? + 0.5))').pluck();
  return {
    rows,
    averageLength,
    term(quoted) {
      const known = terms.get(quoted);
      if (known) return known;
      const df = counter.get(quoted) as number;
      const ln = rows > 0 ? (idfOf.get(rows, df, df) as number | null) : null;
      const idf = ln === null || !(ln > 0) ? 1e-6 : ln;
      const statistic = { df, idf };
      terms.set(quoted, statistic);
      return statistic;
    },
    lengths(ids) {
      return passageLengths(store, ids);
    },
  };
}
