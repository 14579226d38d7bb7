import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import type { HostGroup } from '../../../src/http/rate-limiter.ts';
import { isUnreachableHost, unreachableMessage } from '../../../src/http/retry-policy.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

const group: HostGroup = { name: 'test', delayMs: 0 };

function failure(code: string, aggregate = false): TypeError {
  const inner = Object.assign(new Error(`getaddrinfo ${code} example.invalid`), { code });
  const cause = aggregate ? Object.assign(new AggregateError([inner, inner]), { code: undefined }) : inner;
  return new TypeError('fetch failed', { cause });
}

let store: SqliteTestStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

function client(fetchImpl: typeof fetch) {
  return createHttpClient({
    store,
    userAgent: 'litmus/test',
    fetch: fetchImpl,
    maxRetries: 4,
    backoffBaseMs: 100,
    sleep: async () => {},
  });
}

describe('an unreachable host', () => {
  it('is told apart from transient failures', () => {
    expect(isUnreachableHost(failure('ENOTFOUND'))).toBe(true);
    expect(isUnreachableHost(failure('EAI_AGAIN'))).toBe(true);
    expect(isUnreachableHost(failure('ECONNREFUSED'))).toBe(true);
    expect(isUnreachableHost(failure('ECONNREFUSED', true))).toBe(true);
    expect(isUnreachableHost(failure('ECONNRESET'))).toBe(false);
    expect(isUnreachableHost(new Error('other'))).toBe(false);
    expect(unreachableMessage('http://export.arxiv.org:8080/api/query?x=1')).toBe(
      'no network: cannot reach export.arxiv.org:8080; use --offline to work from the local library',
    );
  });

  it('fails on the first try (no retries) with one line naming the host and --offline', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls += 1;
      throw failure('ENOTFOUND');
    }) as typeof fetch;
    const error = await client(fetchImpl)
      .get('http://example.invalid/a', { group })
      .catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).code).toBe('E_NO_NETWORK');
    expect((error as LitmusError).toLine()).toBe(
      'no network: cannot reach example.invalid; use --offline to work from the local library',
    );
  });

  it('is recognised from a real refused connection on a closed loopback port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const error = await client(globalThis.fetch)
      .get(`http://127.0.0.1:${port}/x`, { group })
      .catch((e: unknown) => e);
    expect((error as LitmusError).code).toBe('E_NO_NETWORK');
    expect((error as LitmusError).message).toContain(`cannot reach 127.0.0.1:${port}`);
  });
});
