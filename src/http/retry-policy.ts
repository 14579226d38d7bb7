/** Which failures are worth another try, and how long to wait before it. */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Retry-After is either delta-seconds or an HTTP date; returns ms to wait, or null when absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with jitter: base·2^attempt plus up to one base of random spread. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** attempt;
  return Math.min(maxMs, Math.round(exponential + random() * baseMs));
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** A short name for a transport failure (timeout, reset…), or null when the error is not one. */
export function describeNetworkError(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
  const code = errorCode(error) ?? errorCode(error.cause);
  if (code && NETWORK_CODES.has(code))
    return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'connection reset' : code;
  if (error instanceof TypeError && /fetch failed|terminated|other side closed/i.test(error.message)) {
    const inner = error.cause instanceof Error ? error.cause.message : '';
    return inner ? `network error (${inner})` : 'network error';
  }
  return null;
}

/**
 * Codes that mean the host cannot be reached at all (its name does not resolve, or nothing listens):
 * retrying will not help within a run, so these fail at once instead of backing off five times.
 */
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED']);

/** True when a fetch failed because the host is unreachable (DNS failure, connection refused). */
export function isUnreachableHost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const codes = [errorCode(error), errorCode(error.cause)];
  // Node reports a refusal on every address of a host as an AggregateError with one error each.
  const inner = error.cause instanceof AggregateError ? error.cause.errors : [];
  for (const each of inner) codes.push(errorCode(each));
  return codes.some((code) => code !== null && UNREACHABLE_CODES.has(code));
}

/** The one line for an unreachable host, naming it and the way to work without it. */
export function unreachableMessage(url: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw text: it is what the user configured
  }
  return `no network: cannot reach ${host}; use --offline to work from the local library`;
}

function errorCode(value: unknown): string | null {
  if (value && typeof value === 'object' && 'code' in value && typeof value.code === 'string') return value.code;
  return null;
}
