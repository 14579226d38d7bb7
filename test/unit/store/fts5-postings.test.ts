import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bm25TopK } from '../../../src/store/bm25-top-k.ts';
import { passageLengths, readVarints, termPostings } from '../../../src/store/fts5-postings.ts';
import { quotedTerms, rankedQuery } from '../../../src/store/search.ts';
import { addParagraphPaper } from '../../support/paragraph-paper.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

/**
 * fts5-postings.ts reads a word's passages, its count in each and their lengths from FTS5's index, by
 * the stem FTS5 itself makes of the word; bm25-scorer.ts then scores a word in 1,000
 * passages or more from them rather than through bm25(). Checked on inflected English words and
 * accented spellings, which the Porter stemmer and the diacritic folding turn into one term.
 */

const FORMS = ['evaluated', 'evaluations', 'Évaluation', 'models', 'modelling', 'studies', 'study', 'café', 'CAFE'];
const FILLER = ['the', 'results', 'show', 'a', 'gain', 'on', 'benchmark', 'tasks', 'for', 'code', 'generation'];

/** Passage lengths whose size record is 0x81 0x00 (128), two or three bytes. */
const LONG_SIZES = [127, 128, 129, 256, 300, 16_384, 20_000];

function paragraphs(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 4 + Math.floor(random() * 60) }, () =>
      random() < 0.12 ? FORMS[Math.floor(random() * FORMS.length)]! : FILLER[Math.floor(random() * FILLER.length)]!,
    ).join(' '),
  );
}

describe('reading a word from the FTS5 index', () => {
  let store: SqliteTestStore;
  const sizeOf = (id: number) =>
    readVarints(store.db.prepare('SELECT sz FROM passages_fts_docsize WHERE id = ?').pluck().get(id) as Buffer)[0];
  const count = (quoted: string) =>
    store.db.prepare('SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?').pluck().get(quoted) as number;

  beforeAll(async () => {
    store = openSqliteStore();
    for (let d = 0; d < 4; d += 1) await addParagraphPaper(store, `forms:${d}`, paragraphs(600, 40 + d));
    const long = (size: number) => ['marigolds', ...Array.from({ length: size - 1 }, () => 'filler')].join(' ');
    await addParagraphPaper(store, 'long', LONG_SIZES.map(long));
  });
  afterAll(() => store.close());

  it('finds the passages FTS5 matches for an inflected or accented word, with its count in each', () => {
    const highlight = store.db.prepare(
      "SELECT rowid AS id, highlight(passages_fts, 0, '\u0001', '') AS marked FROM passages_fts WHERE passages_fts MATCH ?",
    );
    for (const word of ['evaluating', 'éVALUATIONS', 'model', 'studied', 'cafés', 'Cafe']) {
      const [quoted] = quotedTerms(word);
      const postings = termPostings(store, quoted!);
      const marked = highlight.all(quoted) as { id: number; marked: string }[];
      expect(marked.length).toBeGreaterThan(400);
      expect({ word, ids: postings?.ids, frequencies: postings?.frequencies }).toEqual({
        word,
        ids: marked.map((row) => row.id),
        frequencies: marked.map((row) => row.marked.split('\u0001').length - 1),
      });
      expect(postings?.lengths).toEqual(postings?.ids.map((id) => sizeOf(id)));
    }
  });

  it('gives the passages’ bm25() lengths, skipping an id that has none', () => {
    const ids = (
      store.db.prepare('SELECT id FROM passages_fts_docsize ORDER BY id DESC').pluck().all() as number[]
    ).slice(0, 500);
    const lengths = passageLengths(store, [...ids, 99_999_999]);
    expect([...lengths]).toEqual(ids.map((id) => [id, sizeOf(id)]));
    expect(Math.max(...lengths.values())).toBeGreaterThan(50);
    expect(passageLengths(store, []).size).toBe(0);
  });

  it('ranks by those reads exactly as bm25() does, bit for bit, for words in over 1,000 passages', () => {
    const queries = ['evaluation models', 'studied cafe', 'model', 'evaluations study café', 'the evaluated'];
    for (const text of queries) expect(count(quotedTerms(text)[0]!)).toBeGreaterThan(1000);
    for (const text of queries) {
      for (const boost of [true, false]) {
        const ours = bm25TopK(store, quotedTerms(text), boost, 20);
        const fts5 = store.db
          .prepare('SELECT rowid AS id, rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 20')
          .all(rankedQuery(text, boost ? 'all-then-any' : 'any'));
        expect({ text, boost, ranked: ours.ranked }).toEqual({ text, boost, ranked: fts5 });
      }
    }
  });

  it('reads lengths whose record holds a zero byte or runs to three bytes (128, 256, 16,384 tokens …)', () => {
    const postings = termPostings(store, '"marigold"');
    expect(postings?.lengths).toEqual(LONG_SIZES);
    expect(postings?.frequencies).toEqual(LONG_SIZES.map(() => 1));
    expect([...passageLengths(store, postings?.ids ?? []).values()]).toEqual(LONG_SIZES);
  });

  it('is not set up inside a transaction, which could roll the set-up back; read once outside one', async () => {
    const fresh = openSqliteStore();
    try {
      await addParagraphPaper(fresh, 'small', ['marigolds in bloom', 'no flowers here', 'a marigold']);
      expect(fresh.db.transaction(() => termPostings(fresh, '"marigold"'))()).toBeNull();
      expect(termPostings(fresh, '"marigold"')?.frequencies).toEqual([1, 1]);
      expect(fresh.db.transaction(() => termPostings(fresh, '"marigold"')?.ids.length)()).toBe(2);
    } finally {
      fresh.close();
    }
  });

  it('declines a word FTS5 would look up as other than one term', () => {
    expect(termPostings(store, '"evaluated models"')).toBeNull();
    expect(termPostings(store, '""')).toBeNull();
  });
});
