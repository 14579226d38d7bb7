import FlatQueue from 'flatqueue';
import { Scorer, Scores, type Word } from './bm25-scorer.ts';
import { BM25_K1, fts5Statistics } from './fts5-statistics.ts';
import { prepared, type SearchableStore } from './statement-cache.ts';

/**
 * The top k passages by FTS5's own bm25() score — the same scores, in the same order — without
 * asking FTS5 to rank every match (its `ORDER BY rank` scores each passage holding any query word,
 * hundreds of thousands for a common word in a million passages, and first counts them all).
 *
 * MaxScore (Turtle & Flood, 1995): the rare words are looked up first (bm25() of each alone, which
 * counts and scores only that word's few passages), and the common words are read only in those
 * passages (an AND that seeks into their lists, and highlight() for how often they occur). A passage
 * without a rare word holds only common words, and can score at most what those could give (each
 * word's IDF × (k1 + 1)); once the k-th best score beats that, the passages of the common words are
 * never ranked. Rare words are added one at a time while they are not enough.
 *
 * Where even the rarest word is common (more than `budget` passages hold the words needed), an exact
 * answer means scoring them all; litmus then scores the passages of rare words it could afford in full
 * and, of the passages holding only common words, the newest `window` — so such a query (say "the
 * results" alone in a million passages) is ranked among recent passages rather than all of them.
 */

export interface RankedId {
  id: number;
  /** FTS5's rank: minus the bm25 score, so lower is better. */
  rank: number;
}

export interface TopKLimits {
  /** The most passages the rare-word lookup may score (read from the index, about 0.5–0.9 µs each). */
  budget: number;
  /** Passages of common words scored when the rare words cannot settle the top k. */
  window: number;
}

/**
 * Chosen on the 1M-passage benchmark (bench/search.ts): a larger budget answers more queries exactly
 * (188 of 200 at 16,000 against 181 at 8,000) at about the same 95th percentile; a smaller one sends
 * more queries to the window, which costs more than the lookups it saves. Since the rare words are
 * read from the index (fts5-postings.ts), 32,000 would answer three more of the 200 exactly at a 95th
 * percentile within the run-to-run noise, and 48,000 eight more at 22–24 ms against 16–20; kept at
 * 16,000, under the 20 ms goal with room for a slower machine.
 */
export const DEFAULT_LIMITS: TopKLimits = { budget: 16_000, window: 200 };

/**
 * Passages scored together, best bound first: the first batch, then each twice the last. A common
 * word is read in each candidate with highlight() (about 5 µs a passage), so a small first batch reads
 * it in fewer passages, and doubling keeps the statements few when many are needed. On the 1M-passage
 * benchmark's 98 queries ranked here, 64 scored 9,731 passages where a fixed 256 scored 14,353, and
 * the mean query took 6.7–6.8 ms against 7.4–7.8 (32 scored 9,157, with no clear gain in time).
 */
const FIRST_BATCH = 64;

export interface TopK {
  ranked: RankedId[];
  /** True when passages holding only common words were ranked within the newest `window`. */
  approximate: boolean;
  /** Passages scored in full (FTS5's rank sort scores every match). */
  scored: number;
}

/**
 * `terms` are quoted FTS5 words (as search.ts makes them); `boost` is 'all-then-any', where a passage
 * holding every word counts each twice (the conjunction OR-ed into the FTS5 query).
 */
export function bm25TopK(
  store: SearchableStore,
  terms: string[],
  boost: boolean,
  k: number,
  limits: TopKLimits = DEFAULT_LIMITS,
): TopK {
  const statistics = fts5Statistics(store);
  const words: Word[] = terms.map((quoted, index) => ({ quoted, index, ...statistics.term(quoted) }));
  // A word no passage holds adds nothing to any score, and no passage then holds every word.
  const present = words.filter((word) => word.df > 0);
  if (present.length === 0 || k <= 0) return { ranked: [], approximate: false, scored: 0 };
  const doubled = boost && words.length > 1 && present.length === words.length;
  const scorer = new Scorer(store, statistics, words, doubled);
  const scores = new Scores(k);
  const rarestFirst = [...present].sort((a, b) => a.df - b.df || a.index - b.index);
  for (let j = 1; j <= rarestFirst.length; j += 1) {
    const rare = rarestFirst.slice(0, j);
    const rest = rarestFirst.slice(j);
    if (rare.reduce((sum, word) => sum + word.df, 0) > limits.budget) break;
    const { shareOf, heldOf } = rareShares(scorer, rare);
    if (rest.length === 0 && !doubled) {
      // Every word is looked up and none counts twice: these shares are the scores.
      const ordered = [...shareOf].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      return {
        ranked: ordered.slice(0, k).map(([id, share]) => ({ id, rank: -share })),
        approximate: false,
        scored: ordered.length,
      };
    }
    // Which passages also hold each common word (null: not asked, as if every one did). A word in
    // over half the passages is not asked: it is in most of them, so knowing which tightens few
    // bounds, and its list is the longest to seek into.
    const holders = new Map(
      rest.map((word) => [word, word.df * 2 > statistics.rows ? null : scorer.alsoHolding(rare, word)]),
    );
    // The most each passage could score: its rare words' share, plus the most each common word it
    // may hold could add, doubled if it may hold every word. Exact for a passage with no common word.
    // Taken best bound first from a heap: only the few hundred above the final bar are ever taken,
    // so the tens of thousands below it are never sorted.
    const ids = [...shareOf.keys()];
    const exact = new Uint8Array(ids.length);
    const byBound = new FlatQueue<number>(ids.length);
    ids.forEach((id, i) => {
      let extra = 0;
      let all = (heldOf?.get(id) ?? 1) === rare.length;
      for (const [word, holding] of holders) {
        if (holding === null || holding.has(id)) extra += word.idf * (BM25_K1 + 1);
        else all = false;
      }
      const twice = doubled && all;
      exact[i] = extra === 0 && !twice ? 1 : 0;
      byBound.push(i, -(twice ? 2 : 1) * (shareOf.get(id)! + extra));
    });
    let settled = false;
    for (let size = FIRST_BATCH; byBound.length > 0 && !settled; size *= 2) {
      const batch: number[] = [];
      for (let taken = 0; taken < size && byBound.length > 0; taken += 1) {
        const threshold = scores.kth();
        if (threshold !== null && -byBound.peekValue()! * (1 + 1e-12) < threshold) {
          settled = true;
          break;
        }
        const i = byBound.pop()!;
        const id = ids[i]!;
        if (scores.has(id)) continue;
        if (exact[i]) scores.set(id, shareOf.get(id)!);
        else batch.push(id);
      }
      scorer.score(batch, rare, holders, scores);
    }
    // What the common words could give a passage holding no rare word.
    const restBound = rest.reduce((sum, word) => sum + word.idf * (BM25_K1 + 1), 0);
    const threshold = scores.kth();
    if (rest.length === 0 || (threshold !== null && threshold > restBound)) {
      return { ranked: scores.best(), approximate: false, scored: scores.size };
    }
  }
  // The rare words cannot settle it: score the newest passages holding any word as well.
  const newest = prepared(
    store,
    `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ${Math.trunc(limits.window)}`,
  )
    .pluck()
    .all(present.map((word) => word.quoted).join(' OR ')) as number[];
  const unscored = newest.filter((id) => !scores.has(id));
  const everyWord = new Map(present.map((word) => [word, null]));
  scorer.score(unscored, [], everyWord, scores);
  return { ranked: scores.best(), approximate: true, scored: scores.size };
}

/**
 * Every passage holding a rare word, with the rare words' share of its score (summed in the query's
 * order, as bm25() sums) and, for more than one rare word, how many of them it holds.
 */
function rareShares(
  scorer: Scorer,
  rare: Word[],
): { shareOf: Map<number, number>; heldOf: Map<number, number> | null } {
  if (rare.length === 1) return { shareOf: scorer.shares(rare[0]!), heldOf: null };
  const shareOf = new Map<number, number>();
  const heldOf = new Map<number, number>();
  for (const word of [...rare].sort((x, y) => x.index - y.index)) {
    for (const [id, share] of scorer.shares(word)) {
      const seen = shareOf.get(id);
      shareOf.set(id, seen === undefined ? share : seen + share);
      heldOf.set(id, (heldOf.get(id) ?? 0) + 1);
    }
  }
  return { shareOf, heldOf };
}
