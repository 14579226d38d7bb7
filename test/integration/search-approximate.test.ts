import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchRow } from '../../src/cli/commands/search.ts';
import { searchLibrary } from '../../src/serve/library-query.ts';
import { libraryPage } from '../../src/serve/pages/library-page.ts';
import { addParagraphPaper } from '../support/paragraph-paper.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { runLitmus } from '../support/workspace.ts';

/**
 * A search whose every word is in more passages than litmus ranks in full (bm25-top-k.ts) is ranked
 * among the newest passages holding them; every place that shows hits says so, and a search with a
 * rarer word (ranked exactly) does not.
 */
describe('a search of only common words says it was ranked among the newest passages', () => {
  const temp = makeTempDir();
  const db = join(temp.dir, 'litmus.db');
  let store: SqliteTestStore;

  beforeAll(async () => {
    store = openSqliteStore(db);
    // 17,000 passages, each holding "alpha": more than the 16,000 the rare-word lookup may score.
    for (let d = 0; d < 17; d += 1) {
      const paragraphs = Array.from({ length: 1000 }, (_, i) => `alpha beta${i % 50} gamma${(d * 1000 + i) % 997}`);
      await addParagraphPaper(store, `common:${d}`, paragraphs);
    }
  }, 60_000);
  afterAll(async () => {
    await store.close();
    temp.cleanup();
  });

  it('the store marks every hit of such a search, and none of a search with a rarer word', async () => {
    const common = await store.passages.search('alpha', { limit: 5 });
    expect(common).toHaveLength(5);
    expect(common.every((hit) => hit.approximate === true)).toBe(true);
    const exact = await store.passages.search('alpha beta7', { limit: 5 });
    expect(exact).toHaveLength(5);
    expect(exact.some((hit) => hit.approximate)).toBe(false);
  });

  it('`litmus search` warns on stderr and marks the JSON rows', async () => {
    const common = await runLitmus(['--db', db, 'search', 'alpha', '--json', '--limit', '3']);
    expect(common.code).toBe(0);
    expect((JSON.parse(common.stdout) as SearchRow[]).map((row) => row.approximate)).toEqual([true, true, true]);
    expect(common.stderr).toMatch(/warning: every word of "alpha" is in so many passages that only the newest/);
    const exact = await runLitmus(['--db', db, 'search', 'alpha beta7', '--json', '--limit', '3']);
    expect(exact.code).toBe(0);
    expect((JSON.parse(exact.stdout) as SearchRow[]).some((row) => 'approximate' in row)).toBe(false);
    expect(exact.stderr).not.toMatch(/warning/);
  });

  it('the web library (and so the API and MCP, which share its search) says so too', async () => {
    const common = await searchLibrary(store, 'alpha', { limit: 3 });
    expect(common.every((hit) => hit.approximate === true)).toBe(true);
    const view = { query: 'alpha', filters: {}, choices: { years: [], sources: [], topics: [] }, papers: [] };
    expect(libraryPage({ ...view, hits: common })).toMatch(/only the newest holding them were ranked/);
    const exact = await searchLibrary(store, 'alpha beta7', { limit: 3 });
    expect(libraryPage({ ...view, query: 'alpha beta7', hits: exact })).not.toMatch(/only the newest/);
  });
});
