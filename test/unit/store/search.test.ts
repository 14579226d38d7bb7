import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedDocument, Paper } from '../../../src/core/types.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { insertDocument, listPassages } from '../../../src/store/documents.ts';
import { upsertPaper } from '../../../src/store/papers.ts';
import { HIGHLIGHT_START, searchPassages, toFtsQuery } from '../../../src/store/search.ts';

function paper(id: string, title: string): Paper {
  return { id, workId: id, source: 'local', externalId: id, version: null, title, authors: [], published: null, updated: null, categories: [], licence: null, abstract: null };
}

function addDoc(store: Store, id: string, paragraphs: string[]): void {
  const fullText = paragraphs.join('\n\n');
  const parsed: ParsedDocument = { kind: 'text', title: id, abstract: null, authors: [], fullText, pages: [], sections: [], tables: [], references: [], warnings: [] };
  let offset = 0;
  const passages = paragraphs.map((p, ordinal) => {
    const draft = { ordinal, charStart: offset, charEnd: offset + p.length, page: null, sectionPath: ['1 Intro'] };
    offset += p.length + 2;
    return draft;
  });
  store.transaction(() => {
    upsertPaper(store, paper(id, `Title of ${id}`));
    insertDocument(store, { paperId: id, kind: 'text', contentHash: id, bytes: fullText.length, origin: 'test', parsed, passages });
  });
}

describe('searchPassages', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
    addDoc(store, 'local:a', ['Transformers improve code generation on HumanEval.', 'Unrelated text about sepsis detection.']);
    addDoc(store, 'local:b', ['Code generation in Java and C++ benefits from intermediate training.']);
  });
  afterEach(() => store.close());

  it('stores passage text as exact slices of the full text', () => {
    const passages = listPassages(store, 'local:a');
    expect(passages.map((p) => p.text)).toEqual(['Transformers improve code generation on HumanEval.', 'Unrelated text about sepsis detection.']);
  });

  it('ranks passages by BM25 and highlights matches', () => {
    const hits = searchPassages(store, 'code generation');
    expect(hits.length).toBe(2);
    expect(hits[0]!.snippet).toContain(HIGHLIGHT_START);
    expect(hits.every((h) => h.score > 0)).toBe(true);
    expect(searchPassages(store, 'sepsis')[0]!.passage.paperId).toBe('local:a');
  });

  it('falls back to any word when no passage has all of them', () => {
    const hits = searchPassages(store, 'sepsis Java');
    expect(new Set(hits.map((h) => h.passage.paperId))).toEqual(new Set(['local:a', 'local:b']));
  });

  it('filters by paper', () => {
    const hits = searchPassages(store, 'code generation', { paperId: 'local:b' });
    expect(hits.map((h) => h.passage.paperId)).toEqual(['local:b']);
  });

  it.each(['"unbalanced', 'code AND OR NOT', 'NEAR(code', '*', 'col:umn ^x', '); DROP TABLE papers; --', '""', 'C++ && (Java)'])(
    'never crashes on user text %j',
    (text) => {
      expect(() => searchPassages(store, text)).not.toThrow();
    },
  );

  it('builds quoted FTS queries from words only', () => {
    expect(toFtsQuery('code "gen" AND x*', 'all')).toBe('"code" AND "gen" AND "and" AND "x"');
    expect(toFtsQuery('!!!', 'any')).toBeNull();
  });
});
