import type { RateLimitStore } from '../store/store.ts';
import type { LlmClient } from './llm-client.ts';

/**
 * LLM concurrency held across processes and machines (every `litmus worker` on one Postgres): `limit`
 * numbered slots in the store's rate-limit table, each holding at most one request in flight. A
 * request takes any free slot, or waits; a worker that dies mid-request frees its slot when the lease
 * (the client's timeout plus a margin) runs out. The client's own in-process limit still applies.
 */
export interface SharedConcurrencyOptions {
  /** Requests in flight at most, across every process using the store. */
  limit: number;
  /** How long a slot stays taken if its holder never gives it back. */
  leaseMs: number;
  /** Names the slots: one pool per LLM server. */
  name: string;
  sleep?: (ms: number) => Promise<void>;
}

const POLL_MS = 100;

export function withSharedConcurrency(
  client: LlmClient,
  slots: RateLimitStore,
  options: SharedConcurrencyOptions,
): LlmClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const groups = Array.from({ length: options.limit }, (_, i) => `llm:${options.name}#${i}`);
  // Start the search at a different slot each time, so concurrent callers don't all race for slot 0.
  let next = 0;

  async function acquire(): Promise<{ group: string; lease: number }> {
    for (;;) {
      let wait = POLL_MS;
      const start = next++ % groups.length;
      for (let i = 0; i < groups.length; i++) {
        const group = groups[(start + i) % groups.length]!;
        const attempt = await slots.tryAcquire(group, 0, options.leaseMs);
        if (attempt.acquired) return { group, lease: attempt.lease };
        wait = Math.min(wait, Math.max(5, attempt.waitMs));
      }
      await sleep(wait);
    }
  }

  return {
    name: client.name,
    model: client.model,
    baseUrl: client.baseUrl,
    async complete(request) {
      const slot = await acquire();
      try {
        return await client.complete(request);
      } finally {
        await slots.release(slot.group, slot.lease, 0);
      }
    },
  };
}
