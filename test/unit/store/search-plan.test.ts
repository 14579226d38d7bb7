import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../src/core/types.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { insertDocument } from '../../../src/store/documents.ts';
import { upsertPaper } from '../../../src/store/papers.ts';
import { rankedQuery, searchPassages } from '../../../src/store/search.ts';

function addDoc(store: Store, id: string, hash: string, paragraphs: string[]): void {
  const fullText = paragraphs.join('\n\n');
  const parsed: ParsedDocument = { kind: 'text', title: id, abstract: null, authors: [], fullText, pages: [], sections: [], tables: [], references: [], warnings: [] };
  let offset = 0;
  const passages = paragraphs.map((p, ordinal) => {
    const draft = { ordinal, charStart: offset, charEnd: offset + p.length, page: null, sectionPath: [] };
    offset += p.length + 2;
    return draft;
  });
  store.transaction(() => {
    upsertPaper(store, { id, workId: id, source: 'local', externalId: id, version: null, title: `Title of ${id}`, authors: [], published: null, updated: null, categories: [], licence: null, abstract: null });
    insertDocument(store, { paperId: id, kind: 'text', contentHash: hash, bytes: fullText.length, origin: 'test', parsed, passages });
  });
}

describe('searchPassages plan (top ids first, details for those only)', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
    addDoc(store, 'p:a', 'a1', ['old zebra text about lemurs.', 'zebra zebra zebra stripes.']);
    // p:a is re-ingested: only its newest document is live.
    addDoc(store, 'p:a', 'a2', ['new zebra passage.', 'nothing relevant here.']);
    addDoc(store, 'p:b', 'b1', ['a zebra and a lemur meet.', 'lemurs only.']);
    addDoc(store, 'p:c', 'c1', ['zebra crossing.']);
  });
  afterEach(() => store.close());

  it('returns only passages of the newest document, even when superseded ones rank higher', () => {
    const hits = searchPassages(store, 'zebra', { limit: 10 });
    expect(hits.map((h) => h.passage.text).sort()).toEqual(['a zebra and a lemur meet.', 'new zebra passage.', 'zebra crossing.']);
    // Fewer live hits than the first round fetched: the limit is still filled from further down.
    expect(searchPassages(store, 'zebra', { limit: 1 })).toHaveLength(1);
    expect(searchPassages(store, 'zebra', { limit: 1 })[0]!.passage.text).not.toContain('stripes');
  });

  it('puts passages with every word before those with some', () => {
    const hits = searchPassages(store, 'zebra lemur');
    expect(hits[0]!.passage.text).toBe('a zebra and a lemur meet.');
    expect(rankedQuery('zebra lemur', 'all-then-any')).toBe('"zebra" OR "lemur" OR ("zebra" AND "lemur")');
    expect(rankedQuery('zebra lemur', 'any')).toBe('"zebra" OR "lemur"');
  });

  it('filters by paper, by a set of papers and by exclusion, live passages only', () => {
    expect(searchPassages(store, 'zebra', { paperId: 'p:a' }).map((h) => h.passage.text)).toEqual(['new zebra passage.']);
    const set = searchPassages(store, 'zebra', { paperIds: ['p:a', 'p:c'], excludePaperId: 'p:c' });
    expect(set.map((h) => h.passage.paperId)).toEqual(['p:a']);
    expect(searchPassages(store, 'zebra', { paperIds: [] })).toEqual([]);
    const others = searchPassages(store, 'zebra', { excludePaperId: 'p:a' });
    expect(new Set(others.map((h) => h.passage.paperId))).toEqual(new Set(['p:b', 'p:c']));
  });

  it('finds a paper whose passage ids are not one contiguous range', () => {
    // Interleave another paper's passage inside p:c's id range by moving one passage's id.
    const last = (store.db.prepare("SELECT MAX(id) AS id FROM passages WHERE paper_id = 'p:b'").get() as { id: number }).id;
    addDoc(store, 'p:d', 'd1', ['zebra one.', 'filler.', 'zebra two.']);
    store.db.prepare("UPDATE passages SET id = ? WHERE paper_id = 'p:d' AND ordinal = 0").run(last + 100);
    store.db.exec("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')");
    const hits = searchPassages(store, 'zebra', { paperId: 'p:d' });
    expect(hits.map((h) => h.passage.text).sort()).toEqual(['zebra one.', 'zebra two.']);
    expect(hits.every((h) => h.snippet.includes('\u0002zebra\u0003'))).toBe(true);
  });
});
