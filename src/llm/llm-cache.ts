import type { CachedLlmResponse, LlmCacheKey } from '../core/types.ts';

/**
 * How the LLM layer reaches its cache. Stages never import the store; the pipeline passes
 * `createStoreLlmCache(store)` (src/store/store-llm-cache.ts), tests pass `createMemoryLlmCache()`.
 */
export type { LlmCacheKey };
export type CachedResponse = CachedLlmResponse;

export interface LlmCache {
  get(key: LlmCacheKey): Promise<CachedResponse | undefined>;
  put(key: LlmCacheKey, value: CachedResponse): Promise<void>;
}

export function createMemoryLlmCache(): LlmCache & { readonly size: number } {
  const entries = new Map<string, CachedResponse>();
  return {
    get size() {
      return entries.size;
    },
    get: async (key) => {
      const value = entries.get(key.key);
      return value === undefined ? undefined : structuredClone(value);
    },
    put: async (key, value) => {
      entries.set(key.key, structuredClone(value));
    },
  };
}
