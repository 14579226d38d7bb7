import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument, PassageKind } from '../../../src/core/types.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { insertDocument, type PassageRow, rowToPassage } from '../../../src/store/documents.ts';
import { upsertPaper } from '../../../src/store/papers.ts';
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  rankedQuery,
  type SearchHit,
  type SearchOptions,
  searchPassages,
} from '../../../src/store/search.ts';

/**
 * searchPassages takes its top ids, ranks and snippets from one FTS5 query and reads the rows by id;
 * this checks it against the plainest statement of what a search means — one SQL query joining,
 * filtering to live passages and snippeting every match, ordered by FTS5's rank — on a generated
 * corpus with few distinct words (many matches and many tied ranks), superseded documents whose
 * passages rank high (so the top ids are often not live), and table passages.
 */

const VOCABULARY = ['alpha', 'beta', 'gamma', 'delta', 'sigma', 'omega', 'kappa', 'theta', 'lambda', 'zeta'];

function words(seed: number): () => string {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return VOCABULARY[Math.floor(VOCABULARY.length * (seed / 2147483648) ** 2)]!;
  };
}

function addDocument(store: Store, id: string, hash: string, paragraphs: string[], kinds: PassageKind[]): void {
  const fullText = paragraphs.join('\n\n');
  const parsed: ParsedDocument = {
    kind: 'text',
    title: id,
    abstract: null,
    authors: [],
    fullText,
    pages: [],
    sections: [],
    tables: [],
    references: [],
    warnings: [],
  };
  let offset = 0;
  const passages = paragraphs.map((text, ordinal) => {
    const draft = {
      ordinal,
      charStart: offset,
      charEnd: offset + text.length,
      page: ordinal % 3 === 0 ? null : ordinal,
      sectionPath: ordinal % 2 ? ['2 Method'] : [],
      kind: kinds[ordinal],
    };
    offset += text.length + 2;
    return draft;
  });
  store.transaction(() => {
    upsertPaper(store, {
      id,
      workId: id,
      source: 'local',
      externalId: id,
      version: null,
      title: `Title of ${id}`,
      authors: [],
      published: null,
      updated: null,
      categories: [],
      licence: null,
      abstract: null,
    });
    insertDocument(store, {
      paperId: id,
      kind: 'text',
      contentHash: hash,
      bytes: fullText.length,
      origin: 'test',
      parsed,
      passages,
    });
  });
}

function buildCorpus(store: Store): void {
  const next = words(11);
  for (let paper = 0; paper < 9; paper += 1) {
    const id = `gen:${paper}`;
    const count = 10 + paper * 2;
    const paragraphs = Array.from({ length: count }, (_, i) => Array.from({ length: 4 + (i % 9) }, next).join(' '));
    const kinds = paragraphs.map((_, i): PassageKind => (i % 7 === 3 ? 'table' : 'prose'));
    if (paper % 4 === 0) {
      // Re-ingested: an older text stays stored but superseded. Its passages are short and dense in
      // rare words, so they take top ranks that a search must pass over.
      const dense = Array.from(
        { length: 15 },
        (_, i) => `${VOCABULARY[9 - (i % 3)]} ${VOCABULARY[9 - ((i + 1) % 3)]} ${next()}`,
      );
      addDocument(store, id, `${id}#0`, dense, []);
    }
    addDocument(store, id, `${id}#1`, paragraphs, kinds);
  }
}

/** The reference: one query, every match joined, filtered and snippeted, in FTS5's rank order. */
function plainSearch(store: Store, text: string, options: SearchOptions): SearchHit[] {
  const query = rankedQuery(text, options.match ?? 'all-then-any');
  const limit = options.limit ?? 10;
  if (!query || limit <= 0) return [];
  const papers = options.paperId ? [options.paperId] : options.paperIds;
  const rows = store.db
    .prepare(
      `SELECT s.*, p.title AS title, passages_fts.rank AS rank,
         snippet(passages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 24) AS snippet
       FROM passages_fts JOIN passages s ON s.id = passages_fts.rowid JOIN papers p ON p.id = s.paper_id
       WHERE passages_fts MATCH ?
         AND s.document_id = (SELECT MAX(d.id) FROM documents d WHERE d.paper_id = s.paper_id)
         AND (? IS NULL OR s.paper_id <> ?) AND (? IS NULL OR s.kind = ?)
         AND (? IS NULL OR s.paper_id IN (SELECT value FROM json_each(?)))
         AND (? IS NULL OR s.paper_id = ?)
       ORDER BY passages_fts.rank`,
    )
    .all(
      query,
      ...[options.excludePaperId ?? null, options.excludePaperId ?? null],
      ...[options.kind ?? null, options.kind ?? null],
      ...[papers ? 'set' : null, JSON.stringify(papers ?? [])],
      ...[options.paperId ?? null, options.paperId ?? null],
    ) as (PassageRow & { title: string; rank: number; snippet: string })[];
  return rows
    .slice(0, limit)
    .map((row) => ({ passage: rowToPassage(row), title: row.title, score: -row.rank, snippet: row.snippet }));
}

describe('searchPassages gives what one plain FTS5 query gives', () => {
  let store: Store;
  const next = words(97);
  const texts = [
    ...Array.from({ length: 10 }, () => `${next()} ${next()}`),
    ...Array.from({ length: 4 }, () => `${next()} ${next()} ${next()}`),
    'alpha',
    'zeta lambda',
    'theta zeta',
    'zeta!! "kappa" OR NEAR(theta)',
    'nothing-matches-here',
  ];
  const optionSets: SearchOptions[] = [
    {},
    { limit: 1 },
    { limit: 3 },
    { limit: 40 },
    { limit: 140 }, // above 100 the limit is bound rather than written into the statement
    { match: 'any', limit: 7 },
    { kind: 'prose', limit: 12 },
    { kind: 'table', limit: 5 },
    { excludePaperId: 'gen:0', limit: 9 },
    { paperId: 'gen:4', limit: 6 },
    { paperId: 'gen:5', kind: 'prose' },
    { paperIds: ['gen:0', 'gen:3', 'gen:8'], limit: 15 },
    { paperIds: ['gen:1', 'gen:2'], excludePaperId: 'gen:2', limit: 4 },
  ];

  beforeAll(() => {
    store = openStore(':memory:');
    buildCorpus(store);
  });
  afterAll(() => store.close());

  it('the corpus makes the search work: superseded passages among the top ranks, ties, tables', () => {
    const top = store.db
      .prepare('SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 10')
      .all(rankedQuery('zeta lambda', 'all-then-any')) as { id: number }[];
    const live = searchPassages(store, 'zeta lambda', { limit: 10 }).map((hit) => hit.passage.id);
    expect(top.filter((row) => !live.includes(row.id)).length).toBeGreaterThan(5);
    const scores = searchPassages(store, 'alpha', { limit: 40 }).map((hit) => hit.score);
    expect(new Set(scores).size).toBeLessThan(scores.length);
  });

  it('the same passages, scores, titles and snippets in the same order, for every query and filter', () => {
    let compared = 0;
    for (const text of texts) {
      for (const options of optionSets) {
        const ours = searchPassages(store, text, options);
        const plain = plainSearch(store, text, options);
        expect({ text, options, hits: ours }).toEqual({ text, options, hits: plain });
        compared += plain.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
