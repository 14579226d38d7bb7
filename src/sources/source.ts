import type { Paper } from '../core/types.ts';

/**
 * What every paper source offers: search, look-up by identifier, and (where it has them) full texts.
 * Implementations are factories (`createArxivSource`, `createSemanticScholarSource`) taking their deps.
 */
export interface SearchOptions {
  max?: number;
  sort?: 'relevance' | 'submitted' | 'updated';
  order?: 'ascending' | 'descending';
  /** Ignore cached search responses younger than the TTL. */
  refresh?: boolean;
}

export interface FullText {
  kind: 'html' | 'pdf';
  url: string;
  bytes: Uint8Array;
}

export interface PaperSource {
  readonly name: Paper['source'];
  search(query: string, options?: SearchOptions): Promise<Paper[]>;
  /** Throws a LitmusError with code E_NOT_FOUND when the identifier is unknown. */
  get(id: string): Promise<Paper>;
  fullText?(paper: Paper): Promise<FullText | null>;
}
