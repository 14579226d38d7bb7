import type { TokenUsage } from './llm-client.ts';

/**
 * How the LLM layer reaches its cache. Stages never import the store; the pipeline passes
 * `createStoreLlmCache(store)` (src/store/llm-cache.ts), tests pass `createMemoryLlmCache()`.
 */
export interface LlmCacheKey {
  /** hash of everything below: the lookup key. */
  key: string;
  baseUrl: string;
  model: string;
  promptId: string;
  promptHash: string;
  inputHash: string;
}

export interface CachedResponse {
  choices: string[];
  usage: TokenUsage;
}

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
