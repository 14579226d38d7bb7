import { LitmusError } from '../../core/errors.ts';
import { collapseWhitespace } from '../../core/text.ts';
import type { Paper } from '../../core/types.ts';
import { toOpenAlexQuery } from '../openalex/query.ts';
import type { PaperSource, SearchOptions, SourceContext } from '../source.ts';
import { crossrefHostGroup, createCrossrefClient, normaliseDoi } from './crossref-client.ts';
import type { CrossrefDate, CrossrefEnvelope, CrossrefWork, CrossrefWorkList } from './crossref-types.ts';

export interface CrossrefSource extends PaperSource {
  readonly name: 'crossref';
}

/**
 * Crossref as a PaperSource: look-up by DOI (`doi:10.…`, a doi.org URL or the bare DOI) and a
 * bibliographic search. Crossref holds metadata, not full texts: a paper found here is ingested
 * through a full-text finder (Unpaywall) or not at all. Report queries in arXiv syntax lose their
 * field prefixes and operators, which Crossref's `query` does not take (it ranks by all the words).
 */
export function createCrossrefSource(context: SourceContext): CrossrefSource {
  const { http, config } = context;
  const client = createCrossrefClient({ http, config });
  const api = config.crossref.api.replace(/\/+$/, '');

  async function search(query: string, options: SearchOptions = {}): Promise<Paper[]> {
    const parsed = toOpenAlexQuery(query);
    const words = parsed.search.replace(/\b(?:AND NOT|AND|OR|NOT)\b/g, ' ').replace(/["()]/g, ' ');
    const url = new URL(`${api}/works`);
    url.searchParams.set('query', collapseWhitespace(words));
    url.searchParams.set('rows', String(Math.min(options.max ?? 10, 100)));
    const filters = [
      ...(parsed.fromDate ? [`from-pub-date:${parsed.fromDate}`] : []),
      ...(parsed.toDate ? [`until-pub-date:${parsed.toDate}`] : []),
    ];
    if (filters.length > 0) url.searchParams.set('filter', filters.join(','));
    url.searchParams.set('mailto', config.contact);
    const response = await http.get(url.toString(), {
      group: crossrefHostGroup(config),
      cache: 'ttl',
      ttlMs: config.crossref.ttlHours * 3600_000,
      refresh: options.refresh,
      headers: { accept: 'application/json' },
    });
    let envelope: CrossrefEnvelope<CrossrefWorkList>;
    try {
      envelope = JSON.parse(response.text()) as CrossrefEnvelope<CrossrefWorkList>;
    } catch {
      http.invalidate(url.toString());
      throw new LitmusError('E_CROSSREF_BAD_JSON', `Crossref answered ${url} with invalid JSON`, { retryable: true });
    }
    return (envelope.message?.items ?? []).filter((w) => (w.title ?? []).some((t) => t.trim())).map(crossrefPaper);
  }

  async function get(id: string): Promise<Paper> {
    const doi = normaliseDoi(id);
    const work = doi ? await client.work(doi) : null;
    if (!work) {
      throw new LitmusError('E_NOT_FOUND', `Crossref has no work ${id}`, {
        hint: 'give a DOI registered with Crossref (10.…); arXiv DOIs (10.48550) are DataCite records',
        exitCode: 2,
      });
    }
    return crossrefPaper(work);
  }

  return { name: 'crossref', search, get };
}

/** A Crossref work record as a Paper (`doi:<doi>`, one version). */
export function crossrefPaper(work: CrossrefWork): Paper {
  const doi = work.DOI.toLowerCase();
  const id = `doi:${doi}`;
  const date = work.issued ?? work.published ?? work['published-print'] ?? work['published-online'];
  const title = collapseWhitespace([work.title?.[0], work.subtitle?.[0]].filter(Boolean).join(': '));
  return {
    id,
    workId: id,
    source: 'crossref',
    externalId: doi,
    version: null,
    title,
    authors: (work.author ?? [])
      .map((a) => ({
        name: a.name ?? [a.given, a.family].filter(Boolean).join(' '),
        ...(a.affiliation?.length ? { affiliations: a.affiliation.flatMap((x) => (x.name ? [x.name] : [])) } : {}),
      }))
      .filter((a) => a.name !== ''),
    published: isoDate(date),
    updated: null,
    categories: [],
    licence: work.license?.[0]?.URL ?? null,
    abstract: work.abstract ? collapseWhitespace(work.abstract.replace(/<[^>]+>/g, ' ')) || null : null,
    doi,
    journalRef: work['container-title']?.[0] ?? null,
    url: work.URL ?? `https://doi.org/${doi}`,
  };
}

function isoDate(date: CrossrefDate | undefined): string | null {
  const [year, month, day] = date?.['date-parts']?.[0] ?? [];
  if (typeof year !== 'number') return null;
  return [year, month ?? 1, day ?? 1].map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-');
}
