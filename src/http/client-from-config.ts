import type { Config } from '../config/schema.ts';
import type { Store } from '../store/db.ts';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './polite-fetch.ts';
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
    // PDFs and HTML papers are bounded like files given to `add`; feeds by their own, smaller cap.
    bodyCaps: { pdf: config.maxBytes, html: config.maxBytes, other: config.maxBytes, feed: config.http.maxFeedBytes },
    maxRedirects: config.http.maxRedirects,
    redirectHosts: config.http.redirectHosts,
    ...overrides,
  });
}
