import type { Config } from '../config/schema.ts';
import type { Paper, SourceName } from '../core/types.ts';
import type { HttpClient } from '../http/polite-fetch.ts';

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

/** Finds a full text for a paper from somewhere other than its own source (e.g. Unpaywall by DOI). */
export interface FullTextFinder {
  readonly name: string;
  /** The full text, or null when this finder knows of none. */
  find(paper: Paper): Promise<FullText | null>;
}

/** What a source or finder is built from. */
export interface SourceContext {
  http: HttpClient;
  config: Config;
  warn?: (message: string) => void;
}

/**
 * One registry line per source (src/sources/registry.ts): its name (the `source` of its papers),
 * whether `report` searches it, whether the config turns it on, and how to build it.
 */
export interface SourcePlugin {
  readonly name: SourceName;
  /** For people: "arXiv", "OpenAlex". */
  readonly label: string;
  /** Searched by `report` (identify) when enabled; otherwise used for look-ups and full texts only. */
  readonly searches: boolean;
  enabled(config: Config): boolean;
  create(context: SourceContext): PaperSource;
}

/** One registry line per full-text finder. */
export interface FinderPlugin {
  readonly name: string;
  readonly label: string;
  enabled(config: Config): boolean;
  create(context: SourceContext): FullTextFinder;
}
