import { LitmusError } from '../../core/errors.ts';
import { arxivIdFromDoi, normaliseDoi } from '../../core/identifiers.ts';
import { collapseWhitespace } from '../../core/text.ts';
import type { Paper, PaperIdentifiers } from '../../core/types.ts';
import { tryParseArxivId } from '../arxiv/arxiv-id.ts';
import type { OpenAlexLocation, OpenAlexWork } from './openalex-types.ts';

/** "https://openalex.org/W2741809807" (or "W2741809807") → "W2741809807"; null when not a work id. */
export function shortWorkId(text: string): string | null {
  const match = /(?:^|\/)(W\d+)$/i.exec(text.trim());
  return match ? match[1]!.toUpperCase() : null;
}

/** OpenAlex ships abstracts as an inverted index (word → positions); this puts the words back in order. */
export function abstractFromInvertedIndex(index: Record<string, number[]> | null | undefined): string | null {
  if (!index) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const position of positions) words[position] = word;
  }
  const text = collapseWhitespace(words.filter((w) => w !== undefined).join(' '));
  return text === '' ? null : text;
}

/** The arXiv id a work is known by: arXiv's DOI, or an arxiv.org location. */
export function arxivIdOfWork(work: OpenAlexWork): string | null {
  const doi = normaliseDoi(work.doi ?? work.ids?.doi);
  const fromDoi = doi ? arxivIdFromDoi(doi) : null;
  if (fromDoi) return fromDoi;
  for (const location of work.locations ?? []) {
    for (const url of [location.landing_page_url, location.pdf_url]) {
      if (url && /arxiv\.org\/(?:abs|pdf)\//i.test(url)) {
        const parsed = tryParseArxivId(url.replace(/^http:/, 'https:'));
        if (parsed) return parsed.id;
      }
    }
  }
  return null;
}

/**
 * Open-access PDF links of a work, best first: the best OA location, then every other OA location
 * with a PDF link (a repository copy often works where the publisher's does not).
 */
export function openAccessPdfUrls(work: OpenAlexWork): string[] {
  const locations: OpenAlexLocation[] = [
    ...(work.best_oa_location ? [work.best_oa_location] : []),
    ...(work.locations ?? []),
  ];
  const urls = locations.filter((l) => l.is_oa && l.pdf_url).map((l) => l.pdf_url!);
  return [...new Set(urls)];
}

function identifiersOfWork(work: OpenAlexWork, shortId: string): PaperIdentifiers {
  const ids: PaperIdentifiers = { openalex: shortId };
  const doi = normaliseDoi(work.doi ?? work.ids?.doi);
  if (doi && !arxivIdFromDoi(doi)) ids.doi = doi;
  const arxiv = arxivIdOfWork(work);
  if (arxiv) ids.arxiv = arxiv;
  const pmid = work.ids?.pmid ? /(\d+)\/?$/.exec(work.ids.pmid)?.[1] : undefined;
  if (pmid) ids.pmid = pmid;
  const pmcid = work.ids?.pmcid ? /(PMC\d+)\/?$/i.exec(work.ids.pmcid)?.[1] : undefined;
  if (pmcid) ids.pmcid = pmcid.toUpperCase();
  return ids;
}

function journalReference(work: OpenAlexWork): string | null {
  const venue = work.primary_location?.source?.display_name;
  if (!venue) return null;
  const biblio = work.biblio ?? {};
  const pages = biblio.first_page ? [biblio.first_page, biblio.last_page].filter(Boolean).join('–') : null;
  return [venue, biblio.volume, biblio.issue ? `(${biblio.issue})` : null, pages].filter(Boolean).join(' ');
}

/** One OpenAlex work → one Paper: id "openalex:W…", no versions, every identifier it carries. */
export function workToPaper(work: OpenAlexWork): Paper {
  const shortId = shortWorkId(work.id);
  if (!shortId) throw new LitmusError('E_OPENALEX_BAD_JSON', `not an OpenAlex work id: ${work.id}`);
  const identifiers = identifiersOfWork(work, shortId);
  const doi = normaliseDoi(work.doi ?? work.ids?.doi);
  return {
    id: `openalex:${shortId}`,
    workId: `openalex:${shortId}`,
    source: 'openalex',
    externalId: shortId,
    version: null,
    title: collapseWhitespace(work.title ?? work.display_name ?? ''),
    authors: (work.authorships ?? [])
      .map((a) => {
        const name = collapseWhitespace(a.author?.display_name ?? a.raw_author_name ?? '');
        const affiliations = (a.institutions ?? []).map((i) => i.display_name ?? '').filter(Boolean);
        return affiliations.length > 0 ? { name, affiliations } : { name };
      })
      .filter((a) => a.name !== ''),
    published: work.publication_date ?? (work.publication_year ? String(work.publication_year) : null),
    updated: null,
    categories: (work.topics ?? []).map((t) => t.display_name ?? '').filter(Boolean),
    primaryCategory: null,
    licence: work.best_oa_location?.license ?? null,
    abstract: abstractFromInvertedIndex(work.abstract_inverted_index),
    doi,
    journalRef: journalReference(work),
    comment: null,
    url:
      work.primary_location?.landing_page_url ?? (doi ? `https://doi.org/${doi}` : `https://openalex.org/${shortId}`),
    identifiers,
  };
}
