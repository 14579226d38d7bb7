import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { createMemoryLlmCache } from '../../../src/llm/llm-cache.ts';
import { createLlmCaller, type LlmCallRequest, llmCacheKey } from '../../../src/llm/llm-caller.ts';
import { parsePrompt } from '../../../src/llm/prompts.ts';
import { BudgetExceededError, priceFor, UsageMeter } from '../../../src/llm/usage-meter.ts';
import { createScriptedClient } from '../../support/scripted-llm-client.ts';

const source = `---
id: echo
version: 1
inputs: [text]
---
# System
Echo.

# User
{{text}}
`;
const prompt = parsePrompt(source, 'echo.md');

function request(text: string, overrides: Partial<LlmCallRequest> = {}): LlmCallRequest {
  return {
    prompt,
    messages: [
      { role: 'system', content: 'Echo.' },
      { role: 'user', content: text },
    ],
    temperature: 0,
    ...overrides,
  };
}

const prices = { 'model-a': { input: 1000, output: 2000 } }; // $0.001 per prompt token, $0.002 per completion token

describe('LLM caller: cache', () => {
  it('answers a repeated call from the cache: zero requests the second time', async () => {
    const cache = createMemoryLlmCache();
    const client = createScriptedClient((r) => `echo ${r.messages.at(-1)!.content}`);
    const first = createLlmCaller({ client, cache, meter: new UsageMeter({ model: client.model }) });
    expect((await first.call(request('hi'))).cached).toBe(false);
    const meter = new UsageMeter({ model: client.model });
    const second = createLlmCaller({ client, cache, meter });
    const again = await second.call(request('hi'));
    expect(again).toMatchObject({ choices: ['echo hi'], cached: true });
    expect(client.requests).toHaveLength(1);
    expect(meter.snapshot()).toMatchObject({ calls: 0, cachedCalls: 1, costUsd: 0 });
  });

  it('keys on base URL, model, prompt hash, input and every sampling parameter', () => {
    const client = { baseUrl: 'http://127.0.0.1:1/v1', model: 'm' };
    const base = llmCacheKey(client, request('hi'));
    const variants = [
      llmCacheKey({ ...client, baseUrl: 'http://127.0.0.1:2/v1' }, request('hi')),
      llmCacheKey({ ...client, model: 'other' }, request('hi')),
      llmCacheKey(client, { ...request('hi'), prompt: parsePrompt(source.replace('Echo.', 'Repeat.'), 'e.md') }),
      llmCacheKey(client, request('hello')),
      llmCacheKey(client, request('hi', { temperature: 0.7 })),
      llmCacheKey(client, request('hi', { n: 3 })),
      llmCacheKey(client, request('hi', { seed: 2 })),
      llmCacheKey(client, request('hi', { maxTokens: 10 })),
    ];
    expect(new Set([base.key, ...variants.map((v) => v.key)]).size).toBe(variants.length + 1);
    expect(llmCacheKey(client, request('hi')).key).toBe(base.key);
    expect(base).toMatchObject({ promptId: 'echo', promptHash: prompt.hash, model: 'm' });
  });

  it('shares one request between identical calls in flight', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = createScriptedClient(() => 'x');
    const slow = {
      ...client,
      complete: async (r: Parameters<typeof client.complete>[0]) => {
        await gate;
        return client.complete(r);
      },
    };
    const caller = createLlmCaller({ client: slow, meter: new UsageMeter({ model: 'm' }) });
    const both = Promise.all([caller.call(request('same')), caller.call(request('same'))]);
    release();
    await both;
    expect(client.requests).toHaveLength(1);
  });
});

describe('LLM caller: usage and budget', () => {
  it('counts calls, tokens and cost from the price table, and records prompt id, version and hash', async () => {
    const client = createScriptedClient(() => 'x', {
      model: 'model-a',
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    const meter = new UsageMeter({ model: 'model-a', prices });
    const caller = createLlmCaller({ client, meter });
    await caller.call(request('a'));
    await caller.call(request('b'));
    expect(meter.snapshot()).toMatchObject({
      calls: 2,
      cachedCalls: 0,
      promptTokens: 20,
      completionTokens: 10,
      priced: true,
    });
    expect(meter.costUsd).toBeCloseTo(2 * (10 * 0.001 + 5 * 0.002), 10);
    expect(meter.records[0]).toMatchObject({
      promptId: 'echo',
      promptVersion: 1,
      promptHash: prompt.hash,
      cached: false,
    });
  });

  it('stops with BudgetExceededError before a call that would pass the budget, after the affordable ones', async () => {
    const client = createScriptedClient(() => 'x', {
      model: 'model-a',
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    const cache = createMemoryLlmCache();
    // Each call costs $0.02; each estimate is ≈ $0.003 prompt (chars / 4) + $0.01 completion (5 tokens).
    const meter = new UsageMeter({ model: 'model-a', prices, budgetUsd: 0.05 });
    const caller = createLlmCaller({ client, meter, cache });
    await caller.call(request('first', { maxTokens: 5 }));
    await caller.call(request('second', { maxTokens: 5 }));
    const error = await caller.call(request('third', { maxTokens: 5 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(LitmusError.isInstance(error) && error.code).toBe('E_BUDGET');
    expect(client.requests).toHaveLength(2);
    expect(cache.size).toBe(2);
    expect(meter.costUsd).toBeLessThanOrEqual(0.05);
    // Cached calls cost nothing and pass the budget.
    expect((await caller.call(request('first', { maxTokens: 5 }))).cached).toBe(true);
  });

  it('never stops unpriced models, whose cost stays 0', async () => {
    const client = createScriptedClient(() => 'x', { model: 'local-llama' });
    const meter = new UsageMeter({ model: 'local-llama', prices, budgetUsd: 0.0001 });
    const caller = createLlmCaller({ client, meter });
    for (const text of ['a', 'b', 'c']) await caller.call(request(text));
    expect(meter.snapshot()).toMatchObject({ calls: 3, costUsd: 0, priced: false });
  });

  it('prices dated model names by their base name', () => {
    expect(
      priceFor('gpt-4o-mini-2024-07-18', {
        'gpt-4o': { input: 2.5, output: 10 },
        'gpt-4o-mini': { input: 0.15, output: 0.6 },
      }),
    ).toEqual({
      input: 0.15,
      output: 0.6,
    });
    expect(priceFor('llama3', { 'gpt-4o': { input: 2.5, output: 10 } })).toBeUndefined();
  });
});
