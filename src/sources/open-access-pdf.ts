import { LitmusError } from '../core/errors.ts';
import type { HttpClient } from '../http/polite-fetch.ts';
import type { HostGroup } from '../http/rate-limiter.ts';
import type { FullText } from './source.ts';

/** PDFs found through open-access locations come from many hosts; each host is spaced by this. */
export const OPEN_ACCESS_GROUP: HostGroup = { name: 'open-access', delayMs: 1000 };

/**
 * Fetches an open-access PDF link: a PDF once fetched never changes (cached for good). A link that
 * answers 401/403/404/410 or with something other than a PDF (a landing page, a login wall) gives
 * null, so the caller can try the next location; other failures throw.
 */
export async function fetchOpenAccessPdf(http: HttpClient, url: string): Promise<FullText | null> {
  const response = await http.get(url, {
    group: OPEN_ACCESS_GROUP,
    cache: 'immutable',
    allowStatuses: [401, 403, 404, 410],
  });
  if (response.status !== 200) return null;
  const head = new TextDecoder().decode(response.body.subarray(0, 5));
  if (head !== '%PDF-') return null;
  return { kind: 'pdf', url, bytes: response.body };
}

/** The first of `urls` that yields a PDF; a failing link is reported through `warn` and skipped. */
export async function firstOpenAccessPdf(
  http: HttpClient,
  urls: string[],
  warn?: (message: string) => void,
): Promise<FullText | null> {
  for (const url of urls) {
    try {
      const text = await fetchOpenAccessPdf(http, url);
      if (text) return text;
      warn?.(`${url} is not a PDF it can read; trying the next open-access location`);
    } catch (error) {
      if (LitmusError.isInstance(error) && (error.code === 'E_NO_NETWORK' || error.code === 'E_OFFLINE')) throw error;
      warn?.(`${url}: ${LitmusError.isInstance(error) ? error.toLine() : String(error)}`);
    }
  }
  return null;
}
