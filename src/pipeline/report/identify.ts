import { existsSync } from 'node:fs';
import type { Config } from '../../config/schema.ts';
import { toLitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import { tryParseArxivId } from '../../sources/arxiv/arxiv-id.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import type { SemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';
import type { Store } from '../../store/db.ts';
import { getPaper } from '../../store/papers.ts';
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

/**
 * Runs the planned searches and resolves `--paper` inputs into records; de-duplicates by arXiv work,
 * DOI and normalised title. A failed search is recorded (and shown as a limitation), not fatal.
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

  if (options.preidentified) {
    records.push(...options.preidentified.records);
    perQuery.push(...options.preidentified.per_query);
  }
  for (const query of options.preidentified ? [] : plan.queries) {
    try {
      const found = await deps.arxiv.search(query, { max: options.perQuery, refresh: options.refresh });
      records.push(...found);
      perQuery.push({ query, source: 'arxiv', records: found.length });
    } catch (error) {
      const reason = toLitmusError(error).toLine();
      perQuery.push({ query, source: 'arxiv', records: 0, error: reason });
      deps.warn(`search "${query}": ${reason}`);
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
    return getPaper(deps.store, result.paper_id)!;
  }
  const id = tryParseArxivId(input.replace(/^arxiv:/i, ''));
  if (!id) {
    throw new Error(`"${input}" is neither an existing file nor an arXiv id`);
  }
  const stored = id.version !== null ? getPaper(deps.store, `arxiv:${id.id}v${id.version}`) : undefined;
  if (stored) return stored;
  return deps.arxiv.get(input.replace(/^arxiv:/i, ''));
}
