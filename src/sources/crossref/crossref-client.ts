import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { HostGroup } from '../../http/rate-limiter.ts';
import type { CrossrefEnvelope, CrossrefWork } from './crossref-types.ts';

export interface CrossrefClient {
  /** The work a DOI names, or null when Crossref does not know it (e.g. a DataCite DOI such as arXiv's). */
  work(doi: string): Promise<CrossrefWork | null>;
}

export interface CrossrefDeps {
  http: HttpClient;
  config: Config;
}

export function crossrefHostGroup(config: Config): HostGroup {
  return { name: 'crossref', delayMs: config.crossref.delayMs };
}

/** "https://doi.org/10.1/X", "doi:10.1/X" and "10.1/X" all name 10.1/x (DOIs are case-insensitive). */
export function normaliseDoi(input: string): string | null {
  const trimmed = input
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(trimmed) ? trimmed.toLowerCase() : null;
}

/** arXiv's own DOIs (10.48550) are registered with DataCite, not Crossref: asking would only 404. */
export function isCrossrefCandidate(doi: string): boolean {
  return !/^10\.48550\//i.test(doi);
}

/**
 * Crossref's REST API, in its polite pool: every request carries `mailto` (the configured contact),
 * as Crossref asks, and is spaced by `crossref.delayMs`. Answers are cached for `crossref.ttlHours`,
 * so a retraction published since is seen on the next day's run.
 */
export function createCrossrefClient(deps: CrossrefDeps): CrossrefClient {
  const { http, config } = deps;
  const group = crossrefHostGroup(config);
  const api = config.crossref.api.replace(/\/+$/, '');
  const ttlMs = config.crossref.ttlHours * 3600_000;

  async function work(input: string): Promise<CrossrefWork | null> {
    const doi = normaliseDoi(input);
    if (!doi) {
      throw new LitmusError('E_BAD_DOI', `"${input}" is not a DOI`, {
        hint: 'a DOI looks like 10.1234/abc.5678',
        exitCode: 2,
      });
    }
    const url = new URL(`${api}/works/${encodeURIComponent(doi)}`);
    url.searchParams.set('mailto', config.contact);
    const response = await http.get(url.toString(), {
      group,
      cache: 'ttl',
      ttlMs,
      headers: { accept: 'application/json' },
      allowStatuses: [404],
    });
    if (response.status === 404) return null;
    let envelope: CrossrefEnvelope<CrossrefWork>;
    try {
      envelope = JSON.parse(response.text()) as CrossrefEnvelope<CrossrefWork>;
    } catch {
      http.invalidate(url.toString());
      throw new LitmusError('E_CROSSREF_BAD_JSON', `Crossref answered ${url} with invalid JSON`, { retryable: true });
    }
    if (envelope.status !== 'ok' || envelope['message-type'] !== 'work' || typeof envelope.message?.DOI !== 'string') {
      http.invalidate(url.toString());
      throw new LitmusError('E_CROSSREF_BAD_JSON', `Crossref answered ${url} with something other than a work record`);
    }
    return envelope.message;
  }

  return { work };
}
