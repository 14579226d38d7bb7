import type { Config } from '../../config/schema.ts';
import { toLitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import { createSourceRegistry, type SourceRegistry } from '../../sources/registry.ts';
import type { FullText, PaperSource } from '../../sources/source.ts';
import type { Store } from '../../store/store.ts';
import { isHtmlUnusable } from '../add-arxiv.ts';
import { type AddResult, ingestInput } from '../ingest-input.ts';
import type { RetrieveArtifact } from './report-types.ts';

export interface RetrieveDeps {
  store: Store;
  config: Config;
  http: HttpClient;
  warn: (line: string) => void;
  /** The configured sources and finders; default: built from the config. */
  sources?: SourceRegistry;
  /** After each paper: its id and whether its text was already stored, fetched now, or unavailable. */
  onProgress?: (id: string, outcome: 'stored' | 'fetched' | 'unavailable') => void;
}

type Fetched = { text: FullText; via: string; source: PaperSource | undefined } | { reasons: string[] };

/**
 * Full text for every included paper; those that cannot be had are listed with the reason. Papers
 * already in the library (any stored document) need no request. Otherwise the paper's own source is
 * asked (arXiv: its HTML, else its PDF; OpenAlex: its open-access PDF), then each full-text finder
 * (Unpaywall, by DOI); the text is ingested like any file, its origin URL recorded with it.
 */
export async function retrieveFullTexts(included: Paper[], deps: RetrieveDeps): Promise<RetrieveArtifact> {
  const registry = deps.sources ?? createSourceRegistry({ http: deps.http, config: deps.config, warn: deps.warn });
  const retrieved: string[] = [];
  const unavailable: RetrieveArtifact['unavailable'] = [];
  const fullTexts: NonNullable<RetrieveArtifact['full_texts']> = [];
  for (const paper of included) {
    const stored = (await deps.store.documents.latest(paper.id)) !== undefined;
    let fetched = false;
    if (stored) {
      retrieved.push(paper.id);
    } else if (paper.withdrawn) {
      unavailable.push({ id: paper.id, title: paper.title, reason: 'withdrawn by its authors' });
    } else {
      const found = await fetchFullText(paper, registry);
      if ('reasons' in found) {
        const reason = found.reasons.join('; ') || 'no full text source for this record';
        unavailable.push({ id: paper.id, title: paper.title, reason });
      } else {
        const result = await ingest(paper, found, deps);
        if (result.status !== 'failed' && result.paper_id) {
          retrieved.push(result.paper_id);
          fullTexts.push({ id: paper.id, via: found.via, kind: result.kind, url: result.url });
          fetched = true;
        } else {
          unavailable.push({ id: paper.id, title: paper.title, reason: result.error ?? 'not retrieved' });
        }
      }
    }
    deps.onProgress?.(paper.id, stored ? 'stored' : fetched ? 'fetched' : 'unavailable');
  }
  return { retrieved, unavailable, ...(fullTexts.length > 0 ? { full_texts: fullTexts } : {}) };
}

/** The paper's own source first, then the finders; each failure is kept as a reason. */
async function fetchFullText(paper: Paper, registry: SourceRegistry): Promise<Fetched> {
  const reasons: string[] = [];
  const source = registry.get(paper.source);
  if (source?.fullText) {
    try {
      const text = await source.fullText(paper);
      if (text) return { text, via: source.name, source };
      reasons.push(`${registry.label(source.name)} has no open full text`);
    } catch (error) {
      reasons.push(`${registry.label(source.name)}: ${toLitmusError(error).toLine()}`);
    }
  }
  for (const finder of registry.finders()) {
    try {
      const text = await finder.find(paper);
      if (text) return { text, via: finder.name, source: undefined };
      reasons.push(`${registry.label(finder.name)} found no open-access PDF`);
    } catch (error) {
      reasons.push(`${registry.label(finder.name)}: ${toLitmusError(error).toLine()}`);
    }
  }
  return { reasons };
}

async function ingest(
  paper: Paper,
  found: { text: FullText; source: PaperSource | undefined },
  deps: RetrieveDeps,
): Promise<AddResult & { kind: 'html' | 'pdf'; url: string }> {
  const options = { maxBytes: deps.config.maxBytes };
  const { text } = found;
  const result = await ingestInput(
    deps.store,
    { name: paper.id, bytes: text.bytes, kind: text.kind, origin: text.url, paper },
    options,
  );
  // A page the HTML parser rejects (a failed LaTeXML conversion, no content) means: use the PDF.
  const pdfOf = (found.source as { pdf?: (p: Paper) => Promise<FullText> } | undefined)?.pdf;
  if (result.status === 'failed' && text.kind === 'html' && isHtmlUnusable(result) && pdfOf) {
    deps.warn(`${paper.id}: HTML unusable (${result.error}); using the PDF`);
    try {
      const pdf = await pdfOf(paper);
      const second = await ingestInput(
        deps.store,
        { name: paper.id, bytes: pdf.bytes, kind: 'pdf', origin: pdf.url, paper },
        { ...options, retryFailed: true },
      );
      return { ...second, kind: 'pdf', url: pdf.url };
    } catch (error) {
      return { ...result, error: toLitmusError(error).toLine(), kind: 'pdf', url: text.url };
    }
  }
  return { ...result, kind: text.kind, url: text.url };
}
