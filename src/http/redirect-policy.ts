import { LitmusError } from '../core/errors.ts';
import { isArxivHost } from './rate-limiter.ts';

/**
 * Which redirects are followed: at most `maxRedirects`, only to http(s), and only to the host first
 * asked, another arXiv host when that was arXiv, or a host on the configured allow-list
 * (`http.redirectHosts`; "example.org" also allows its subdomains). Anything else is a clear error
 * that is not retried: a PDF from a host nobody chose is never accepted.
 */
export interface RedirectPolicy {
  maxRedirects: number;
  allowedHosts: readonly string[];
}

export const DEFAULT_MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The next URL to ask, or a LitmusError saying why the redirect is not followed. */
export function nextRedirect(
  first: string,
  chain: readonly string[],
  status: number,
  location: string | undefined,
  policy: RedirectPolicy,
): string {
  const from = chain[chain.length - 1] ?? first;
  if (!location) throw redirectError(first, `HTTP ${status} from ${from} has no Location`);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw redirectError(first, `${from} redirects to an invalid address "${location.slice(0, 200)}"`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw redirectError(first, `${from} redirects to a non-HTTP address (${target.protocol}//…)`);
  }
  const next = target.toString();
  if (chain.includes(next) || next === first) throw redirectError(first, `redirect loop back to ${next}`);
  if (chain.length > policy.maxRedirects) {
    throw redirectError(first, `more than ${policy.maxRedirects} redirects (last to ${next})`);
  }
  if (!hostAllowed(new URL(first).hostname, target.hostname, policy.allowedHosts)) {
    throw redirectError(
      first,
      `${from} redirects to another host, ${target.hostname}`,
      'add it to http.redirectHosts in litmus.config.json if you trust it',
    );
  }
  return next;
}

function hostAllowed(firstHost: string, host: string, allowed: readonly string[]): boolean {
  const wanted = host.toLowerCase();
  if (wanted === firstHost.toLowerCase()) return true;
  if (isArxivHost(`http://${firstHost}/`) && isArxivHost(`http://${wanted}/`)) return true;
  return allowed.some((entry) => {
    const name = entry.toLowerCase();
    return wanted === name || wanted.endsWith(`.${name}`);
  });
}

function redirectError(
  url: string,
  reason: string,
  hint = 'the source may have moved; check the address',
): LitmusError {
  return new LitmusError('E_REDIRECT', `GET ${url} not followed: ${reason}`, { hint, retryable: false });
}
