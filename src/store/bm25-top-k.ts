import { prepared, type SearchableStore } from './statement-cache.ts';
import { BM25_B, BM25_K1, type Fts5Statistics, fts5Statistics, type TermStatistic } from './fts5-statistics.ts';

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
  /** The most passages the rare-word lookup may score through bm25() (about 1.5 µs each). */
  budget: number;
  /** Passages of common words scored when the rare words cannot settle the top k. */
  window: number;
}

/**
 * Chosen on the 1M-passage benchmark (bench/search.ts): a larger budget answers more queries exactly
 * (188 of 200 at 16,000 against 181 at 8,000) at about the same 95th percentile; a smaller one sends
 * more queries to the window, which costs more than the lookups it saves.
 */
export const DEFAULT_LIMITS: TopKLimits = { budget: 16_000, window: 200 };

/** A highlight marker that passage text never holds, so counting it counts the word's occurrences. */
const MARK = '\u0002\u0001\u0002';

export interface TopK {
  ranked: RankedId[];
  /** True when passages holding only common words were ranked within the newest `window`. */
  approximate: boolean;
  /** Passages scored in full (FTS5's rank sort scores every match). */
  scored: number;
}

type Word = TermStatistic & { quoted: string; index: number };

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
    if (rare.reduce((sum, word) => sum + word.df, 0) > limits.budget || rare.some((word) => !word.exact)) break;
    // Every passage holding a rare word, with the rare words' share of its score (summed in the
    // query's order, as bm25() sums) and how many of them it holds.
    const partial = new Map<number, { share: number; held: number }>();
    for (const word of [...rare].sort((x, y) => x.index - y.index)) {
      for (const [id, share] of scorer.shares(word)) {
        const seen = partial.get(id);
        if (seen) {
          seen.share += share;
          seen.held += 1;
        } else partial.set(id, { share, held: 1 });
      }
    }
    if (rest.length === 0 && !doubled) {
      // Every word is looked up and none counts twice: these shares are the scores.
      const ordered = [...partial].sort((x, y) => y[1].share - x[1].share || x[0] - y[0]);
      return {
        ranked: ordered.slice(0, k).map(([id, { share }]) => ({ id, rank: -share })),
        approximate: false,
        scored: ordered.length,
      };
    }
    const holders = new Map(rest.map((word) => [word, scorer.alsoHolding(rare, word)]));
    // The most each passage could score: its rare words' share, plus the most each common word it
    // holds could add, doubled if it holds every word. Exact for a passage with no common word.
    const bounds = [...partial]
      .map(([id, { share, held }]) => {
        let extra = 0;
        let all = held === rare.length;
        for (const [word, holding] of holders) {
          if (holding.has(id)) extra += word.idf * (BM25_K1 + 1);
          else all = false;
        }
        const twice = doubled && all;
        return { id, share, bound: (twice ? 2 : 1) * (share + extra), exact: extra === 0 && !twice };
      })
      .sort((x, y) => y.bound - x.bound || x.id - y.id);
    let settled = false;
    for (let start = 0; start < bounds.length && !settled; start += 256) {
      const batch: number[] = [];
      for (const { id, share, bound, exact } of bounds.slice(start, start + 256)) {
        const threshold = scores.kth();
        if (threshold !== null && bound * (1 + 1e-12) < threshold) {
          settled = true;
          break;
        }
        if (scores.has(id)) continue;
        if (exact) scores.set(id, share);
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
    'SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  )
    .pluck()
    .all(present.map((word) => word.quoted).join(' OR '), limits.window) as number[];
  const unscored = newest.filter((id) => !scores.has(id));
  const everyWord = new Map(present.map((word) => [word, null]));
  scorer.score(unscored, [], everyWord, scores);
  return { ranked: scores.best(), approximate: true, scored: scores.size };
}

/**
 * Scores passages exactly as bm25() does for the query: each phrase of the query in its order (the
 * words, then for a passage holding every word the words again, as the OR-ed conjunction adds them),
 * IDF × tf·(k1+1) / (tf + k1·(1 − b + b·length/average length)), summed in that order. A rare word's
 * share is bm25() of that word alone (the same arithmetic on the same numbers); a common word's is
 * computed here from its frequency in the passage, read with highlight() for the few passages that
 * hold it.
 */
class Scorer {
  private readonly rareShares = new Map<Word, Map<number, number>>();

  constructor(
    private readonly store: SearchableStore,
    private readonly statistics: Fts5Statistics,
    private readonly words: Word[],
    private readonly doubled: boolean,
  ) {}

  /** bm25() of the word alone, for every passage holding it. */
  shares(word: Word): Map<number, number> {
    let shares = this.rareShares.get(word);
    if (!shares) {
      const rows = prepared(this.store, 'SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?')
        .raw()
        .all(word.quoted) as [number, number][];
      shares = new Map(rows.map(([id, rank]) => [id, -rank]));
      this.rareShares.set(word, shares);
    }
    return shares;
  }

  /** Passages holding one of the rare words and this one (an AND that seeks into the common word's list). */
  alsoHolding(rare: Word[], word: Word): Set<number> {
    const query = `(${rare.map((w) => w.quoted).join(' OR ')}) AND ${word.quoted}`;
    return new Set(
      prepared(this.store, 'SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?').pluck().all(query) as number[],
    );
  }

  /**
   * Full scores of `ids` into `scores`. `rare` words' shares are known; each other word in `holders`
   * is read from the passages its set names (null: from any of `ids`).
   */
  score(ids: number[], rare: Word[], holders: Map<Word, Set<number> | null>, scores: Scores): void {
    if (ids.length === 0) return;
    const frequencies = new Map<Word, Map<number, number>>();
    const needLength = new Set<number>();
    for (const [word, holding] of holders) {
      const targets = holding ? ids.filter((id) => holding.has(id)) : ids;
      const counts = targets.length > 0 ? this.frequencies(word, targets) : new Map<number, number>();
      for (const id of counts.keys()) needLength.add(id);
      frequencies.set(word, counts);
    }
    const lengths = needLength.size > 0 ? this.statistics.lengths([...needLength]) : new Map<number, number>();
    const rareSet = new Set(rare);
    for (const id of ids) {
      const share = this.words.map((word) => {
        if (rareSet.has(word)) return this.rareShares.get(word)?.get(id) ?? 0;
        const tf = frequencies.get(word)?.get(id) ?? 0;
        return tf === 0 ? 0 : this.share(word, tf, lengths.get(id) ?? 0);
      });
      const phrases = this.doubled && share.every((s) => s > 0) ? [...share, ...share] : share;
      let total = 0;
      for (const s of phrases) total += s;
      scores.set(id, total);
    }
  }

  private share(word: Word, tf: number, length: number): number {
    return (
      word.idf *
      ((tf * (BM25_K1 + 1.0)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * length) / this.statistics.averageLength)))
    );
  }

  /** How often the word occurs in each passage, counted from FTS5's own highlight of it. */
  private frequencies(word: Word, ids: number[]): Map<number, number> {
    const rows = prepared(
      this.store,
      `SELECT rowid, highlight(passages_fts, 0, '${MARK}', '') FROM passages_fts
       WHERE passages_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
    )
      .raw()
      .all(word.quoted, JSON.stringify(ids)) as [number, string][];
    return new Map(rows.map(([id, text]) => [id, text.split(MARK).length - 1]));
  }
}

/** Full scores so far, with the k best kept in order so the k-th is known after every batch. */
class Scores {
  private readonly all = new Map<number, number>();
  private readonly top: number[] = [];

  constructor(private readonly k: number) {}

  get size(): number {
    return this.all.size;
  }

  has(id: number): boolean {
    return this.all.has(id);
  }

  /** Records a passage's score; a passage already scored keeps it (its score is the same). */
  set(id: number, score: number): void {
    if (this.all.has(id)) return;
    this.all.set(id, score);
    let i = this.top.length;
    while (i > 0 && this.top[i - 1]! < score) i -= 1;
    if (i < this.k) {
      this.top.splice(i, 0, score);
      if (this.top.length > this.k) this.top.pop();
    }
  }

  /** The k-th best score, or null while fewer than k passages are scored. */
  kth(): number | null {
    return this.top.length < this.k ? null : this.top[this.k - 1]!;
  }

  /** Best first; equal scores in passage order, as FTS5's rank sort leaves them. */
  best(): RankedId[] {
    return [...this.all]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.k)
      .map(([id, score]) => ({ id, rank: -score }));
  }
}
