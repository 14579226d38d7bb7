/**
 * The Crossref REST API's work record, as far as litmus reads it (GET /works/{doi}). Field names are
 * the API's own; see test/fixtures/crossref/README.md for the documentation pages.
 */
export interface CrossrefDate {
  'date-parts'?: (number | null)[][];
  'date-time'?: string;
  timestamp?: number;
}

/** One entry of `update-to` (on a notice: the work it updates) or `updated-by` (on the updated work). */
export interface CrossrefUpdate {
  DOI?: string;
  type?: string;
  label?: string;
  /** "publisher" (Crossmark deposited by the member) or "retraction-watch". */
  source?: string;
  updated?: CrossrefDate;
  'record-id'?: string;
}

export interface CrossrefAuthor {
  given?: string;
  family?: string;
  name?: string;
  sequence?: string;
  affiliation?: { name?: string }[];
  ORCID?: string;
}

export interface CrossrefReference {
  key?: string;
  DOI?: string;
  'doi-asserted-by'?: string;
  unstructured?: string;
  'article-title'?: string;
  'journal-title'?: string;
  author?: string;
  year?: string;
  volume?: string;
  'first-page'?: string;
}

export interface CrossrefWork {
  DOI: string;
  type?: string;
  title?: string[];
  subtitle?: string[];
  author?: CrossrefAuthor[];
  'container-title'?: string[];
  publisher?: string;
  volume?: string;
  issue?: string;
  page?: string;
  published?: CrossrefDate;
  issued?: CrossrefDate;
  'published-print'?: CrossrefDate;
  'published-online'?: CrossrefDate;
  URL?: string;
  language?: string;
  /** JATS XML (`<jats:p>…</jats:p>`), when the publisher deposited one. */
  abstract?: string;
  license?: { URL?: string; 'content-version'?: string }[];
  'reference-count'?: number;
  reference?: CrossrefReference[];
  'update-to'?: CrossrefUpdate[];
  'updated-by'?: CrossrefUpdate[];
}

export interface CrossrefEnvelope<T> {
  status: string;
  'message-type': string;
  'message-version'?: string;
  message: T;
}

/** GET /works?query=…: a page of works. */
export interface CrossrefWorkList {
  'total-results': number;
  items: CrossrefWork[];
  'items-per-page'?: number;
}
