import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PassageDraft } from '../../../src/core/types.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { openPostgresDatabase, type PostgresDatabase } from '../../../src/store/postgres/connect.ts';
import { poolDb } from '../../../src/store/postgres/db.ts';
import type { Store } from '../../../src/store/store.ts';

/**
 * Postgres search ranks by BM25's IDF from the planner's statistics and leaves common words out of the
 * index lookup while that cannot change the top k. 400 passages: "common" is in all of them (three
 * times in some), "rare" in two, "scarce" in one; ANALYZE gives the statistics autovacuum would.
 */
const base = inject('postgresUrl');
const url = `${base}${base.includes('?') ? '&' : '?'}schema=ranking_${process.pid}`;
let store: Store;
let database: PostgresDatabase;

beforeAll(async () => {
  store = await openStore(url);
  database = await openPostgresDatabase(url);
  const sentences = Array.from({ length: 400 }, (_, i) => {
    if (i === 7 || i === 300) return `Item ${i} holds a rare common word.`;
    if (i === 150) return `Item ${i} holds a scarce word.`;
    return i % 10 === 0 ? `Item ${i}: common common common filler.` : `Item ${i} is common filler text.`;
  });
  let fullText = '';
  const passages: PassageDraft[] = sentences.map((sentence, ordinal) => {
    if (fullText) fullText += '\n\n';
    const draft = {
      ordinal,
      charStart: fullText.length,
      charEnd: fullText.length + sentence.length,
      page: null,
      sectionPath: [],
    };
    fullText += sentence;
    return draft;
  });
  await store.transaction(async (tx) => {
    await tx.papers.upsert({
      id: 'local:ranking',
      workId: 'local:ranking',
      source: 'local',
      externalId: 'ranking',
      version: null,
      title: 'Ranking',
      authors: [],
      published: null,
      updated: null,
      categories: [],
      licence: null,
      abstract: null,
    });
    const parsed = {
      kind: 'text' as const,
      title: null,
      abstract: null,
      authors: [],
      fullText,
      pages: [],
      sections: [],
      tables: [],
      references: [],
      warnings: [],
    };
    await tx.documents.insert({
      paperId: 'local:ranking',
      kind: 'text',
      contentHash: 'r',
      bytes: fullText.length,
      origin: 'test',
      parsed,
      passages,
    });
  });
  await poolDb(database.pool).changes('ANALYZE passages');
});

afterAll(async () => {
  await store.close();
  await database.pool.end();
});

describe('postgres search ranking', () => {
  it('ranks a rare word above any number of repetitions of a common one', async () => {
    const hits = await store.passages.search('common rare', { match: 'any', limit: 5 });
    expect(
      hits
        .slice(0, 2)
        .map((h) => h.passage.ordinal)
        .sort((a, b) => a - b),
    ).toEqual([7, 300]);
    expect(hits[0]!.score).toBeGreaterThan(hits[2]!.score * 2);
    expect(hits).toHaveLength(5);
  });

  it('fills the top k from common-word passages when too few have the rare words', async () => {
    const hits = await store.passages.search('scarce common', { match: 'any', limit: 10 });
    expect(hits[0]!.passage.ordinal).toBe(150);
    expect(hits).toHaveLength(10);
    expect(hits.slice(1).every((h) => h.passage.text.includes('common'))).toBe(true);
  });

  it('ranks the scarcest word first, and doubles the score of a passage with every word', async () => {
    const hits = await store.passages.search('rare scarce common', { limit: 3 });
    // No passage has all three: the scarcest single word (1 in 400) leads, then rare (2 in 400) + common.
    expect(hits[0]!.passage.ordinal).toBe(150);
    expect(hits.slice(1).map((h) => h.passage.ordinal).sort((a, b) => a - b)).toEqual([7, 300]);
    const [any] = await store.passages.search('rare common', { match: 'any', limit: 1 });
    const [all] = await store.passages.search('rare common', { limit: 1 });
    expect(all!.passage.id).toBe(any!.passage.id);
    expect(all!.score).toBeCloseTo(any!.score * 2, 6);
  });
});
