import { Scorer, Scores, type Word } from './bm25-scorer.ts';
import type { RankedId } from './bm25-top-k.ts';
import { BM25_K1, fts5Statistics } from './fts5-statistics.ts';
import { prepared, type SearchableStore } from './statement-cache.ts';

/** Passage ids lo..hi: one document's passages, which are written in one transaction. */
export interface IdRange {
  lo: number;
  hi: number;
}

/**
 * The top k passages inside the given id ranges (the documents of given papers) by FTS5's own bm25()
 * score, the same scores in the same order, without bm25() itself. FTS5 works out bm25()'s statistics
 * afresh for every statement it runs, counting every passage of the whole library that holds each
 * query word: at a million passages, tens of milliseconds a common word, paid again for each paper
 * searched. Here the counts come from fts5-statistics.ts (once per connection), and FTS5 only finds
 * matches inside the ranges.
 *
 * MaxScore again (as bm25-top-k.ts), with the ranges small enough to read: the words are taken rarest
 * first, and the passages in range holding each are scored in full. A passage not yet scored holds
 * none of the words taken so far, so it cannot hold every word either (no doubling) and scores less
 * than the remaining words' IDF × (k1 + 1) summed; once the k-th best beats that, the rest — the
 * passages holding only common words — are never read.
 */
export function bm25TopKInRanges(
  store: SearchableStore,
  terms: string[],
  boost: boolean,
  k: number,
  ranges: IdRange[],
): { ranked: RankedId[]; scored: number } {
  const statistics = fts5Statistics(store);
  const words: Word[] = terms.map((quoted, index) => ({ quoted, index, ...statistics.term(quoted) }));
  const present = words.filter((word) => word.df > 0);
  if (present.length === 0 || k <= 0 || ranges.length === 0) return { ranked: [], scored: 0 };
  const doubled = boost && words.length > 1 && present.length === words.length;
  const scorer = new Scorer(store, statistics, words, doubled);
  const everyWord = new Map(present.map((word) => [word, null]));
  const scores = new Scores(k);
  const rarestFirst = [...present].sort((a, b) => a.df - b.df || a.index - b.index);
  for (let j = 0; j < rarestFirst.length; j += 1) {
    const holding = ranges.flatMap((range) => matchesInRange(store, rarestFirst[j]!, range));
    scorer.score(
      holding.filter((id) => !scores.has(id)),
      [],
      everyWord,
      scores,
    );
    const restBound = rarestFirst.slice(j + 1).reduce((sum, word) => sum + word.idf * (BM25_K1 + 1), 0);
    const threshold = scores.kth();
    if (threshold !== null && restBound * (1 + 1e-12) < threshold) break;
  }
  return { ranked: scores.best(), scored: scores.size };
}

/**
 * Ids in the range of the passages holding the word. The bounds are bound as BigInt: FTS5 applies a
 * rowid bound only when it is an INTEGER value, and better-sqlite3 binds a JS number as a REAL, which
 * FTS5 ignores — it then walks the word's whole list of passages (46 ms rather than 0.15 ms for one
 * paper's range of a word in 700k of a million passages).
 */
function matchesInRange(store: SearchableStore, word: Word, range: IdRange): number[] {
  return prepared(store, 'SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?')
    .pluck()
    .all(word.quoted, BigInt(range.lo), BigInt(range.hi)) as number[];
}
