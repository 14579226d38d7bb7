import { existsSync } from 'node:fs';
import type { Config } from '../../config/schema.ts';
import { LitmusError, toLitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import { mergeRecords } from '../../sources/merge-records.ts';
import type { OpenAlexPaperSource } from '../../sources/openalex/openalex-source.ts';
import { createSourceRegistry, type SourceRegistry } from '../../sources/registry.ts';
import type { SemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';
import type { PaperSource } from '../../sources/source.ts';
import { parsePaperReference } from '../../store/papers.ts';
import type { Store } from '../../store/store.ts';
import { dedupeRecords } from '../../selection/dedupe-records.ts';
import { addFiles } from '../add-files.ts';
import type { IdentifyArtifact, PlanArtifact, ReportOptions } from './report-types.ts';

export interface IdentifyDeps {
  store: Store;
  config: Config;
  arxiv: ArxivSource;
  /** Needed for --expand only. */
  s2?: SemanticScholarSource;
  /** Every configured source; default: built from the config with `http` (and the sources above). */
  sources?: SourceRegistry;
  http?: HttpClient;
  warn: (line: string) => void;
}

/** The registry a report uses: the given one, else one built from the config around the given sources. */
export function reportRegistry(deps: IdentifyDeps): SourceRegistry | null {
  if (deps.sources) return deps.sources;
  if (!deps.http) return null;
  const given: PaperSource[] = [deps.arxiv, ...(deps.s2 ? [deps.s2] : [])];
  return createSourceRegistry({ http: deps.http, config: deps.config, warn: deps.warn }, given);
}

const SNOWBALL_SEEDS = 5;

/** The label of the local library's search in `per_query` (its `source` is 'library'). */
export const LIBRARY_SOURCE = 'library';

/**
 * Which sources a report searches: offline, the local library alone; topics follow arXiv only.
 * `arxiv` means the online sources (arXiv, plus those enabled in the config unless `--source arxiv`).
 */
export function reportSources(
  options: Pick<ReportOptions, 'source' | 'topic' | 'preidentified'>,
  offline: boolean,
): { library: boolean; arxiv: boolean } {
  if (offline) return { library: true, arxiv: false };
  const source = options.source ?? 'all';
  const topicRun = options.topic !== undefined || options.preidentified !== undefined;
  return { library: source !== 'arxiv' && !topicRun, arxiv: source !== 'library' };
}

/**
 * Searches the local library (papers already ingested: no fetch needed) and runs the planned
 * searches on every configured source (arXiv, and OpenAlex when enabled; `--source arxiv`: arXiv
 * alone), and resolves `--paper` inputs into records; one record per work across sources (DOI, arXiv
 * id, OpenAlex id, title + first author + year; every identifier kept), library records first. A
 * failed search is recorded (and shown as a limitation), not fatal here: the caller judges the run.
 */
export async function identifyRecords(
  plan: PlanArtifact,
  options: ReportOptions,
  deps: IdentifyDeps,
): Promise<IdentifyArtifact> {
  const records: Paper[] = [];
  const perQuery: IdentifyArtifact['per_query'] = [];
  const pinned: string[] = [];
  const unresolved: IdentifyArtifact['unresolved'] = [];
  const libraryIds = new Set<string>();
  const registry = reportRegistry(deps);
  if (registry) deps = { ...deps, sources: registry };

  for (const input of options.papers ?? []) {
    try {
      const paper = await resolvePaperInput(input, deps);
      records.push(paper);
      pinned.push(paper.id);
    } catch (error) {
      const reason = toLitmusError(error).toLine();
      unresolved.push({ input, reason });
      deps.warn(`--paper ${input}: ${reason}`);
    }
  }

  const sources = reportSources(options, deps.config.offline);
  if (sources.library) {
    const text = [...plan.facets.entities, ...plan.facets.phrases].join(' ') || plan.question;
    const found = (await deps.store.papers.search(text, { limit: options.perQuery })).map((hit) => hit.paper);
    records.push(...found);
    for (const paper of found) libraryIds.add(paper.id);
    perQuery.push({ query: text, source: LIBRARY_SOURCE, records: found.length });
  }
  if (options.preidentified) {
    records.push(...options.preidentified.records);
    perQuery.push(...options.preidentified.per_query);
  }
  // Each configured source runs every planned query; once a source is found unreachable, its
  // remaining searches are recorded as failed without asking again.
  const searchers: PaperSource[] =
    !sources.arxiv || options.preidentified
      ? []
      : options.source === 'arxiv' || !registry
        ? [deps.arxiv]
        : registry.searchable();
  const unreachable = new Map<string, string>();
  for (const query of searchers.length > 0 ? plan.queries : []) {
    for (const source of searchers) {
      const known = unreachable.get(source.name);
      if (known !== undefined) {
        perQuery.push({ query, source: source.name, records: 0, error: known });
        continue;
      }
      try {
        const found = await source.search(query, { max: options.perQuery, refresh: options.refresh });
        records.push(...found);
        perQuery.push({ query, source: source.name, records: found.length });
      } catch (error) {
        const failure = toLitmusError(error);
        perQuery.push({ query, source: source.name, records: 0, error: failure.toLine() });
        // An unreachable host is said once, by the caller, not once per query.
        if (failure.code === 'E_NO_NETWORK') unreachable.set(source.name, failure.toLine());
        else deps.warn(`search "${query}" (${registry?.label(source.name) ?? source.name}): ${failure.toLine()}`);
      }
    }
  }

  const openalex =
    deps.config.openalex.enabled && !deps.config.offline
      ? (deps.sources?.get('openalex') as OpenAlexPaperSource | undefined)
      : undefined;
  if (options.expand && (deps.s2 || openalex)) {
    // Seeds: the papers given by name, then the first search results, one per work.
    const works = mergeRecords(records, new Set([...pinned, ...libraryIds])).unique;
    const seeds = [...works.filter((r) => pinned.includes(r.id)), ...works.filter((r) => !pinned.includes(r.id))];
    const { snowballRecords } = await import('./snowball.ts');
    const snowball = await snowballRecords(seeds.slice(0, SNOWBALL_SEEDS), {
      s2: deps.s2,
      openalex,
      arxiv: deps.arxiv,
      warn: deps.warn,
    });
    records.push(...snowball.records);
    perQuery.push(...snowball.perSeed);
  }

  // One record per work across sources (identifiers merged), then the older title-only rule.
  const merged = mergeRecords(records, new Set([...pinned, ...libraryIds]));
  const { unique, duplicates } = dedupeRecords(merged.unique, new Set(pinned));
  return {
    per_query: perQuery,
    records: unique,
    pinned,
    unresolved,
    duplicates: [...merged.duplicates, ...duplicates],
  };
}

async function resolvePaperInput(input: string, deps: IdentifyDeps): Promise<Paper> {
  if (existsSync(input)) {
    const [result] = await addFiles(deps.store, [input], { maxBytes: deps.config.maxBytes });
    if (!result || result.status === 'failed' || !result.paper_id)
      throw new LitmusError('E_PARSE_FAILED', result?.error ?? 'could not be ingested');
    return (await deps.store.papers.get(result.paper_id))!;
  }
  // Any form people type (bare, arXiv:, abs/pdf URL, DOI); without a version, the newest stored one.
  const stored = await deps.store.papers.resolve(input);
  if (stored) return stored;
  const reference = parsePaperReference(input);
  // A DOI or an OpenAlex id is looked up on OpenAlex when it is enabled.
  const openalex = deps.config.openalex.enabled ? reportRegistry(deps)?.get('openalex') : undefined;
  if (openalex && (reference.kind === 'doi' || /^(?:openalex:)?W\d+$/i.test(input.trim()))) {
    return openalex.get(input);
  }
  if (reference.kind !== 'arxiv') {
    throw new LitmusError(
      'E_PARSE_FAILED',
      `"${input}" is neither an existing file, a stored paper nor an arXiv id${openalex ? ', a DOI or an OpenAlex id' : ''}`,
    );
  }
  return deps.arxiv.get(reference.version === null ? reference.id : `${reference.id}v${reference.version}`);
}
