import { afterEach, describe, expect, it } from 'vitest';
import { EvidenceIndex } from '../../../src/pipeline/evidence-index.ts';
import { retrieveEvidence } from '../../../src/pipeline/retrieve-evidence.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { addParagraphPaper } from '../../support/paragraph-paper.ts';

const PAPERS: Record<string, string[]> = {
  'local:a': [
    'We introduce a reading tool that explains terms in scientific papers.',
    'The tool explains terms inline, and readers found terms easier to follow.',
    'Readers found the tool helpful: 12 of 15 preferred it.',
    'Training took two days.',
  ],
  'local:b': ['An earlier reading tool explains terms with definitions.', 'Its readers found papers easier.'],
  'local:c': ['A survey of reading tools found that readers want terms explained.'],
};

const add = addParagraphPaper;

/** A store holding the papers, added in this order (so the passages' row ids follow it). */
async function storeWith(order: string[]): Promise<SqliteTestStore> {
  const store = openSqliteStore(':memory:');
  for (const id of order) await add(store, id, PAPERS[id]!);
  return store;
}

/** What a candidate is, whatever row id it has: paper, place and score. */
const described = (c: { paperId: string; charStart: number; score?: number }) => [c.paperId, c.charStart, c.score];

describe('EvidenceIndex', () => {
  const stores: SqliteTestStore[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  it('gives the same evidence, in the same order, whatever order the papers were stored in', async () => {
    const first = await storeWith(['local:a', 'local:b', 'local:c']);
    const second = await storeWith(['local:c', 'local:b', 'local:a']);
    stores.push(first, second);
    const claim = 'Readers found the reading tool explains terms.';
    const all = ['local:a', 'local:b', 'local:c'];
    const [x, y] = await Promise.all(
      [first, second].map((store) => retrieveEvidence(store, claim, { paperId: 'local:a', corpusPaperIds: all })),
    );
    expect(x!.map(described)).toEqual(y!.map(described));
    // The row ids differ between the two stores: the order cannot have come from them.
    expect(x!.map((c) => c.id)).not.toEqual(y!.map((c) => c.id));
    // Own paper first, then the others; a passage stating the claim's number is not needed here.
    const papers = x!.map((c) => c.paperId);
    expect(papers.lastIndexOf('local:a')).toBeLessThan(papers.findIndex((p) => p !== 'local:a'));
    expect(papers).toContain('local:b');
  });

  it('breaks ties by paper id, then place in the paper, not by row id', async () => {
    const store = openSqliteStore(':memory:');
    stores.push(store);
    const same = 'The tool explains terms.';
    // Stored in reverse, so the later paper and the later passage get the smaller row ids.
    await add(store, 'local:y', [same, same]);
    await add(store, 'local:x', ['Unrelated words here.', same]);
    const hits = await new EvidenceIndex(store).search('tool explains terms', ['local:y', 'local:x'], { limit: 10 });
    expect(hits.map((h) => [h.passage.paperId, h.passage.ordinal])).toEqual([
      ['local:x', 1],
      ['local:y', 0],
      ['local:y', 1],
    ]);
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  it('leaves out the claim’s own paper and excluded papers from corroboration', async () => {
    const store = await storeWith(['local:a', 'local:b', 'local:c']);
    stores.push(store);
    const all = ['local:a', 'local:b', 'local:c'];
    const found = await retrieveEvidence(store, 'reading tool explains terms', {
      paperId: null,
      corpusPaperIds: all,
      excludePaperIds: ['local:a', 'local:c'],
    });
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((c) => c.paperId))).toEqual(new Set(['local:b']));
    const none = await retrieveEvidence(store, 'reading tool', { paperId: 'local:a', corpusPaperIds: ['local:a'] });
    expect(none.every((c) => c.paperId === 'local:a')).toBe(true);
  });

  it('reads each paper’s passages once for every claim of a run', async () => {
    const store = await storeWith(['local:a', 'local:b', 'local:c']);
    stores.push(store);
    const listed: string[] = [];
    const counting: Store = {
      ...store,
      passages: {
        ...store.passages,
        list: (paperId, options) => {
          listed.push(paperId);
          return store.passages.list(paperId, options);
        },
      },
    };
    const index = new EvidenceIndex(counting);
    const all = ['local:a', 'local:b', 'local:c'];
    for (const claim of ['reading tool explains terms', 'readers found papers easier', '12 of 15 preferred it']) {
      await retrieveEvidence(counting, claim, { paperId: 'local:a', corpusPaperIds: [], index });
      await retrieveEvidence(counting, claim, { paperId: null, corpusPaperIds: all, excludePaperIds: ['local:a'], index });
    }
    expect(listed.sort()).toEqual(all);
  });
  it("ranks the claim's own paper with the run's word statistics, not that paper's alone", async () => {
    const store = await storeWith(['local:a', 'local:b', 'local:c']);
    stores.push(store);
    const index = new EvidenceIndex(store);
    const all = ['local:a', 'local:b', 'local:c'];
    const claim = 'Readers found the reading tool explains terms.';
    const ownOnly = await index.search(claim, all, { limit: 10, onlyPaperId: 'local:a' });
    const fromSet = (await index.search(claim, all, { limit: 10 })).filter((hit) => hit.passage.paperId === 'local:a');
    expect(ownOnly.map((hit) => [hit.passage.charStart, hit.score])).toEqual(
      fromSet.map((hit) => [hit.passage.charStart, hit.score]),
    );
    // With the paper's own statistics the scores differ: "terms" is in every other paper too.
    const alone = await index.search(claim, ['local:a'], { limit: 10 });
    expect(alone.map((hit) => hit.score)).not.toEqual(ownOnly.map((hit) => hit.score));
    const evidence = await retrieveEvidence(store, claim, { paperId: 'local:a', corpusPaperIds: all, index });
    const own = evidence.filter((c) => c.paperId === 'local:a' && c.score !== undefined);
    expect(own.map((c) => c.score)).toEqual(ownOnly.slice(0, own.length).map((hit) => hit.score));
  });
});
