import type { IdentifierScheme, Paper, PaperIdentifiers } from './types.ts';

const DOI = /^10\.\d{4,9}\/\S+$/;
const ARXIV_DOI = /^10\.48550\/arxiv\.(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i;

/** "https://doi.org/10.1145/X", "doi:10.1145/X", "10.1145/X" → "10.1145/x" (DOIs are case-insensitive); else null. */
export function normaliseDoi(text: string | null | undefined): string | null {
  if (!text) return null;
  const bare = text
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return DOI.test(bare) ? bare.toLowerCase() : null;
}

/** arXiv's own DataCite DOI (10.48550/arXiv.2302.07302) names an arXiv work, not a publication. */
export function arxivIdFromDoi(doi: string): string | null {
  const match = ARXIV_DOI.exec(doi);
  return match ? match[1]! : null;
}

/**
 * Every identifier a record carries, from its own fields and from `identifiers`: its source's id,
 * its DOI (an arXiv DOI counts as its arXiv id).
 */
export function identifiersOf(paper: Paper): PaperIdentifiers {
  const ids: PaperIdentifiers = { ...paper.identifiers };
  if (paper.source === 'arxiv') ids.arxiv = paper.externalId;
  if (paper.source === 'openalex') ids.openalex = paper.externalId;
  if (paper.source === 'semantic-scholar') ids.s2 = paper.externalId;
  const doi = normaliseDoi(paper.doi);
  if (doi) {
    const arxiv = arxivIdFromDoi(doi);
    if (arxiv) ids.arxiv ??= arxiv;
    else ids.doi ??= doi;
  }
  return ids;
}

/** Union of two identifier sets; where both name a scheme, the first one's value stays. */
export function mergeIdentifiers(first: PaperIdentifiers, second: PaperIdentifiers): PaperIdentifiers {
  const merged: PaperIdentifiers = { ...first };
  for (const [scheme, value] of Object.entries(second) as [IdentifierScheme, string][]) {
    if (value && !merged[scheme]) merged[scheme] = value;
  }
  return merged;
}
