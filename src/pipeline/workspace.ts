import type { Config } from '../config/schema.ts';
import { createHttpClientFromConfig } from '../http/client-from-config.ts';
import type { HttpClient } from '../http/polite-fetch.ts';
import { type ArxivSource, createArxivSource } from '../sources/arxiv/arxiv-source.ts';
import { createSourceRegistry, type SourceRegistry } from '../sources/registry.ts';
import {
  createSemanticScholarSource,
  type SemanticScholarSource,
} from '../sources/semantic-scholar/s2-source.ts';
import type { Store } from '../store/store.ts';
import { createEngines } from './engine-registry.ts';
import type { Engines } from './engines.ts';

/**
 * Every service a command runs on, built from the config through the registries: the store, one
 * polite HTTP client, the paper sources and full-text finders (src/sources/registry.ts) and the
 * claim/verify engines (engine-registry.ts). CLI commands, `serve`, the MCP server and the worker
 * all build their services here, so a new source or engine reaches every one of them at once.
 * Services are built on first use: a command that never goes online never builds a client.
 */
export interface Workspace {
  readonly config: Config;
  readonly store: Store;
  readonly http: HttpClient;
  /** Every paper source and finder the config turns on, sharing `http`. */
  readonly sources: SourceRegistry;
  /** The arXiv source of `sources`, with its arXiv-only operations (entries, id lists). */
  arxiv(): ArxivSource;
  /** The Semantic Scholar source of `sources` (snowballing, look-ups). */
  semanticScholar(): SemanticScholarSource;
  /** A fresh engine (its own usage meter): the flag, else config `engine`, else the registry's choice. */
  engines(flag?: string, options?: { budgetUsd?: number }): Promise<Engines>;
}

export interface WorkspaceOptions {
  config: Config;
  store: Store;
  /** Where sources send warnings (a skipped record, a withdrawn paper). */
  warn?: (message: string) => void;
  /** An HTTP client to share instead of building one (tests, a server's long-lived client). */
  http?: HttpClient;
}

export function createWorkspace(options: WorkspaceOptions): Workspace {
  const { config, store, warn } = options;
  let http = options.http;
  let sources: SourceRegistry | undefined;
  let arxiv: ArxivSource | undefined;
  let s2: SemanticScholarSource | undefined;
  const client = () => (http ??= createHttpClientFromConfig(store, config));
  const arxivSource = () => (arxiv ??= createArxivSource({ http: client(), config, warn }));
  const s2Source = () => (s2 ??= createSemanticScholarSource({ http: client(), config }));
  return {
    config,
    store,
    get http() {
      return client();
    },
    get sources() {
      // The typed arXiv and Semantic Scholar sources are the registry's own, so a look-up through either
      // shares one cache of built sources.
      sources ??= createSourceRegistry({ http: client(), config, warn }, [arxivSource(), s2Source()]);
      return sources;
    },
    arxiv: arxivSource,
    semanticScholar: s2Source,
    engines: (flag, engineOptions = {}) => createEngines(config, store, flag, engineOptions),
  };
}
