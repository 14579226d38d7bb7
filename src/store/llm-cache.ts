import type { CachedLlmResponse, LlmCacheKey } from '../core/types.ts';
import type { Store } from './db.ts';

/**
 * The LLM response cache (table llm_cache): one row per call key, which hashes base URL, model,
 * prompt hash, input hash and sampling parameters. The LLM engine reaches it through the store spec
 * (`createStoreLlmCache` in store-llm-cache.ts).
 */
export type LlmCacheEntryKey = LlmCacheKey;
export type LlmCacheEntryValue = CachedLlmResponse;

export interface LlmCacheRow {
  response_json: string;
  prompt_tokens: number;
  completion_tokens: number;
}

export function getLlmCacheEntry(store: Store, key: string): LlmCacheEntryValue | undefined {
  const row = store.db
    .prepare('SELECT response_json, prompt_tokens, completion_tokens FROM llm_cache WHERE key = ?')
    .get(key) as LlmCacheRow | undefined;
  return row ? llmCacheValue(row) : undefined;
}

/** A row's answer, or undefined when unreadable (shared with the Postgres store). */
export function llmCacheValue(row: LlmCacheRow): LlmCacheEntryValue | undefined {
  let choices: unknown;
  try {
    choices = (JSON.parse(row.response_json) as { choices?: unknown }).choices;
  } catch {
    return undefined; // an unreadable row is a miss; the next put overwrites it
  }
  if (!Array.isArray(choices) || !choices.every((choice) => typeof choice === 'string')) return undefined;
  return {
    choices: choices as string[],
    usage: { promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens },
  };
}

export function putLlmCacheEntry(store: Store, key: LlmCacheEntryKey, value: LlmCacheEntryValue): void {
  store.transaction(() => {
    store.db
      .prepare(
        `INSERT INTO llm_cache (key, base_url, model, prompt_id, prompt_hash, input_hash, response_json,
           prompt_tokens, completion_tokens)
         VALUES (@key, @baseUrl, @model, @promptId, @promptHash, @inputHash, @response, @promptTokens, @completionTokens)
         ON CONFLICT(key) DO UPDATE SET response_json = excluded.response_json,
           prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
           created_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      )
      .run({
        key: key.key,
        baseUrl: key.baseUrl,
        model: key.model,
        promptId: key.promptId,
        promptHash: key.promptHash,
        inputHash: key.inputHash,
        response: JSON.stringify({ choices: value.choices }),
        promptTokens: value.usage.promptTokens,
        completionTokens: value.usage.completionTokens,
      });
  });
}

/** Rows per prompt id: what `litmus status` can show about the cache. */
export function countLlmCacheEntries(store: Store): { promptId: string; entries: number }[] {
  return store.db
    .prepare('SELECT prompt_id AS promptId, COUNT(*) AS entries FROM llm_cache GROUP BY prompt_id ORDER BY prompt_id')
    .all() as { promptId: string; entries: number }[];
}
