import type { RankedId } from './bm25-top-k.ts';
import { termPostings } from './fts5-postings.ts';
import { BM25_B, BM25_K1, type Fts5Statistics, type TermStatistic } from './fts5-statistics.ts';
import { prepared, type SearchableStore } from './statement-cache.ts';

/** A query word with its statistics and its place in the query. */
export type Word = TermStatistic & { quoted: string; index: number };

/**
 * Below this many passages bm25() of one word costs well under a millisecond, less than finding its
 * stem the first time (about 0.2 ms) and setting up the index's instance table.
 */
const READ_POSTINGS_FROM = 1_000;

/** A highlight marker that passage text never holds, so counting it counts the word's occurrences. */
const MARK = '\u0002\u0001\u0002';

/**
 * Scores passages exactly as bm25() does for the query: each phrase of the query in its order (the
 * words, then for a passage holding every word the words again, as the OR-ed conjunction adds them),
 * IDF × tf·(k1+1) / (tf + k1·(1 − b + b·length/average length)), summed in that order. A rare word's
 * share is bm25() of that word alone (the same arithmetic on the same numbers); a common word's is
 * computed here from its frequency in the passage, read with highlight() for the few passages that
 * hold it.
 */
export class Scorer {
  private readonly rareShares = new Map<Word, Map<number, number>>();

  constructor(
    private readonly store: SearchableStore,
    private readonly statistics: Fts5Statistics,
    private readonly words: Word[],
    private readonly doubled: boolean,
  ) {}

  /**
   * bm25() of the word alone, for every passage holding it. A word in many passages is read from the
   * index (fts5-postings.ts: its count in each passage and the passage's length, about half
   * bm25()'s cost or less) and scored here with bm25()'s arithmetic; a rare one, or one the index cannot be
   * read for, is asked of bm25().
   */
  shares(word: Word): Map<number, number> {
    let shares = this.rareShares.get(word);
    if (!shares) {
      shares = (word.df >= READ_POSTINGS_FROM ? this.sharesFromIndex(word) : null) ?? this.sharesFromBm25(word);
      this.rareShares.set(word, shares);
    }
    return shares;
  }

  private sharesFromBm25(word: Word): Map<number, number> {
    const rows = prepared(this.store, 'SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?')
      .raw()
      .all(word.quoted) as [number, number][];
    return new Map(rows.map(([id, rank]) => [id, -rank]));
  }

  /** Null unless the index yields exactly the passages FTS5 counted for the word. */
  private sharesFromIndex(word: Word): Map<number, number> | null {
    const postings = termPostings(this.store, word.quoted);
    if (postings?.ids.length !== word.df) return null;
    const { ids, frequencies, lengths } = postings;
    return new Map(ids.map((id, i) => [id, this.share(word, frequencies[i]!, lengths[i]!)]));
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
export class Scores {
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
