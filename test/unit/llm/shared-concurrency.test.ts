import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionResponse, LlmClient } from '../../../src/llm/llm-client.ts';
import { withSharedConcurrency } from '../../../src/llm/shared-concurrency.ts';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * LLM concurrency across processes: two stores on one database (what two workers are) share the
 * slots, so no more than `limit` requests are ever in flight between them.
 */
const stores: Store[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function slowClient(onFlight: (delta: number) => void): LlmClient {
  return {
    name: 'test',
    model: 'm',
    baseUrl: 'http://127.0.0.1:1/v1',
    async complete(): Promise<CompletionResponse> {
      onFlight(1);
      await new Promise((resolve) => setTimeout(resolve, 30));
      onFlight(-1);
      return { choices: ['ok'], usage: { promptTokens: 1, completionTokens: 1 }, structured: 'none' };
    },
  };
}

describe('shared LLM concurrency', () => {
  it('keeps requests in flight at or under the limit across two stores on one database', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'litmus.db');
    const [a, b] = [await openStore(path), await openStore(path)];
    stores.push(a, b);
    let inFlight = 0;
    let most = 0;
    const track = (delta: number) => {
      inFlight += delta;
      most = Math.max(most, inFlight);
    };
    const options = {
      limit: 2,
      leaseMs: 10_000,
      name: 'loopback',
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))),
    };
    const clients = [
      withSharedConcurrency(slowClient(track), a.rateLimits, options),
      withSharedConcurrency(slowClient(track), b.rateLimits, options),
    ];
    const request = { messages: [{ role: 'user' as const, content: 'hi' }], temperature: 0 };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => clients[i % 2]!.complete(request)));
    expect(answers.every((answer) => answer.choices[0] === 'ok')).toBe(true);
    expect(most).toBe(2);
  });

  it('frees a slot whose holder died once its lease runs out', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const store = await openStore(join(dir, 'litmus.db'));
    stores.push(store);
    // A dead holder: the only slot taken with a short lease and never released.
    const taken = await store.rateLimits.tryAcquire('llm:loopback#0', 0, 100);
    expect(taken.acquired).toBe(true);
    const client = withSharedConcurrency(
      slowClient(() => undefined),
      store.rateLimits,
      {
        limit: 1,
        leaseMs: 10_000,
        name: 'loopback',
      },
    );
    const started = Date.now();
    await client.complete({ messages: [{ role: 'user', content: 'hi' }], temperature: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });
});
