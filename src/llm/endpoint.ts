import { LitmusError } from '../core/errors.ts';

/** True for URLs whose host is this machine (127.0.0.0/8, ::1, localhost): local model servers. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The base URL without a trailing slash, validated; paths of every request must start with it. */
export function normalizeBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new LitmusError('E_LLM_CONFIG', `LLM base URL ${JSON.stringify(baseUrl)} is not a URL`, {
      hint: 'set OPENAI_BASE_URL or llm.baseUrl to e.g. http://127.0.0.1:11434/v1',
      exitCode: 2,
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LitmusError('E_LLM_CONFIG', `LLM base URL ${baseUrl} must be http(s)`, {
      hint: 'set OPENAI_BASE_URL or llm.baseUrl to an http:// or https:// URL',
      exitCode: 2,
    });
  }
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString().replace(/\/+$/, '');
}

/** Whether `url` lies under `baseUrl` (same origin, path prefix on a segment boundary). */
export function isUnderBaseUrl(url: string, baseUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  if (target.origin !== base.origin) return false;
  const prefix = base.pathname.replace(/\/+$/, '');
  return target.pathname === prefix || target.pathname.startsWith(`${prefix}/`);
}

/**
 * A fetch that refuses every URL outside the configured base URL, so no request (redirect target,
 * mis-set env var inside the SDK, future SDK feature) ever leaves for another host. Redirects are
 * not followed: a 3xx comes back as an error instead of silently going elsewhere.
 */
export function createBaseUrlFetch(baseUrl: string, inner: typeof fetch = fetch): typeof fetch {
  const guarded = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!isUnderBaseUrl(url, baseUrl)) {
      return Promise.reject(
        new LitmusError('E_LLM_FOREIGN_URL', `refused an LLM request to ${url}: outside the base URL ${baseUrl}`, {
          hint: 'only the configured OPENAI_BASE_URL / llm.baseUrl is ever contacted',
        }),
      );
    }
    return inner(input, { ...init, redirect: 'manual' });
  };
  return guarded as typeof fetch;
}
