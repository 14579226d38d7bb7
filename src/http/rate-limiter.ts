import type { Store } from '../store/store.ts';

/** A set of hosts that share one politeness budget (all arXiv endpoints are one group). */
export interface HostGroup {
  name: string;
  delayMs: number;
}

const ARXIV_MIN_DELAY_MS = 3000;

/** arxiv.org asks for at least 3 s between requests; only stand-ins on other hosts may go faster. */
export function isArxivHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'arxiv.org' || host.endsWith('.arxiv.org');
}

export function effectiveDelayMs(group: HostGroup, url: string): number {
  return isArxivHost(url) ? Math.max(ARXIV_MIN_DELAY_MS, group.delayMs) : group.delayMs;
}

/** Spacing for the hosts an endpoint was pointed at (a stand-in or a mirror), by `host[:port]`. */
export type HostDelays = ReadonlyMap<string, number>;

/** The slot a request waits for: its key in the store (shared across processes) and its spacing. */
export interface HostSlot {
  key: string;
  delayMs: number;
}

/**
 * Politeness is per host, not per group default: every arxiv.org host shares the one `arxiv` slot
 * (≥ 3 s, whichever group asks, in every process); any other host has a slot of its own, spaced as
 * configured for that host (`hostDelays`, e.g. an overridden arXiv API) or else by its group.
 */
export function hostSlot(group: HostGroup, url: string, hostDelays: HostDelays = new Map()): HostSlot {
  if (isArxivHost(url)) return { key: 'arxiv', delayMs: Math.max(ARXIV_MIN_DELAY_MS, group.delayMs) };
  const host = new URL(url).host.toLowerCase();
  return { key: `${group.name}@${host}`, delayMs: hostDelays.get(host) ?? group.delayMs };
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// One connection at a time per group within this process; across processes the store's slots space them.
const inProcessQueues = new Map<string, Promise<void>>();

/** While another process's request is in flight, look again this often. */
const BUSY_POLL_MS = 20;

/**
 * Waits for this process's turn, then for the group's slot in the store (no request of the group in
 * flight anywhere, and `delayMs` since the last one started and ended), takes it, and returns a release
 * function to call when the response has been read; `extraWaitMs` (a backoff) delays the next request.
 */
export interface AcquireOptions {
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  /** How long an in-flight request may block others at most (a crashed process's lease expires). */
  leaseMs?: number;
}

export async function acquireSlot(
  store: Store,
  group: HostGroup,
  delayMs: number,
  options: AcquireOptions = {},
): Promise<(extraWaitMs?: number) => Promise<void>> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 120_000;
  const key = `${store.location}\u0000${group.name}`;
  const previous = inProcessQueues.get(key) ?? Promise.resolve();
  let unlock!: () => void;
  const mine = new Promise<void>((resolve) => {
    unlock = resolve;
  });
  const tail = previous.then(() => mine);
  inProcessQueues.set(key, tail);
  await previous;
  const finish = () => {
    if (inProcessQueues.get(key) === tail) inProcessQueues.delete(key);
    unlock();
  };
  let lease: number;
  try {
    for (;;) {
      const attempt = await store.rateLimits.tryAcquire(group.name, delayMs, leaseMs, now());
      if (attempt.acquired) {
        lease = attempt.lease;
        break;
      }
      // An in-flight request elsewhere is polled; a slot in the future is slept to, plus a little
      // jitter so that processes waiting for the same slot take turns rather than one winning always.
      await sleep(
        attempt.reason === 'busy'
          ? Math.min(attempt.waitMs, BUSY_POLL_MS)
          : attempt.waitMs + Math.floor(random() * BUSY_POLL_MS),
      );
    }
  } catch (error) {
    finish();
    throw error;
  }
  let released = false;
  return async (extraWaitMs = 0) => {
    if (released) return;
    released = true;
    try {
      await store.rateLimits.release(group.name, lease, Math.max(delayMs, extraWaitMs), now());
    } finally {
      finish();
    }
  };
}
