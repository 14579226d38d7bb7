import type { Store } from './db.ts';

/** A named lock held by one process on one host (a row in `locks`). */
export interface LockHolder {
  name: string;
  pid: number;
  host: string;
  acquiredAt: string;
}

export type LockAttempt =
  | { acquired: true; holder: LockHolder; takenOverFrom: LockHolder | null }
  | { acquired: false; holder: LockHolder };

export interface AcquireLockOptions {
  pid: number;
  host: string;
  /** Whether a process on this host is alive; a lock of a dead process is taken over. */
  isAlive: (pid: number) => boolean;
  now?: () => Date;
  /** A lock held longer than this is taken over whoever holds it (a holder on another machine died). */
  staleAfterMs?: number;
}

export interface LockRow {
  name: string;
  pid: number;
  host: string;
  acquired_at: string;
}

export const toHolder = (row: LockRow): LockHolder => ({
  name: row.name,
  pid: row.pid,
  host: row.host,
  acquiredAt: row.acquired_at,
});

/**
 * Takes the lock unless a live process holds it. The check and the write are one immediate
 * transaction, so two processes racing for a free (or stale) lock cannot both win. A lock held on
 * another host cannot be checked and is taken over only once older than `staleAfterMs`.
 */
export function acquireLock(store: Store, name: string, options: AcquireLockOptions): LockAttempt {
  const now = options.now?.() ?? new Date();
  const acquiredAt = now.toISOString();
  return store.transaction((): LockAttempt => {
    const row = store.db.prepare('SELECT * FROM locks WHERE name = ?').get(name) as LockRow | undefined;
    const mine: LockHolder = { name, pid: options.pid, host: options.host, acquiredAt };
    if (row) {
      const sameHost = row.host === options.host;
      if (sameHost && row.pid === options.pid) return { acquired: true, holder: toHolder(row), takenOverFrom: null };
      const stale =
        options.staleAfterMs !== undefined && now.getTime() - Date.parse(row.acquired_at) > options.staleAfterMs;
      if (!stale && (!sameHost || options.isAlive(row.pid))) return { acquired: false, holder: toHolder(row) };
    }
    store.db
      .prepare(
        `INSERT INTO locks (name, pid, host, acquired_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at`,
      )
      .run(name, options.pid, options.host, acquiredAt);
    return { acquired: true, holder: mine, takenOverFrom: row ? toHolder(row) : null };
  });
}

/** Releases the lock if (and only if) this process holds it. */
export function releaseLock(store: Store, name: string, owner: { pid: number; host: string }): boolean {
  return (
    store.db.prepare('DELETE FROM locks WHERE name = ? AND pid = ? AND host = ?').run(name, owner.pid, owner.host)
      .changes > 0
  );
}

export function getLock(store: Store, name: string): LockHolder | undefined {
  const row = store.db.prepare('SELECT * FROM locks WHERE name = ?').get(name) as LockRow | undefined;
  return row ? toHolder(row) : undefined;
}
