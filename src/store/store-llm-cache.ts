import type { CachedLlmResponse, LlmCacheKey } from '../core/types.ts';
import type { Store } from './store.ts';

/** The store's LLM cache in the shape the LLM layer asks for (src/llm/llm-cache.ts LlmCache). */
export function createStoreLlmCache(store: Store): {
  get(key: LlmCacheKey): Promise<CachedLlmResponse | undefined>;
  put(key: LlmCacheKey, value: CachedLlmResponse): Promise<void>;
} {
  return {
    get: (key) => store.llmCache.get(key.key),
    put: (key, value) => store.llmCache.put(key, value),
  };
}
