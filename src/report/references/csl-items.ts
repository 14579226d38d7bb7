import type { CslItem, CslName } from '@citation-js/core';
import { safeHttpUrl } from '../escape.ts';
import { arxivWithVersion } from '../report-content.ts';
import type { ReportPaper } from '../report-model.ts';

// Lower-case name particles that belong with the family name.
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'da',
  'di',
  'du',
  'dos',
  'le',
  'la',
  'ter',
  'bin',
  'al',
]);

/**
 * "Joseph Chee Chang" → { given: "Joseph Chee", family: "Chang" }; "Ludwig van Beethoven" keeps "van" in
 * the family name (citation-js's RIS writer drops CSL's particle fields); "Chang, Joseph" as written.
 */
export function cslName(name: string): CslName {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (trimmed.includes(',')) {
    const [family, given] = trimmed.split(/,\s*/, 2);
    return { family: family!, given: given ?? '' };
  }
  const words = trimmed.split(' ');
  if (words.length === 1) return { literal: trimmed };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start -= 1;
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' ') };
}

/**
 * A report paper as a CSL-JSON item, the one record every export is made from: its type comes from
 * the venue metadata (Crossref's work type; an arXiv paper without one is a preprint, CSL "article").
 */
export function cslItem(paper: ReportPaper): CslItem {
  const publication = paper.publication;
  const type = publication?.type ?? (paper.arxiv_id ? 'article' : 'document');
  const item: CslItem = {
    id: paper.cite_key,
    type,
    title: paper.title,
    author: paper.authors.map(cslName),
  };
  if (paper.year !== null) item.issued = { 'date-parts': [[paper.year]] };
  const set = (field: string, value: string | null | undefined) => {
    if (value) item[field] = value;
  };
  set('container-title', publication?.container_title);
  set('volume', publication?.volume);
  set('issue', publication?.issue);
  set('page', publication?.page);
  set('publisher', publication?.publisher ?? (type === 'article' && paper.arxiv_id ? 'arXiv' : null));
  // A preprint's number is its arXiv id: APA prints "(2203.00130v1)", IEEE "arXiv:2203.00130v1".
  if (type === 'article' && paper.arxiv_id) set('number', arxivWithVersion(paper));
  set('DOI', paper.doi);
  set('URL', safeHttpUrl(paper.url));
  set('language', paper.language);
  return item;
}
