import type { Config } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './polite-fetch.ts';
import { type HostDelays, isArxivHost } from './rate-limiter.ts';
import { userAgent } from './user-agent.ts';

/** The one HTTP client a command uses: offline, retries, timeout and User-Agent from the config. */
export function createHttpClientFromConfig(
  store: Store,
  config: Config,
  overrides: Partial<Omit<HttpClientOptions, 'store'>> = {},
): HttpClient {
  return createHttpClient({
    store,
    userAgent: userAgent(config.contact),
    offline: config.offline,
    maxRetries: config.arxiv.maxRetries,
    timeoutMs: config.arxiv.timeoutMs,
    hostDelays: hostDelaysFromConfig(config),
    // PDFs and HTML papers are bounded like files given to `add`; feeds by their own, smaller cap.
    bodyCaps: { pdf: config.maxBytes, html: config.maxBytes, other: config.maxBytes, feed: config.http.maxFeedBytes },
    maxRedirects: config.http.maxRedirects,
    redirectHosts: config.http.redirectHosts,
    ...overrides,
  });
}

/**
 * Each endpoint pointed elsewhere than arxiv.org (a stand-in, a mirror) is spaced by its own setting,
 * not by the 3 s arxiv.org keeps: an overridden API and base with the default OAI no longer drag the
 * stand-in down to arxiv.org's pace, while arxiv.org hosts keep theirs (see hostSlot).
 */
export function hostDelaysFromConfig(config: Config): HostDelays {
  const delays = new Map<string, number>();
  const endpoints: [string, number][] = [
    [config.arxiv.api, config.arxiv.delayMs],
    [config.arxiv.base, config.arxiv.delayMs],
    [config.arxiv.oai, config.arxiv.delayMs],
    [config.semanticScholar.api, config.semanticScholar.delayMs],
    [config.openalex.api, config.openalex.delayMs],
    [config.unpaywall.api, config.unpaywall.delayMs],
    [config.crossref.api, config.crossref.delayMs],
  ];
  for (const [url, delayMs] of endpoints) {
    if (!isArxivHost(url)) delays.set(new URL(url).host.toLowerCase(), delayMs);
  }
  return delays;
}
