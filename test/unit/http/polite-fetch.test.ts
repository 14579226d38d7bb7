import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { createHttpClient, type HttpClientOptions } from '../../../src/http/polite-fetch.ts';
import type { HostGroup } from '../../../src/http/rate-limiter.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

const group: HostGroup = { name: 'test', delayMs: 0 };
const URL_A = 'http://127.0.0.1:9/a';

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A scripted fetch: each call takes the next answer (a Response factory or an error to throw). */
function scriptedFetch(script: (() => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    const next = script[Math.min(calls.length - 1, script.length - 1)]!;
    return next();
  }) as typeof fetch;
  return { fetchImpl, calls };
}

function resetError(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause });
}

let store: SqliteTestStore;
const sleeps: number[] = [];
let clock = 1_000_000;

function client(fetchImpl: typeof fetch, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    store,
    userAgent: 'litmus/test (+mailto:t@example.org)',
    fetch: fetchImpl,
    maxRetries: 3,
    backoffBaseMs: 100,
    random: () => 0,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    ...extra,
  });
}

beforeEach(() => {
  store = openSqliteStore(':memory:');
  sleeps.length = 0;
});
afterEach(() => store.close());

describe('polite fetch', () => {
  it('refuses an address that is not http(s) (a file: link from a server) without a request or retry', async () => {
    const { fetchImpl, calls } = scriptedFetch([() => new Response('never')]);
    for (const url of ['file:///etc/passwd', 'ftp://example.org/paper.pdf', 'not a url']) {
      const error = await client(fetchImpl)
        .get(url, { group })
        .catch((e: unknown) => e);
      expect(LitmusError.isInstance(error) && error.code).toBe('E_HTTP');
      expect((error as LitmusError).toLine()).toMatch(/is not an http\(s\) address/);
    }
    expect(calls).toEqual([]);
    expect(sleeps).toEqual([]);
  });

  it('sends the User-Agent and counts requests', async () => {
    const { fetchImpl, calls } = scriptedFetch([() => new Response('ok')]);
    const http = client(fetchImpl);
    const response = await http.get(URL_A, { group });
    expect(response.text()).toBe('ok');
    expect(calls[0]!.headers['user-agent']).toBe('litmus/test (+mailto:t@example.org)');
    expect(http.requestCount).toBe(1);
  });

  it('honours Retry-After in seconds on 429, then succeeds', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }),
      () => new Response('ok'),
    ]);
    const http = client(fetchImpl);
    expect((await http.get(URL_A, { group })).text()).toBe('ok');
    expect(calls).toHaveLength(2);
    expect(sleeps).toContain(7000);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const when = new Date(clock + 4000).toUTCString();
    const { fetchImpl } = scriptedFetch([
      () => new Response('busy', { status: 503, headers: { 'retry-after': when } }),
      () => new Response('ok'),
    ]);
    await client(fetchImpl).get(URL_A, { group });
    // HTTP dates have 1 s resolution: the wait is between 3 and 4 s.
    expect(sleeps.some((ms) => ms > 3000 && ms <= 4000)).toBe(true);
  });

  it('backs off exponentially on 503 and gives up with one line naming the URL and status', async () => {
    const { fetchImpl, calls } = scriptedFetch([() => new Response('down', { status: 503 })]);
    const error = await client(fetchImpl)
      .get(URL_A, { group })
      .catch((e: unknown) => e);
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).message).toBe(`GET ${URL_A} failed after 4 tries: HTTP 503`);
    expect((error as LitmusError).message).not.toContain('\n');
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('retries a reset connection', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      () => {
        throw resetError();
      },
      () => new Response('ok'),
    ]);
    expect((await client(fetchImpl).get(URL_A, { group })).text()).toBe('ok');
    expect(calls).toHaveLength(2);
  });

  it('reports a reset that never recovers', async () => {
    const { fetchImpl } = scriptedFetch([
      () => {
        throw resetError();
      },
    ]);
    await expect(client(fetchImpl, { maxRetries: 1 }).get(URL_A, { group })).rejects.toThrow(
      `GET ${URL_A} failed after 2 tries: connection reset`,
    );
  });

  it('does not retry a 404 and throws unless allowed', async () => {
    const { fetchImpl, calls } = scriptedFetch([() => new Response('nope', { status: 404 })]);
    const http = client(fetchImpl);
    await expect(http.get(URL_A, { group })).rejects.toThrow(`GET ${URL_A} failed: HTTP 404`);
    expect((await http.get(URL_A, { group, allowStatuses: [404] })).status).toBe(404);
    expect(calls).toHaveLength(2);
  });

  it('a Retry-After beyond the limit ends at once', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      () => new Response('', { status: 429, headers: { 'retry-after': '3600' } }),
    ]);
    await expect(client(fetchImpl, { maxRetryAfterMs: 60_000 }).get(URL_A, { group })).rejects.toThrow(
      /HTTP 429, server asks to wait 3600 s/,
    );
    expect(calls).toHaveLength(1);
  });
});

describe('HTTP cache', () => {
  it('fetches an immutable URL once, ever', async () => {
    const { fetchImpl, calls } = scriptedFetch([() => new Response('%PDF-1.5 ...')]);
    const http = client(fetchImpl);
    await http.get(URL_A, { group, cache: 'immutable' });
    clock += 365 * 24 * 3600_000;
    const again = await http.get(URL_A, { group, cache: 'immutable', refresh: true });
    expect(again.fromCache).toBe(true);
    expect(calls).toHaveLength(1);
    expect(http.requestCount).toBe(1);
  });

  it('reuses a TTL entry until it expires, and --refresh forces a request', async () => {
    let n = 0;
    const { fetchImpl, calls } = scriptedFetch([() => new Response(`answer ${++n}`)]);
    const http = client(fetchImpl);
    expect((await http.get(URL_A, { group, cache: 'ttl', ttlMs: 1000 })).text()).toBe('answer 1');
    expect((await http.get(URL_A, { group, cache: 'ttl', ttlMs: 1000 })).text()).toBe('answer 1');
    expect((await http.get(URL_A, { group, cache: 'ttl', ttlMs: 1000, refresh: true })).text()).toBe('answer 2');
    clock += 1001;
    expect((await http.get(URL_A, { group, cache: 'ttl', ttlMs: 1000 })).text()).toBe('answer 3');
    expect(calls).toHaveLength(3);
  });

  it('revalidates a stale entry with ETag / Last-Modified and keeps the body on 304', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      () => new Response('body v1', { headers: { etag: '"abc"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' } }),
      () => new Response(null, { status: 304 }),
    ]);
    const http = client(fetchImpl);
    await http.get(URL_A, { group, cache: 'ttl', ttlMs: 10 });
    clock += 20;
    const second = await http.get(URL_A, { group, cache: 'ttl', ttlMs: 10 });
    expect(second.text()).toBe('body v1');
    expect(calls[1]!.headers['if-none-match']).toBe('"abc"');
    expect(calls[1]!.headers['if-modified-since']).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
    expect((await store.httpCache.get(URL_A))!.fetchedAt).toBe(clock);
  });

  it('does not cache failures', async () => {
    const { fetchImpl } = scriptedFetch([() => new Response('down', { status: 503 })]);
    await expect(client(fetchImpl, { maxRetries: 0 }).get(URL_A, { group, cache: 'ttl', ttlMs: 1000 })).rejects.toThrow();
    expect(await store.httpCache.get(URL_A)).toBeNull();
  });

  it('offline: serves any cached copy, else E_OFFLINE without a request', async () => {
    const { fetchImpl, calls } = scriptedFetch([() => new Response('cached answer')]);
    await client(fetchImpl).get(URL_A, { group, cache: 'ttl', ttlMs: 10 });
    clock += 1_000_000;
    const offline = client(fetchImpl, { offline: true });
    expect((await offline.get(URL_A, { group, cache: 'ttl', ttlMs: 10 })).text()).toBe('cached answer');
    const error = await offline.get('http://127.0.0.1:9/b', { group }).catch((e: unknown) => e);
    expect((error as LitmusError).code).toBe('E_OFFLINE');
    expect((error as LitmusError).message).toContain('unavailable offline');
    expect(calls).toHaveLength(1);
    expect(offline.requestCount).toBe(0);
  });
});
