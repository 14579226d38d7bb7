import type { Store } from './db.ts';

/**
 * Cross-process rate limiting in `rate_limits`. Row `<group>` holds `next_allowed_ms`, the earliest
 * time the group's next request may start; row `<group>#busy` holds the lease of the request now in
 * flight (its expiry), so one connection at a time holds across processes too. Both are read and
 * taken in one BEGIN IMMEDIATE transaction: two processes can never take the same slot.
 */
export type SlotAttempt =
  | { acquired: true; lease: number }
  | { acquired: false; waitMs: number; reason: 'busy' | 'spacing' };

const busyKey = (hostGroup: string) => `${hostGroup}#busy`;

export function tryAcquireSlot(
  store: Store,
  hostGroup: string,
  delayMs: number,
  leaseMs: number,
  nowMs: number = Date.now(),
): SlotAttempt {
  return store.transaction(() => {
    const read = store.db.prepare('SELECT next_allowed_ms AS value FROM rate_limits WHERE host_group = ?');
    const next = (read.get(hostGroup) as { value: number } | undefined)?.value ?? 0;
    const busyUntil = (read.get(busyKey(hostGroup)) as { value: number } | undefined)?.value ?? 0;
    if (busyUntil > nowMs) return { acquired: false, waitMs: busyUntil - nowMs, reason: 'busy' };
    if (next > nowMs) return { acquired: false, waitMs: next - nowMs, reason: 'spacing' };
    const upsert = store.db.prepare(
      `INSERT INTO rate_limits (host_group, next_allowed_ms) VALUES (?, ?)
       ON CONFLICT(host_group) DO UPDATE SET next_allowed_ms = excluded.next_allowed_ms`,
    );
    const lease = nowMs + leaseMs;
    upsert.run(hostGroup, nowMs + delayMs);
    upsert.run(busyKey(hostGroup), lease);
    return { acquired: true, lease };
  });
}

/** Ends a lease: the next request may start `delayMs` after this one ended (or later, if already set). */
export function releaseSlot(
  store: Store,
  hostGroup: string,
  lease: number,
  delayMs: number,
  endedMs: number = Date.now(),
): void {
  store.transaction(() => {
    store.db
      .prepare('DELETE FROM rate_limits WHERE host_group = ? AND next_allowed_ms = ?')
      .run(busyKey(hostGroup), lease);
    store.db
      .prepare(
        `INSERT INTO rate_limits (host_group, next_allowed_ms) VALUES (?, ?)
         ON CONFLICT(host_group) DO UPDATE SET next_allowed_ms = max(next_allowed_ms, excluded.next_allowed_ms)`,
      )
      .run(hostGroup, endedMs + delayMs);
  });
}

export function nextAllowed(store: Store, hostGroup: string): number | null {
  const row = store.db.prepare('SELECT next_allowed_ms FROM rate_limits WHERE host_group = ?').get(hostGroup) as
    | { next_allowed_ms: number }
    | undefined;
  return row?.next_allowed_ms ?? null;
}
