/**
 * What workers on many machines coordinate through on Postgres: named locks, rate-limit slots and the
 * shared HTTP and LLM caches. A check-then-write (lock, slot) runs in one transaction under an advisory
 * lock keyed by schema and name, so racing connections — in one process or on different machines —
 * take turns, including for a row that does not exist yet (which SELECT … FOR UPDATE cannot lock).
 */
import { type CachedResponse, type HttpCacheRow, rowToCachedResponse } from '../http-cache.ts';
import { type LlmCacheRow, llmCacheValue } from '../llm-cache.ts';
import { type LockAttempt, type LockRow, toHolder } from '../locks.ts';
import type { HttpCacheStore, LlmCacheStore, LockStore, RateLimitStore } from '../store.ts';
import type { Db } from './db.ts';

const exclusive = (db: Db, key: string) =>
  db.rows("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || $1))", [key]);


export function lockOperations(db: Db): LockStore {
  return {
    acquire: (name, options) =>
      db.atomic(async (tx): Promise<LockAttempt> => {
        const now = options.now?.() ?? new Date();
        const acquiredAt = now.toISOString();
        await exclusive(tx, `lock:${name}`);
        const [row] = await tx.rows<LockRow>('SELECT * FROM locks WHERE name = $1', [name]);
        if (row) {
          const sameHost = row.host === options.host;
          if (sameHost && row.pid === options.pid)
            return { acquired: true, holder: toHolder(row), takenOverFrom: null };
          const stale =
            options.staleAfterMs !== undefined && now.getTime() - Date.parse(row.acquired_at) > options.staleAfterMs;
          if (!stale && (!sameHost || options.isAlive(row.pid))) return { acquired: false, holder: toHolder(row) };
        }
        await tx.changes(
          `INSERT INTO locks (name, pid, host, acquired_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at`,
          [name, options.pid, options.host, acquiredAt],
        );
        return {
          acquired: true,
          holder: { name, pid: options.pid, host: options.host, acquiredAt },
          takenOverFrom: row ? toHolder(row) : null,
        };
      }),
    release: async (name, owner) =>
      (await db.changes('DELETE FROM locks WHERE name = $1 AND pid = $2 AND host = $3', [
        name,
        owner.pid,
        owner.host,
      ])) > 0,
    get: async (name) => {
      const [row] = await db.rows<LockRow>('SELECT * FROM locks WHERE name = $1', [name]);
      return row ? toHolder(row) : undefined;
    },
  };
}

/** Row `<group>` holds the next allowed start, row `<group>#busy` the lease of the request in flight. */
const busyKey = (hostGroup: string) => `${hostGroup}#busy`;

export function rateLimitOperations(db: Db): RateLimitStore {
  const read = async (tx: Db, key: string) =>
    (
      await tx.rows<{ value: number }>('SELECT next_allowed_ms AS value FROM rate_limits WHERE host_group = $1', [key])
    )[0]?.value ?? 0;
  return {
    tryAcquire: (hostGroup, delayMs, leaseMs, nowMs = Date.now()) =>
      db.atomic(async (tx) => {
        await exclusive(tx, `rate:${hostGroup}`);
        const next = await read(tx, hostGroup);
        const busyUntil = await read(tx, busyKey(hostGroup));
        if (busyUntil > nowMs) return { acquired: false, waitMs: busyUntil - nowMs, reason: 'busy' } as const;
        if (next > nowMs) return { acquired: false, waitMs: next - nowMs, reason: 'spacing' } as const;
        const lease = nowMs + leaseMs;
        await tx.changes(
          `INSERT INTO rate_limits (host_group, next_allowed_ms) VALUES ($1, $2), ($3, $4)
           ON CONFLICT (host_group) DO UPDATE SET next_allowed_ms = excluded.next_allowed_ms`,
          [hostGroup, nowMs + delayMs, busyKey(hostGroup), lease],
        );
        return { acquired: true, lease } as const;
      }),
    release: (hostGroup, lease, delayMs, endedMs = Date.now()) =>
      db.atomic(async (tx) => {
        await exclusive(tx, `rate:${hostGroup}`);
        await tx.changes('DELETE FROM rate_limits WHERE host_group = $1 AND next_allowed_ms = $2', [
          busyKey(hostGroup),
          lease,
        ]);
        await tx.changes(
          `INSERT INTO rate_limits (host_group, next_allowed_ms) VALUES ($1, $2)
           ON CONFLICT (host_group) DO UPDATE SET next_allowed_ms = greatest(rate_limits.next_allowed_ms, excluded.next_allowed_ms)`,
          [hostGroup, endedMs + delayMs],
        );
      }),
    nextAllowed: async (hostGroup) =>
      (
        await db.rows<{ value: number }>('SELECT next_allowed_ms AS value FROM rate_limits WHERE host_group = $1', [
          hostGroup,
        ])
      )[0]?.value ?? null,
  };
}

export function httpCacheOperations(db: Db): HttpCacheStore {
  return {
    get: async (url): Promise<CachedResponse | null> => {
      const [row] = await db.rows<HttpCacheRow>('SELECT * FROM http_cache WHERE url = $1', [url]);
      return row ? rowToCachedResponse(row) : null;
    },
    put: async (entry) => {
      await db.changes(
        `INSERT INTO http_cache (url, status, headers_json, body, fetched_at, etag, last_modified)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (url) DO UPDATE SET status = excluded.status, headers_json = excluded.headers_json,
           body = excluded.body, fetched_at = excluded.fetched_at, etag = excluded.etag,
           last_modified = excluded.last_modified`,
        [
          entry.url,
          entry.status,
          JSON.stringify(entry.headers),
          Buffer.from(entry.body),
          entry.fetchedAt,
          entry.etag,
          entry.lastModified,
        ],
      );
    },
    touch: async (url, fetchedAt) => {
      await db.changes('UPDATE http_cache SET fetched_at = $1 WHERE url = $2', [fetchedAt, url]);
    },
    delete: async (url) => {
      await db.changes('DELETE FROM http_cache WHERE url = $1', [url]);
    },
  };
}

export function llmCacheOperations(db: Db): LlmCacheStore {
  return {
    get: async (key) => {
      const [row] = await db.rows<LlmCacheRow>(
        'SELECT response_json, prompt_tokens, completion_tokens FROM llm_cache WHERE key = $1',
        [key],
      );
      return row ? llmCacheValue(row) : undefined;
    },
    put: async (key, value) => {
      await db.changes(
        `INSERT INTO llm_cache (key, base_url, model, prompt_id, prompt_hash, input_hash, response_json,
           prompt_tokens, completion_tokens)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (key) DO UPDATE SET response_json = excluded.response_json,
           prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
           created_at = litmus_now()`,
        [
          key.key,
          key.baseUrl,
          key.model,
          key.promptId,
          key.promptHash,
          key.inputHash,
          JSON.stringify({ choices: value.choices }),
          value.usage.promptTokens,
          value.usage.completionTokens,
        ],
      );
    },
    count: () =>
      db.rows<{ promptId: string; entries: number }>(
        `SELECT prompt_id AS "promptId", count(*)::int AS entries FROM llm_cache GROUP BY prompt_id
         ORDER BY prompt_id COLLATE "C"`,
      ),
  };
}
