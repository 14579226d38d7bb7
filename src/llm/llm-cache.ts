import type { CachedLlmResponse, LlmCacheKey } from '../core/types.ts';

/**
 * How the LLM layer reaches its cache. Stages never import the store; the pipeline passes
 * `createStoreLlmCache(store)` (src/store/llm-cache.ts), tests pass `createMemoryLlmCache()`.
 */
export type { LlmCacheKey };
export type CachedResponse = CachedLlmResponse;

export interface LlmCache {
  get(key: LlmCacheKey): CachedResponse | undefined;
  put(key: LlmCacheKey, value: CachedResponse): void;
}

export function createMemoryLlmCache(): LlmCache & { readonly size: number } {
  const entries = new Map<string, CachedResponse>();
  return {
    get size() {
      return entries.size;
    },
    get: (key) => {
      const value = entries.get(key.key);
      return value === undefined ? undefined : structuredClone(value);
    },
    put: (key, value) => {
      entries.set(key.key, structuredClone(value));
    },
  };
}
