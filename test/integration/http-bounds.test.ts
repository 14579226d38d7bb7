import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../src/core/errors.ts';
import { createHttpClient, type HttpClientOptions } from '../../src/http/polite-fetch.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.ts';

const MIB = 1024 * 1024;

async function failure(promise: Promise<unknown>): Promise<LitmusError> {
  try {
    await promise;
  } catch (error) {
    if (LitmusError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a LitmusError');
}

describe('network reads against a hostile server', () => {
  let server: LoopbackServer;
  let store: SqliteTestStore;
  let sent = 0;
  let closed: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    server = await startLoopbackServer(() => {});
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    await store?.close();
    store = openSqliteStore(':memory:');
    server.clearRequests();
  });

  const client = (extra: Partial<HttpClientOptions> = {}) =>
    createHttpClient({ store, userAgent: 'litmus/test', maxRetries: 2, backoffBaseMs: 10, ...extra });
  const group = { name: 'hostile', delayMs: 0 };

  it('stops an endless PDF body at the cap with one line naming the URL and the cap', async () => {
    sent = 0;
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      closed = new Promise((resolve) => response.on('close', () => resolve()));
      let open = true;
      response.on('close', () => {
        open = false;
      });
      // Writes for ever, as fast as the client reads (backpressure), until the client hangs up.
      const pump = () => {
        while (open && response.write(chunk)) sent += chunk.length;
        if (open) {
          sent += chunk.length;
          response.once('drain', pump);
        }
      };
      pump();
    });
    const url = `${server.url}/endless.pdf`;
    const error = await failure(client({ bodyCaps: { pdf: MIB } }).get(url, { group }));
    expect(error.code).toBe('E_TOO_LARGE');
    expect(error.message).toBe(`GET ${url} stopped: the PDF body exceeds the ${MIB}-byte cap`);
    expect(error.toLine()).not.toContain('\n');
    await closed; // the connection was dropped, so the server stopped sending
    expect(sent).toBeLessThan(MIB + 16 * MIB); // the cap plus what socket buffers hold, not an ever-growing body
    expect(server.requests).toHaveLength(1); // not retried
  });

  it('refuses a declared Content-Length over the cap before reading, per content type', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/atom+xml', 'content-length': String(4 * MIB) });
      response.end(Buffer.alloc(4 * MIB));
    });
    const error = await failure(
      client({ bodyCaps: { feed: MIB, pdf: 10 * MIB } }).get(`${server.url}/feed`, { group }),
    );
    expect(error.message).toContain(`feed/API body exceeds the ${MIB}-byte cap`);
    const fine = await client({ bodyCaps: { feed: 8 * MIB } }).get(`${server.url}/feed`, { group });
    expect(fine.body.byteLength).toBe(4 * MIB);
  });

  it('follows a redirect on the same host and caches under the address asked for', async () => {
    server.setHandler((request, response) => {
      if (request.path === '/old') response.writeHead(301, { location: '/new' }).end();
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<p>moved here</p>');
    });
    const response = await client().get(`${server.url}/old`, { group, cache: 'immutable' });
    expect(response.text()).toBe('<p>moved here</p>');
    expect(response.url).toBe(`${server.url}/old`);
    expect(server.requests.map((r) => r.path)).toEqual(['/old', '/new']);
  });

  it('stops a redirect loop after one round, each hop spaced by the rate limiter', async () => {
    server.setHandler((request, response) => {
      response.writeHead(302, { location: request.path === '/a' ? '/b' : '/a' }).end();
    });
    const error = await failure(client().get(`${server.url}/a`, { group: { name: 'loop', delayMs: 150 } }));
    expect(error.code).toBe('E_REDIRECT');
    expect(error.message).toContain('redirect loop');
    expect(error.retryable).toBe(false);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.time - server.requests[0]!.time).toBeGreaterThanOrEqual(140);
  });

  it('follows at most 5 redirects', async () => {
    server.setHandler((request, response) => {
      const n = Number(request.path.slice(2));
      response.writeHead(302, { location: `/r${n + 1}` }).end();
    });
    const error = await failure(client().get(`${server.url}/r0`, { group }));
    expect(error.message).toContain('more than 5 redirects');
    expect(server.requests).toHaveLength(6);
  });

  it('refuses a redirect to another host unless it is allowed, and never retries it', async () => {
    const other = `http://localhost:${server.port}/elsewhere.pdf`;
    server.setHandler((request, response) => {
      if (request.path === '/paper.pdf') response.writeHead(302, { location: other }).end();
      else response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7 not yours');
    });
    const error = await failure(client().get(`${server.url}/paper.pdf`, { group }));
    expect(error.code).toBe('E_REDIRECT');
    expect(error.message).toContain('redirects to another host, localhost');
    expect(server.requests).toHaveLength(1);
    const allowed = await client({ redirectHosts: ['localhost'] }).get(`${server.url}/paper.pdf`, { group });
    expect(allowed.text()).toContain('%PDF-');
  });

  it('refuses a file:// redirect as a clear error, not "server may be down"', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    });
    const error = await failure(client().get(`${server.url}/x`, { group }));
    expect(error.code).toBe('E_REDIRECT');
    expect(error.message).toContain('non-HTTP address (file://');
    expect(error.toLine()).not.toMatch(/may be down/);
    expect(server.requests).toHaveLength(1);
  });
});
