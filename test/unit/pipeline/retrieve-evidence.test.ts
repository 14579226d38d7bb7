import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retrieveEvidence } from '../../../src/pipeline/retrieve-evidence.ts';
import { evidenceKey } from '../../../src/pipeline/verify-stored-claims.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { addParagraphPaper } from '../../support/paragraph-paper.ts';

const add = addParagraphPaper;

describe('retrieveEvidence', () => {
  let store: SqliteTestStore;
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await add(store, 'local:own', ['Our model reaches an accuracy of 7.50 on the dev set.', 'Training took two days on one GPU.', 'Table 3: accuracy | 7.5 | 6.1']);
    await add(store, 'local:other', ['A replication found an accuracy of 7.5 on the dev set as well.']);
  });
  afterEach(() => store.close());

  it('searches the own paper first, adds passages stating the claimed number, then other papers', async () => {
    const candidates = await retrieveEvidence(store, 'The model reaches 7.5 accuracy on the dev set.', { paperId: 'local:own' });
    const papers = candidates.map((c) => c.paperId);
    expect(papers.indexOf('local:own')).toBe(0);
    expect(papers).toContain('local:other');
    expect(papers.lastIndexOf('local:own')).toBeLessThan(papers.indexOf('local:other'));
    // The table row states 7.5 in a form FTS splits into two tokens; number matching finds it anyway.
    expect(candidates.some((c) => c.text.startsWith('Table 3'))).toBe(true);
    for (const c of candidates) expect(c.text.length).toBeGreaterThan(0);
  });

  it('restricts corroboration to the given papers and skips excluded passages', async () => {
    const onlyOwn = await retrieveEvidence(store, 'accuracy dev set', { paperId: 'local:own', corpusPaperIds: ['local:own'] });
    expect(onlyOwn.every((c) => c.paperId === 'local:own')).toBe(true);
    const first = onlyOwn[0]!.id;
    expect((await retrieveEvidence(store, 'accuracy dev set', { paperId: 'local:own', excludePassageIds: [first] })).map((c) => c.id)).not.toContain(first);
  });

  it('keys verdict reuse on the exact evidence', async () => {
    const passages = await retrieveEvidence(store, 'accuracy dev set', { paperId: 'local:own' });
    const key = evidenceKey('claim', passages);
    expect(evidenceKey('claim', passages)).toBe(key);
    expect(evidenceKey('claim', passages.slice(1))).not.toBe(key);
    expect(evidenceKey('another claim', passages)).not.toBe(key);
  });
});
