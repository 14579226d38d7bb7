import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bm25TopKInRanges } from '../../../src/store/bm25-in-range.ts';
import { bm25TopK } from '../../../src/store/bm25-top-k.ts';
import { readVarints } from '../../../src/store/fts5-postings.ts';
import { quotedTerms, rankedQuery } from '../../../src/store/search.ts';
import { addParagraphPaper } from '../../support/paragraph-paper.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

/**
 * bm25-top-k.ts claims FTS5's own ranking — the same passages, the same scores to the last bit, ties
 * in passage order — without ranking every match. Checked against `ORDER BY rank` on a generated
 * corpus with Zipf-like words (a few in over half the passages, where bm25() clamps the IDF), passages
 * of varied length, and words repeated within a passage; with limits small enough that the common
 * words must be skipped, and smaller still, where the answer is only approximate.
 */

const VOCABULARY = Array.from({ length: 400 }, (_, i) => `w${i}x`);

function paragraphs(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const word = () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)]!;
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(random() * 40) }, word).join(' '));
}

function fts5Ranking(store: SqliteTestStore, text: string, boost: boolean, k: number): { id: number; rank: number }[] {
  return store.db
    .prepare('SELECT rowid AS id, rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?')
    .all(rankedQuery(text, boost ? 'all-then-any' : 'any'), k) as { id: number; rank: number }[];
}

/** Each query is ranked with and without the all-words boost, and for a few k. */
const SETTINGS = [
  [true, 10],
  [false, 10],
  [true, 1],
  [true, 60],
] as const;

describe('bm25TopK ranks as FTS5 does', () => {
  let store: SqliteTestStore;
  const random = seededRandom(5);
  const pick = () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 2)]!;
  const queries = [
    ...Array.from({ length: 40 }, () => `${pick()} ${pick()}`),
    ...Array.from({ length: 15 }, () => `${pick()} ${pick()} ${pick()}`),
    'w0x w1x', // both in over half the passages
    'w0x w350x', // a common word and a rare one
    'w399x w398x w0x',
    'w2x nowhere',
  ];

  beforeAll(async () => {
    store = openSqliteStore();
    for (let d = 0; d < 6; d += 1) await addParagraphPaper(store, `gen:${d}`, paragraphs(500, 100 + d));
  });
  afterAll(() => store.close());

  it('the corpus has words in over half the passages, rare words and repeated words', () => {
    const count = (word: string) =>
      store.db
        .prepare('SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?')
        .pluck()
        .get(`"${word}"`) as number;
    expect(count('w0x')).toBeGreaterThan(1500);
    expect(count('w350x')).toBeLessThan(60);
    const repeated = store.db
      .prepare("SELECT count(*) FROM passages WHERE text LIKE '%w0x%w0x%'")
      .pluck()
      .get() as number;
    expect(repeated).toBeGreaterThan(100);
  });

  it('with room to look up every word: the same ids and the same scores, bit for bit', () => {
    let compared = 0;
    for (const text of queries) {
      for (const [boost, k] of SETTINGS) {
        const ours = bm25TopK(store, quotedTerms(text), boost, k);
        expect(ours.approximate).toBe(false);
        expect({ text, boost, k, ranked: ours.ranked }).toEqual({
          text,
          boost,
          k,
          ranked: fts5Ranking(store, text, boost, k),
        });
        compared += ours.ranked.length;
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it('skipping the common words (MaxScore) gives the same answer while scoring fewer passages', () => {
    let skipped = 0;
    for (const text of queries) {
      for (const boost of [true, false]) {
        const ours = bm25TopK(store, quotedTerms(text), boost, 10, { budget: 400, window: 50 });
        if (ours.approximate) continue;
        expect({ text, boost, ranked: ours.ranked }).toEqual({
          text,
          boost,
          ranked: fts5Ranking(store, text, boost, 10),
        });
        const matches = fts5Ranking(store, text, boost, 100_000).length;
        if (ours.scored < matches / 2) skipped += 1;
      }
    }
    expect(skipped).toBeGreaterThan(20);
  });

  it('beyond the budget: approximate, but every score is the passage’s exact bm25() and the order is by it', () => {
    let approximate = 0;
    for (const text of queries) {
      const ours = bm25TopK(store, quotedTerms(text), true, 10, { budget: 0, window: 50 });
      if (!ours.approximate) continue;
      approximate += 1;
      const exact = new Map(fts5Ranking(store, text, true, 100_000).map((row) => [row.id, row.rank]));
      for (const { id, rank } of ours.ranked) expect(rank).toBe(exact.get(id));
      const ranks = ours.ranked.map((r) => r.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(approximate).toBeGreaterThan(40);
  });

  it('within given papers’ id ranges: FTS5’s ranking of those passages, scores bit for bit, fewer scored', () => {
    const rangeOf = store.db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM passages WHERE paper_id = ?');
    const ranges = ['gen:1', 'gen:4'].map((id) => rangeOf.get(id) as { lo: number; hi: number });
    const inRanges = (id: number) => ranges.some((range) => id >= range.lo && id <= range.hi);
    let pruned = 0;
    for (const text of queries) {
      for (const [boost, k] of SETTINGS) {
        const ours = bm25TopKInRanges(store, quotedTerms(text), boost, k, ranges);
        const matches = fts5Ranking(store, text, boost, 100_000).filter((row) => inRanges(row.id));
        expect({ text, boost, k, ranked: ours.ranked }).toEqual({ text, boost, k, ranked: matches.slice(0, k) });
        if (ours.scored < matches.length / 2) pruned += 1;
      }
    }
    expect(pruned).toBeGreaterThan(20);
  });

  it('sees new passages at once: the statistics are read again after a write', async () => {
    const before = bm25TopK(store, quotedTerms('w0x w350x'), true, 5);
    await addParagraphPaper(store, 'gen:late', ['w350x w350x w0x', 'w350x w0x w0x w0x']);
    const after = bm25TopK(store, quotedTerms('w0x w350x'), true, 5);
    expect(after.ranked).not.toEqual(before.ranked);
    expect(after.ranked).toEqual(fts5Ranking(store, 'w0x w350x', true, 5));
  });

  it('the store’s search ranks by it once the words are in more passages than FTS5 should rank', async () => {
    const big = openSqliteStore();
    try {
      // 120 papers of 100 passages: papers about as long as real ones, so a query of common words makes
      // litmus rank a paper's passages itself (search.ts: when bm25() would count more than it reads).
      for (let d = 0; d < 120; d += 1) await addParagraphPaper(big, `big:${d}`, paragraphs(100, 900 + d));
      const common = big.db.prepare('SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?').pluck();
      expect(common.get('"w0x"')).toBeGreaterThan(8000);
      for (const text of ['w0x w300x', 'w1x w0x', 'w0x w1x w350x']) {
        const hits = await big.passages.search(text, { limit: 10 });
        expect(hits.map((hit) => [hit.passage.id, -hit.score])).toEqual(
          fts5Ranking(big, text, true, 10).map((row) => [row.id, row.rank]),
        );
      }
      // Within given papers the ranking is exact for every query, a common word alone included.
      const rangeOf = big.db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM passages WHERE paper_id = ?');
      for (const papers of [['big:3'], ['big:2', 'big:9', 'big:11']]) {
        const ranges = papers.map((id) => rangeOf.get(id) as { lo: number; hi: number });
        const inPapers = (id: number) => ranges.some((range) => id >= range.lo && id <= range.hi);
        for (const text of ['w0x', 'w0x w300x', 'w1x w0x', 'w0x w1x w350x']) {
          const options = papers.length === 1 ? { paperId: papers[0] } : { paperIds: papers };
          const hits = await big.passages.search(text, { ...options, limit: 10 });
          expect(hits.every((hit) => hit.approximate === undefined)).toBe(true);
          expect(hits.map((hit) => [hit.passage.id, -hit.score])).toEqual(
            fts5Ranking(big, text, true, 100_000)
              .filter((row) => inPapers(row.id))
              .slice(0, 10)
              .map((row) => [row.id, row.rank]),
          );
        }
      }
      // A long query of common words in one paper (a claim's sentence, in evidence retrieval) holds
      // so many matches that litmus ranks the paper's passages itself: still FTS5's ranking exactly.
      const long = VOCABULARY.slice(0, 64).join(' ');
      const summed = VOCABULARY.slice(0, 64).reduce((sum, word) => sum + (common.get(`"${word}"`) as number), 0);
      expect(summed).toBeGreaterThan(125 * 100);
      const range = rangeOf.get('big:5') as { lo: number; hi: number };
      const inLong = await big.passages.search(long, { paperId: 'big:5', limit: 10 });
      expect(inLong.map((hit) => [hit.passage.id, -hit.score])).toEqual(
        fts5Ranking(big, long, true, 100_000)
          .filter((row) => row.id >= range.lo && row.id <= range.hi)
          .slice(0, 10)
          .map((row) => [row.id, row.rank]),
      );
      // A common word alone is ranked among its newest passages: exact scores, not the global top.
      const exact = new Map(fts5Ranking(big, 'w0x', true, 100_000).map((row) => [row.id, row.rank]));
      const hits = await big.passages.search('w0x', { limit: 10 });
      expect(hits).toHaveLength(10);
      for (const hit of hits) expect(-hit.score).toBe(exact.get(hit.passage.id));
    } finally {
      await big.close();
    }
  });
});

describe('readVarints', () => {
  it('reads SQLite varints of one to nine bytes', () => {
    expect(readVarints(Uint8Array.from([0x1e]))).toEqual([30]);
    expect(readVarints(Uint8Array.from([0xbd, 0x84, 0x40, 0x8e, 0xa7, 0x87, 0x00]))).toEqual([1_000_000, 30_000_000]);
    // The ninth byte counts all eight bits.
    expect(readVarints(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xff, 0x05]))).toEqual([
      255, 5,
    ]);
  });
});
