import { existsSync } from 'node:fs';
import type { Config } from '../../config/schema.ts';
import { toLitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import type { SemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';
import { parsePaperReference } from '../../store/papers.ts';
import type { Store } from '../../store/store.ts';
import { dedupeRecords } from '../../synthesize/dedupe-records.ts';
import { addFiles } from '../add-files.ts';
import type { IdentifyArtifact, PlanArtifact, ReportOptions } from './report-types.ts';

export interface IdentifyDeps {
  store: Store;
  config: Config;
  arxiv: ArxivSource;
  /** Needed for --expand only. */
  s2?: SemanticScholarSource;
  warn: (line: string) => void;
}

const SNOWBALL_SEEDS = 5;

/** The label of the local library's search in `per_query` (its `source` is 'library'). */
export const LIBRARY_SOURCE = 'library';

/** Which sources a report searches: offline, the local library alone; topics follow arXiv only. */
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
 * Searches the local library (papers already ingested: no fetch needed) and runs the planned arXiv
 * searches, and resolves `--paper` inputs into records; de-duplicates by arXiv work, DOI and
 * normalised title, library records first. A failed search is recorded (and shown as a limitation),
 * not fatal here: the caller judges the run. Once arXiv is found unreachable, its remaining searches
 * are recorded as failed without asking again.
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
    perQuery.push({ query: text, source: LIBRARY_SOURCE, records: found.length });
  }
  if (options.preidentified) {
    records.push(...options.preidentified.records);
    perQuery.push(...options.preidentified.per_query);
  }
  let unreachable: string | null = null;
  for (const query of options.preidentified || !sources.arxiv ? [] : plan.queries) {
    if (unreachable !== null) {
      perQuery.push({ query, source: 'arxiv', records: 0, error: unreachable });
      continue;
    }
    try {
      const found = await deps.arxiv.search(query, { max: options.perQuery, refresh: options.refresh });
      records.push(...found);
      perQuery.push({ query, source: 'arxiv', records: found.length });
    } catch (error) {
      const failure = toLitmusError(error);
      perQuery.push({ query, source: 'arxiv', records: 0, error: failure.toLine() });
      // An unreachable host is said once, by the caller, not once per query.
      if (failure.code === 'E_NO_NETWORK') unreachable = failure.toLine();
      else deps.warn(`search "${query}": ${failure.toLine()}`);
    }
  }

  if (options.expand && deps.s2) {
    // Seeds: the papers given by name, then the first search results.
    const seeds = [...records.filter((r) => pinned.includes(r.id)), ...records.filter((r) => !pinned.includes(r.id))];
    const { snowballRecords } = await import('./snowball.ts');
    const snowball = await snowballRecords(seeds.slice(0, SNOWBALL_SEEDS), {
      s2: deps.s2,
      arxiv: deps.arxiv,
      warn: deps.warn,
    });
    records.push(...snowball.records);
    perQuery.push(...snowball.perSeed);
  }

  const { unique, duplicates } = dedupeRecords(records, new Set(pinned));
  return { per_query: perQuery, records: unique, pinned, unresolved, duplicates };
}

async function resolvePaperInput(input: string, deps: IdentifyDeps): Promise<Paper> {
  if (existsSync(input)) {
    const [result] = await addFiles(deps.store, [input], { maxBytes: deps.config.maxBytes });
    if (!result || result.status === 'failed' || !result.paper_id)
      throw new Error(result?.error ?? 'could not be ingested');
    return (await deps.store.papers.get(result.paper_id))!;
  }
  // Any form people type (bare, arXiv:, abs/pdf URL, DOI); without a version, the newest stored one.
  const stored = await deps.store.papers.resolve(input);
  if (stored) return stored;
  const reference = parsePaperReference(input);
  if (reference.kind !== 'arxiv') {
    throw new Error(`"${input}" is neither an existing file, a stored paper nor an arXiv id`);
  }
  return deps.arxiv.get(reference.version === null ? reference.id : `${reference.id}v${reference.version}`);
}
