import type { Config } from '../config/schema.ts';
import { LitmusError, toLitmusError } from '../core/errors.ts';
import type { Paper } from '../core/types.ts';
import type { HttpClient } from '../http/polite-fetch.ts';
import { type ArxivId, formatArxivId, parseArxivId } from '../sources/arxiv/arxiv-id.ts';
import { type ArxivSource, createArxivSource } from '../sources/arxiv/arxiv-source.ts';
import type { ArxivEntry } from '../sources/arxiv/atom-parser.ts';
import { entryToPaper } from '../sources/arxiv/to-paper.ts';
import type { SearchOptions } from '../sources/source.ts';
import type { Store } from '../store/store.ts';
import { type AddResult, type IngestInput, type IngestOptions, ingestInput } from './ingest-input.ts';

export type ArxivAddResult = AddResult & {
  source: 'arxiv';
  arxiv_id: string;
  version: number | null;
  fulltext: 'html' | 'pdf' | null;
  withdrawn?: true;
};

export interface AddArxivDeps {
  /** The workspace's client (see workspace.ts), so the caller can report `http.requestCount`. */
  http: HttpClient;
  ingest?: (store: Store, input: IngestInput, options: IngestOptions) => Promise<AddResult>;
  retryFailed?: boolean;
  maxBytes?: number;
  warn?: (message: string) => void;
  onResult?: (result: ArxivAddResult) => void;
}

export interface AddArxivQueryOptions {
  sort?: SearchOptions['sort'];
  refresh?: boolean;
}

/**
 * `litmus add arxiv:<id>[v<n>]…`: metadata from the query API, full text from arXiv's HTML when it has
 * a usable LaTeXML page, else the PDF, ingested through ingestInput. A version already stored with a
 * document is answered from the store without any request. One paper's failure doesn't stop the rest.
 */
export async function addArxivPapers(
  store: Store,
  config: Config,
  ids: string[],
  deps: AddArxivDeps,
): Promise<ArxivAddResult[]> {
  const parsed = ids.map((id) => parseArxivId(id)); // bad syntax is a usage error, before any request
  const context = makeContext(store, config, deps);
  // Results come back in the order the ids were given.
  const results: (ArxivAddResult | undefined)[] = new Array(parsed.length);
  const settle = (index: number, result: ArxivAddResult) => {
    results[index] = result;
    deps.onResult?.(result);
  };
  const pending: number[] = [];
  for (const [index, id] of parsed.entries()) {
    const stored = id.version === null ? null : await storedResult(store, id.id, id.version);
    if (stored) settle(index, stored);
    else pending.push(index);
  }
  if (pending.length > 0) {
    let entries: Map<string, ArxivEntry> | null = null;
    try {
      entries = await context.source.findEntries(pending.map((index) => parsed[index]!));
    } catch (error) {
      for (const index of pending) settle(index, failure(parsed[index]!, null, error));
    }
    for (const index of entries ? pending : []) {
      const id = parsed[index]!;
      const entry = entries!.get(formatArxivId(id));
      if (!entry) {
        const notFound = new LitmusError('E_NOT_FOUND', `arXiv has no paper ${formatArxivId(id)}`, {
          hint: 'check the identifier (and version) on arxiv.org',
        });
        settle(index, failure(id, null, notFound));
        continue;
      }
      settle(index, await addEntry(context, entry));
    }
  }
  return results.filter((result): result is ArxivAddResult => result !== undefined);
}

/** `litmus add --arxiv-query "<q>" --max N`: search, then add each result version as above. */
export async function addArxivQuery(
  store: Store,
  config: Config,
  query: string,
  max: number,
  deps: AddArxivDeps,
  options: AddArxivQueryOptions = {},
): Promise<ArxivAddResult[]> {
  const context = makeContext(store, config, deps);
  const found = await context.source.searchEntries(query, { max, sort: options.sort, refresh: options.refresh });
  const results: ArxivAddResult[] = [];
  for (const entry of found.entries) {
    const stored = await storedResult(store, entry.arxivId, entry.version);
    emit(results, deps, stored ?? (await addEntry(context, entry)));
  }
  return results;
}

interface Context {
  store: Store;
  config: Config;
  source: ArxivSource;
  deps: AddArxivDeps;
  ingest: NonNullable<AddArxivDeps['ingest']>;
}

function makeContext(store: Store, config: Config, deps: AddArxivDeps): Context {
  return {
    store,
    config,
    deps,
    ingest: deps.ingest ?? ingestInput,
    source: createArxivSource({ http: deps.http, config, warn: deps.warn }),
  };
}

async function addEntry(context: Context, entry: ArxivEntry): Promise<ArxivAddResult> {
  const id: ArxivId = { id: entry.arxivId, version: entry.version };
  const paper = entryToPaper(entry);
  const stored = await storedResult(context.store, entry.arxivId, entry.version);
  if (stored) return stored;
  if (entry.withdrawn) {
    const previous = entry.version > 1 ? ` (try arxiv:${entry.arxivId}v${entry.version - 1})` : '';
    const error = new LitmusError('E_ARXIV_WITHDRAWN', `arxiv:${formatArxivId(id)} has been withdrawn${previous}`, {
      hint: entry.comment ? `arXiv comment: ${entry.comment}` : 'pin an earlier version',
    });
    return { ...failure(id, paper, error), withdrawn: true };
  }
  const options: IngestOptions = {
    maxBytes: context.deps.maxBytes ?? context.config.maxBytes,
    retryFailed: context.deps.retryFailed,
  };
  const name = paper.id;
  try {
    const html = await context.source.html(paper);
    if (html) {
      const result = await context.ingest(
        context.store,
        { name, bytes: html.bytes, kind: 'html', origin: html.url, paper },
        options,
      );
      // A page the HTML parser rejects (failed LaTeXML conversion, no content) means: use the PDF.
      if (result.status !== 'failed' || !isHtmlUnusable(result)) return decorate(result, id, 'html');
      context.deps.warn?.(`${name}: arXiv HTML unusable (${result.error}); using the PDF`);
    }
    const pdf = await context.source.pdf(paper);
    const result = await context.ingest(
      context.store,
      { name, bytes: pdf.bytes, kind: 'pdf', origin: pdf.url, paper },
      { ...options, retryFailed: options.retryFailed || Boolean(html) },
    );
    return decorate(result, id, 'pdf');
  } catch (error) {
    return failure(id, paper, error);
  }
}

export function isHtmlUnusable(result: AddResult): boolean {
  return /^E_HTML_/.test(result.code ?? '') || result.code === 'E_EMPTY_DOCUMENT';
}

async function storedResult(store: Store, arxivId: string, version: number): Promise<ArxivAddResult | null> {
  const stored = await store.papers.storedVersion(`arxiv:${arxivId}v${version}`);
  if (!stored || (stored.kind !== 'html' && stored.kind !== 'pdf')) return null;
  return {
    path: stored.paperId,
    paper_id: stored.paperId,
    title: stored.title,
    pages: stored.pages,
    passages: stored.passages,
    status: 'unchanged',
    source: 'arxiv',
    arxiv_id: arxivId,
    version,
    fulltext: stored.kind,
  };
}

function decorate(result: AddResult, id: ArxivId, fulltext: 'html' | 'pdf'): ArxivAddResult {
  return {
    ...result,
    source: 'arxiv',
    arxiv_id: id.id,
    version: id.version,
    fulltext: result.status === 'failed' ? null : fulltext,
  };
}

function failure(id: ArxivId, paper: Paper | null, error: unknown): ArxivAddResult {
  const litmusError = toLitmusError(error);
  return {
    path: paper?.id ?? `arxiv:${formatArxivId(id)}`,
    paper_id: null,
    title: paper?.title ?? null,
    pages: null,
    passages: 0,
    status: 'failed',
    error: litmusError.toLine(),
    code: litmusError.code,
    source: 'arxiv',
    arxiv_id: id.id,
    version: id.version ?? paper?.version ?? null,
    fulltext: null,
  };
}

function emit(results: ArxivAddResult[], deps: AddArxivDeps, result: ArxivAddResult): void {
  results.push(result);
  deps.onResult?.(result);
}
