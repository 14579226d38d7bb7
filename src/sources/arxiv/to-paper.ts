import type { Paper } from '../../core/types.ts';
import type { ArxivEntry } from './atom-parser.ts';

/** One arXiv version → one Paper: id "arxiv:2005.13013v2", workId "arxiv:2005.13013". */
export function entryToPaper(entry: ArxivEntry, licence: string | null = null): Paper {
  return {
    id: `arxiv:${entry.arxivId}v${entry.version}`,
    workId: `arxiv:${entry.arxivId}`,
    source: 'arxiv',
    externalId: entry.arxivId,
    version: entry.version,
    title: entry.title,
    authors: entry.authors.map((a) =>
      a.affiliations.length > 0 ? { name: a.name, affiliations: a.affiliations } : { name: a.name },
    ),
    published: entry.published,
    updated: entry.updated,
    categories: entry.categories,
    primaryCategory: entry.primaryCategory,
    licence,
    abstract: entry.abstract,
    doi: entry.doi,
    journalRef: entry.journalRef,
    comment: entry.comment,
    url: entry.absUrl,
    withdrawn: entry.withdrawn,
  };
}

/** The wire shape `litmus arxiv search --json` prints. */
export interface ArxivSearchRow {
  id: string;
  version: number;
  title: string;
  authors: string[];
  published: string | null;
  updated: string | null;
  primary_category: string | null;
  categories: string[];
  abstract: string;
  doi?: string;
  journal_ref?: string;
  comment?: string;
  withdrawn?: true;
  abs_url: string;
  pdf_url: string;
}

export function entryToRow(entry: ArxivEntry): ArxivSearchRow {
  return {
    id: entry.arxivId,
    version: entry.version,
    title: entry.title,
    authors: entry.authors.map((a) => a.name),
    published: entry.published,
    updated: entry.updated,
    primary_category: entry.primaryCategory,
    categories: entry.categories,
    abstract: entry.abstract,
    ...(entry.doi ? { doi: entry.doi } : {}),
    ...(entry.journalRef ? { journal_ref: entry.journalRef } : {}),
    ...(entry.comment ? { comment: entry.comment } : {}),
    ...(entry.withdrawn ? { withdrawn: true as const } : {}),
    abs_url: entry.absUrl,
    pdf_url: entry.pdfUrl,
  };
}
