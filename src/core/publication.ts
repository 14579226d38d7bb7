/**
 * Where and as what a paper was published, as reference managers need it: the CSL type (which decides
 * @article / @inproceedings / @misc, RIS TY and the formatted entry) and the venue fields.
 */
export type PublicationType =
  | 'article-journal'
  | 'paper-conference'
  | 'article' // a preprint (CSL 1.0.2 uses "article" for preprints and working papers)
  | 'chapter'
  | 'book'
  | 'report'
  | 'thesis'
  | 'dataset'
  | 'document';

export interface Publication {
  type: PublicationType;
  container_title: string | null;
  volume: string | null;
  issue: string | null;
  page: string | null;
  publisher: string | null;
  /** Where this came from: "crossref" (the DOI's record) or "arxiv" (a preprint, no venue known). */
  source: 'crossref' | 'arxiv' | 'local';
}
