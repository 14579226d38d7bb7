import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { HostGroup } from '../../http/rate-limiter.ts';
import { identifiersOf, normaliseDoi } from '../../core/identifiers.ts';
import { firstOpenAccessPdf } from '../open-access-pdf.ts';
import type { FullText, FullTextFinder } from '../source.ts';
import type { UnpaywallRecord } from './unpaywall-types.ts';

export interface UnpaywallDeps {
  http: HttpClient;
  config: Config;
  warn?: (message: string) => void;
}

export interface UnpaywallFinder extends FullTextFinder {
  readonly name: 'unpaywall';
  /** Unpaywall's record of a DOI, or null when it does not know the DOI. */
  lookup(doi: string): Promise<UnpaywallRecord | null>;
}

export function unpaywallHostGroup(config: Config): HostGroup {
  return { name: 'unpaywall', delayMs: config.unpaywall.delayMs };
}

/** Unpaywall answers 422 to a missing or placeholder address: it needs a real one. */
export function unpaywallEmail(config: Config): string {
  const email = config.unpaywall.email ?? config.contact;
  if (/\.invalid$/i.test(email) || !email.includes('@')) {
    throw new LitmusError('E_CONFIG', `Unpaywall needs your email address (unpaywall.email is "${email}")`, {
      hint: 'set unpaywall.email (or contact) in litmus.config.json to an address you read',
      exitCode: 2,
    });
  }
  return email;
}

/**
 * Unpaywall finds a legal open-access copy of a DOI (https://unpaywall.org/products/api): one GET
 * `/v2/<doi>?email=…` per paper, cached like other metadata, then its PDF links are tried best
 * first (the best location, then repositories, which often serve PDFs where publishers do not).
 */
export function createUnpaywallFinder(deps: UnpaywallDeps): UnpaywallFinder {
  const { http, config } = deps;
  const group = unpaywallHostGroup(config);
  const api = config.unpaywall.api.replace(/\/+$/, '');
  const ttlMs = config.arxiv.searchTtlHours * 3600_000;

  async function lookup(doi: string): Promise<UnpaywallRecord | null> {
    const email = unpaywallEmail(config);
    const bare = normaliseDoi(doi);
    if (!bare) throw new LitmusError('E_NOT_FOUND', `"${doi}" is not a DOI`, { exitCode: 2 });
    // The DOI goes in the path as is, its slashes included: encode everything else.
    const url = `${api}/${encodeURIComponent(bare).replace(/%2F/gi, '/')}?email=${encodeURIComponent(email)}`;
    const response = await http.get(url, {
      group,
      cache: 'ttl',
      ttlMs,
      headers: { accept: 'application/json' },
      allowStatuses: [404, 422],
    });
    if (response.status === 404) return null;
    if (response.status === 422) {
      throw new LitmusError('E_CONFIG', `Unpaywall refused the request for ${bare}: ${response.text().slice(0, 200)}`, {
        hint: 'set unpaywall.email to a real address you read',
        exitCode: 2,
      });
    }
    try {
      return JSON.parse(response.text()) as UnpaywallRecord;
    } catch {
      http.invalidate(url);
      throw new LitmusError('E_UNPAYWALL_BAD_JSON', `Unpaywall answered ${bare} with invalid JSON`, {
        hint: 'try again later',
        retryable: true,
      });
    }
  }

  async function find(paper: Paper): Promise<FullText | null> {
    const doi = identifiersOf(paper).doi;
    if (!doi) return null;
    const record = await lookup(doi);
    if (!record?.is_oa) return null;
    return firstOpenAccessPdf(http, pdfUrls(record), deps.warn);
  }

  return { name: 'unpaywall', lookup, find };
}

/** PDF links of a record, best first: the best location, then repository copies, then the rest. */
export function pdfUrls(record: UnpaywallRecord): string[] {
  const locations = [
    ...(record.best_oa_location ? [record.best_oa_location] : []),
    ...(record.oa_locations ?? []).filter((l) => l.host_type === 'repository'),
    ...(record.oa_locations ?? []),
  ];
  const urls = locations.map((l) => l.url_for_pdf).filter((u): u is string => typeof u === 'string' && u !== '');
  return [...new Set(urls)];
}
