import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../src/core/types.ts';
import { retrieveEvidence } from '../../../src/pipeline/retrieve-evidence.ts';
import { evidenceKey } from '../../../src/pipeline/verify-stored-claims.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { insertDocument } from '../../../src/store/documents.ts';
import { upsertPaper } from '../../../src/store/papers.ts';

function add(store: Store, id: string, paragraphs: string[]): void {
  const fullText = paragraphs.join('\n\n');
  const parsed: ParsedDocument = { kind: 'text', title: id, abstract: null, authors: [], fullText, pages: [], sections: [], tables: [], references: [], warnings: [] };
  let offset = 0;
  const passages = paragraphs.map((p, ordinal) => {
    const draft = { ordinal, charStart: offset, charEnd: offset + p.length, page: 1, sectionPath: ['Results'] };
    offset += p.length + 2;
    return draft;
  });
  store.transaction(() => {
    upsertPaper(store, { id, workId: id, source: 'local', externalId: id, version: null, title: id, authors: [], published: null, updated: null, categories: [], licence: null, abstract: null });
    insertDocument(store, { paperId: id, kind: 'text', contentHash: id, bytes: 1, origin: 'test', parsed, passages });
  });
}

describe('retrieveEvidence', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
    add(store, 'local:own', ['Our model reaches an accuracy of 7.50 on the dev set.', 'Training took two days on one GPU.', 'Table 3: accuracy | 7.5 | 6.1']);
    add(store, 'local:other', ['A replication found an accuracy of 7.5 on the dev set as well.']);
  });
  afterEach(() => store.close());

  it('searches the own paper first, adds passages stating the claimed number, then other papers', () => {
    const candidates = retrieveEvidence(store, 'The model reaches 7.5 accuracy on the dev set.', { paperId: 'local:own' });
    const papers = candidates.map((c) => c.paperId);
    expect(papers.indexOf('local:own')).toBe(0);
    expect(papers).toContain('local:other');
    expect(papers.lastIndexOf('local:own')).toBeLessThan(papers.indexOf('local:other'));
    // The table row states 7.5 in a form FTS splits into two tokens; number matching finds it anyway.
    expect(candidates.some((c) => c.text.startsWith('Table 3'))).toBe(true);
    for (const c of candidates) expect(c.text.length).toBeGreaterThan(0);
  });

  it('restricts corroboration to the given papers and skips excluded passages', () => {
    const onlyOwn = retrieveEvidence(store, 'accuracy dev set', { paperId: 'local:own', corpusPaperIds: ['local:own'] });
    expect(onlyOwn.every((c) => c.paperId === 'local:own')).toBe(true);
    const first = onlyOwn[0]!.id;
    expect(retrieveEvidence(store, 'accuracy dev set', { paperId: 'local:own', excludePassageIds: [first] }).map((c) => c.id)).not.toContain(first);
  });

  it('keys verdict reuse on the exact evidence', () => {
    const passages = retrieveEvidence(store, 'accuracy dev set', { paperId: 'local:own' });
    const key = evidenceKey('claim', passages);
    expect(evidenceKey('claim', passages)).toBe(key);
    expect(evidenceKey('claim', passages.slice(1))).not.toBe(key);
    expect(evidenceKey('another claim', passages)).not.toBe(key);
  });
});
