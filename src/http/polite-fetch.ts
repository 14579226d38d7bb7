import { LitmusError } from '../core/errors.ts';
import type { CachedResponse, Store } from '../store/store.ts';
import { type BodyCaps, bodyKind, DEFAULT_BODY_CAPS, readBoundedBody } from './bounded-body.ts';
import { acquireSlot, type HostDelays, type HostGroup, hostSlot, realSleep, type Sleep } from './rate-limiter.ts';
import { DEFAULT_MAX_REDIRECTS, isRedirectStatus, nextRedirect } from './redirect-policy.ts';
import { backoffMs, describeNetworkError, isRetryableStatus, parseRetryAfter } from './retry-policy.ts';
// Unreachable hosts (DNS failure, connection refused) fail at once: see the catch in fetchWithRetries.
import { isUnreachableHost, unreachableMessage } from './retry-policy.ts';

/**
 * - `none`: always ask the network (still rate-limited and retried).
 * - `immutable`: a fixed thing (a PDF of one version): fetched once, ever, then served from the store.
 * - `ttl`: reused for `ttlMs`, then revalidated with ETag/Last-Modified where the server offered them.
 */
export type CacheMode = 'none' | 'immutable' | 'ttl';

export interface GetOptions {
  group: HostGroup;
  cache?: CacheMode;
  ttlMs?: number;
  /** Skip a fresh cached copy (a `--refresh`); immutable entries are still served from the store. */
  refresh?: boolean;
  headers?: Record<string, string>;
  /** Non-2xx statuses handed back to the caller instead of thrown (e.g. 404 for "no HTML"). */
  allowStatuses?: number[];
  /** Caps for this request, over the client's (e.g. a PDF source's own limit). */
  bodyCaps?: Partial<BodyCaps>;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  fromCache: boolean;
  text(): string;
}

export interface HttpClient {
  get(url: string, options: GetOptions): Promise<HttpResponse>;
  /** Drops a cached answer that turned out unusable (e.g. truncated XML), so it is asked for again. */
  invalidate(url: string): Promise<void>;
  /** Requests actually sent over the network (retries and revalidations included). */
  readonly requestCount: number;
  readonly offline: boolean;
}

export interface RetryEvent {
  url: string;
  attempt: number;
  reason: string;
  waitMs: number;
}

export interface HttpClientOptions {
  store: Store;
  userAgent: string;
  offline?: boolean;
  maxRetries?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** A Retry-After longer than this ends the retries at once with a clear error. */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
  /** Spacing of hosts set by configuration (see rate-limiter.ts hostSlot). */
  hostDelays?: HostDelays;
  /** Bytes a response may carry, by content type; past it the read stops with a clear error. */
  bodyCaps?: Partial<BodyCaps>;
  /** Redirects followed at most (each hop is rate-limited like any request). */
  maxRedirects?: number;
  /** Hosts a redirect may lead to besides the one asked (and arXiv's own hosts). */
  redirectHosts?: readonly string[];
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const maxRetries = options.maxRetries ?? 4;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoffBase = options.backoffBaseMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 10 * 60_000;
  const offline = options.offline ?? false;
  const clientCaps: BodyCaps = { ...DEFAULT_BODY_CAPS, ...options.bodyCaps };
  const redirectPolicy = {
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    allowedHosts: options.redirectHosts ?? [],
  };
  let requestCount = 0;

  async function get(url: string, getOptions: GetOptions): Promise<HttpResponse> {
    // Addresses come from servers too (an open-access location, a DOI record): only the web is fetched,
    // never a local file or another scheme, and such an address is an input error, not a retry.
    const protocol = URL.canParse(url) ? new URL(url).protocol : null;
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new LitmusError('E_HTTP', `${url.slice(0, 200)} is not an http(s) address: litmus fetches only the web`, {
        hint: 'check the configured endpoint, or the source that gave this link',
        exitCode: 2,
      });
    }
    const mode = getOptions.cache ?? 'none';
    const cached = mode === 'none' ? null : await options.store.httpCache.get(url);
    if (cached) {
      const fresh =
        mode === 'immutable' ||
        (!getOptions.refresh && now() - cached.fetchedAt < (getOptions.ttlMs ?? Number.POSITIVE_INFINITY));
      if (fresh || offline) return fromCache(cached);
    }
    if (offline) {
      throw new LitmusError('E_OFFLINE', `${url} unavailable offline (not in the HTTP cache)`, {
        hint: 'run once without --offline / LITMUS_OFFLINE to fetch it',
      });
    }
    const headers: Record<string, string> = { 'user-agent': options.userAgent, ...getOptions.headers };
    if (cached && mode === 'ttl') {
      if (cached.etag) headers['if-none-match'] = cached.etag;
      if (cached.lastModified) headers['if-modified-since'] = cached.lastModified;
    }
    const response = await followRedirects(url, headers, getOptions);
    if (response.status === 304 && cached) {
      await options.store.httpCache.touch(url, now());
      return fromCache(cached);
    }
    const allowed = getOptions.allowStatuses ?? [];
    const ok = response.status >= 200 && response.status < 300;
    if (!ok && !allowed.includes(response.status)) {
      throw new LitmusError('E_HTTP', `GET ${url} failed: HTTP ${response.status}`, {
        hint: response.status === 404 ? 'check the identifier' : 'try again later',
      });
    }
    // Only complete, successful (or expected-negative, for fixed things) answers are stored.
    const cacheable = ok || (mode === 'immutable' && response.status === 404);
    if (mode !== 'none' && cacheable) {
      await options.store.httpCache.put({
        url,
        status: response.status,
        headers: response.headers,
        body: response.body,
        fetchedAt: now(),
        etag: response.headers['etag'] ?? null,
        lastModified: response.headers['last-modified'] ?? null,
      });
    }
    return response;
  }

  /** Redirects are followed here, one hop at a time, so each goes through the rate limiter and the policy. */
  async function followRedirects(
    url: string,
    headers: Record<string, string>,
    getOptions: GetOptions,
  ): Promise<HttpResponse> {
    const chain: string[] = [];
    let current = url;
    for (;;) {
      const response = await fetchWithRetries(current, headers, getOptions);
      if (!isRedirectStatus(response.status)) return { ...response, url };
      chain.push(current);
      current = nextRedirect(url, chain, response.status, response.headers['location'], redirectPolicy);
    }
  }

  async function fetchWithRetries(
    url: string,
    headers: Record<string, string>,
    getOptions: GetOptions,
  ): Promise<HttpResponse> {
    const slot = hostSlot(getOptions.group, url, options.hostDelays);
    const delayMs = slot.delayMs;
    for (let attempt = 0; ; attempt += 1) {
      // The in-flight lease outlives the request's own timeout, so a crashed process only blocks briefly.
      const release = await acquireSlot(options.store, { name: slot.key, delayMs }, delayMs, {
        sleep,
        now,
        random: options.random,
        leaseMs: timeoutMs + 5000,
      });
      let failure: string;
      let waitMs = backoffMs(attempt, backoffBase, maxBackoff, options.random);
      try {
        requestCount += 1;
        const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
        const kind = bodyKind(response.headers.get('content-type'));
        const cap = getOptions.bodyCaps?.[kind] ?? clientCaps[kind];
        const body = await readBoundedBody(response, url, kind, cap).catch(async (error: unknown) => {
          if (LitmusError.isInstance(error)) await release();
          throw error;
        });
        const responseHeaders = Object.fromEntries(response.headers.entries());
        if (!isRetryableStatus(response.status)) {
          await release();
          return wrap(url, response.status, responseHeaders, body, false);
        }
        failure = `HTTP ${response.status}`;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        if (retryAfter !== null) {
          if (retryAfter > maxRetryAfter) {
            await release(retryAfter);
            throw new LitmusError(
              'E_HTTP',
              `GET ${url} failed: HTTP ${response.status}, server asks to wait ${Math.ceil(retryAfter / 1000)} s`,
              { hint: 'try again later', retryable: true },
            );
          }
          waitMs = retryAfter;
        }
      } catch (error) {
        if (LitmusError.isInstance(error)) throw error;
        if (isUnreachableHost(error)) {
          await release();
          throw new LitmusError('E_NO_NETWORK', unreachableMessage(url), { cause: error });
        }
        const network = describeNetworkError(error);
        if (network === null) {
          await release();
          throw error;
        }
        failure = network;
      }
      // The wait is applied to the whole group, so a concurrent process backs off too.
      await release(waitMs);
      if (attempt >= maxRetries) {
        const tries = attempt + 1;
        throw new LitmusError(
          'E_HTTP',
          `GET ${url} failed after ${tries} ${tries === 1 ? 'try' : 'tries'}: ${failure}`,
          {
            hint: 'the server may be down or rate-limiting; try again later',
            retryable: true,
          },
        );
      }
      options.onRetry?.({ url, attempt: attempt + 1, reason: failure, waitMs });
    }
  }

  return {
    get,
    invalidate: (url) => options.store.httpCache.delete(url),
    get requestCount() {
      return requestCount;
    },
    offline,
  };
}

function fromCache(cached: CachedResponse): HttpResponse {
  return wrap(cached.url, cached.status, cached.headers, cached.body, true);
}

function wrap(
  url: string,
  status: number,
  headers: Record<string, string>,
  body: Uint8Array,
  fromCache: boolean,
): HttpResponse {
  return { url, status, headers, body, fromCache, text: () => new TextDecoder().decode(body) };
}
