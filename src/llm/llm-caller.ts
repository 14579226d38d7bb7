import { z } from 'zod';
import { hashOf } from '../core/hash.ts';
import type { LlmCache, LlmCacheKey } from './llm-cache.ts';
import type { ChatMessage, LlmClient, ResponseSchema } from './llm-client.ts';
import type { Prompt } from './prompts.ts';
import type { UsageMeter } from './usage-meter.ts';

/**
 * Every LLM call made by litmus goes through here: cache lookup (a rerun makes zero requests),
 * budget check before the request, the request, then usage metering and the cache write.
 * Identical calls in flight at the same time share one request.
 */
export interface LlmCallRequest {
  prompt: Prompt;
  messages: ChatMessage[];
  responseSchema?: ResponseSchema;
  temperature: number;
  n?: number;
  seed?: number;
  maxTokens?: number;
}

export interface LlmCallResult {
  choices: string[];
  cached: boolean;
  key: string;
}

export interface LlmCaller {
  readonly model: string;
  readonly baseUrl: string;
  readonly meter: UsageMeter;
  call(request: LlmCallRequest): Promise<LlmCallResult>;
}

export interface LlmCallerOptions {
  client: LlmClient;
  meter: UsageMeter;
  cache?: LlmCache;
}

export function createLlmCaller(options: LlmCallerOptions): LlmCaller {
  const { client, meter, cache } = options;
  const inFlight = new Map<string, Promise<LlmCallResult>>();

  async function callUncached(request: LlmCallRequest, cacheKey: LlmCacheKey): Promise<LlmCallResult> {
    const n = request.n ?? 1;
    const promptChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
    const release = meter.reserve(meter.estimate(promptChars, n, request.maxTokens));
    try {
      const response = await client.complete({
        messages: request.messages,
        temperature: request.temperature,
        ...(request.responseSchema ? { responseSchema: request.responseSchema } : {}),
        ...(request.n === undefined ? {} : { n: request.n }),
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
      });
      meter.record({
        ...recordBase(request, cacheKey.key),
        cached: false,
        choices: response.choices.length,
        promptTokens: response.usage.promptTokens,
        completionTokens: response.usage.completionTokens,
      });
      await cache?.put(cacheKey, { choices: response.choices, usage: response.usage });
      return { choices: response.choices, cached: false, key: cacheKey.key };
    } finally {
      release();
    }
  }

  return {
    model: client.model,
    baseUrl: client.baseUrl,
    meter,
    async call(request) {
      const cacheKey = llmCacheKey(client, request);
      const hit = await cache?.get(cacheKey);
      if (hit) {
        meter.record({
          ...recordBase(request, cacheKey.key),
          cached: true,
          choices: hit.choices.length,
          promptTokens: hit.usage.promptTokens,
          completionTokens: hit.usage.completionTokens,
        });
        return { choices: hit.choices, cached: true, key: cacheKey.key };
      }
      const pending = inFlight.get(cacheKey.key);
      if (pending) return pending;
      const promise = callUncached(request, cacheKey).finally(() => inFlight.delete(cacheKey.key));
      inFlight.set(cacheKey.key, promise);
      return promise;
    },
  };
}

/** (base URL, model, prompt hash, input hash, sampling parameters) → key. */
export function llmCacheKey(client: Pick<LlmClient, 'baseUrl' | 'model'>, request: LlmCallRequest): LlmCacheKey {
  const inputHash = hashOf({
    messages: request.messages,
    schema: request.responseSchema
      ? { name: request.responseSchema.name, json: z.toJSONSchema(request.responseSchema.schema) }
      : null,
  });
  const sampling = {
    temperature: request.temperature,
    n: request.n ?? 1,
    seed: request.seed ?? null,
    maxTokens: request.maxTokens ?? null,
  };
  const identity = {
    baseUrl: client.baseUrl,
    model: client.model,
    promptHash: request.prompt.hash,
    inputHash,
  };
  return {
    key: hashOf({ v: 1, ...identity, sampling }),
    promptId: request.prompt.id,
    ...identity,
  };
}

function recordBase(request: LlmCallRequest, cacheKey: string) {
  return {
    promptId: request.prompt.id,
    promptVersion: request.prompt.version,
    promptHash: request.prompt.hash,
    cacheKey,
  };
}
