import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LlmCache } from '../../../src/llm/llm-cache.ts';
import { createStoreLlmCache } from '../../../src/store/store-llm-cache.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

const key = {
  key: 'k1',
  baseUrl: 'http://127.0.0.1:1/v1',
  model: 'm',
  promptId: 'verify-claim',
  promptHash: 'p'.repeat(64),
  inputHash: 'i'.repeat(64),
};

describe('store llm cache', () => {
  let store: SqliteTestStore;
  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('stores choices and usage by key and overwrites on a second put', async () => {
    expect(await store.llmCache.get('k1')).toBeUndefined();
    await store.llmCache.put(key, { choices: ['a', 'b'], usage: { promptTokens: 5, completionTokens: 2 } });
    expect(await store.llmCache.get('k1')).toEqual({
      choices: ['a', 'b'],
      usage: { promptTokens: 5, completionTokens: 2 },
    });
    await store.llmCache.put(key, { choices: ['c'], usage: { promptTokens: 1, completionTokens: 1 } });
    expect((await store.llmCache.get('k1'))!.choices).toEqual(['c']);
    expect(await store.llmCache.count()).toEqual([{ promptId: 'verify-claim', entries: 1 }]);
    const row = store.db.prepare('SELECT base_url, model, prompt_hash, input_hash FROM llm_cache').get();
    expect(row).toEqual({ base_url: key.baseUrl, model: 'm', prompt_hash: key.promptHash, input_hash: key.inputHash });
  });

  it('treats an unreadable row as a miss', async () => {
    await store.llmCache.put(key, { choices: ['a'], usage: { promptTokens: 1, completionTokens: 1 } });
    store.db.prepare("UPDATE llm_cache SET response_json = '{broken'").run();
    expect(await store.llmCache.get('k1')).toBeUndefined();
  });

  it('createStoreLlmCache satisfies the LLM layer’s LlmCache interface', async () => {
    const cache: LlmCache = createStoreLlmCache(store);
    await cache.put(key, { choices: ['x'], usage: { promptTokens: 3, completionTokens: 4 } });
    expect(await cache.get(key)).toEqual({ choices: ['x'], usage: { promptTokens: 3, completionTokens: 4 } });
    expect(await cache.get({ ...key, key: 'other' })).toBeUndefined();
  });
});
