import type { ReportModel } from '../../report/report-model.ts';
import { LIBRARY_SOURCE } from './identify.ts';
import type { IdentifyArtifact, PlanArtifact } from './report-types.ts';

export type ReportRunStatus = 'ok' | 'partial' | 'failed';

/** How the searches of a run went: its status, each source in one phrase, and why it failed. */
export interface SourcesOutcome {
  status: ReportRunStatus;
  /** "local library (3 papers)", "arXiv (2 of 4 searches failed)", … in search order. */
  sources: string[];
  /** One line per source that failed at least once, e.g. "arXiv: 4 of 4 searches failed: no network: …". */
  failures: string[];
  /** When failed: the one line to print (the first failure's reason, as the user must see it). */
  failure: string | null;
}

const SOURCE_NAMES: Record<string, string> = {
  [LIBRARY_SOURCE]: 'local library',
  arxiv: 'arXiv',
  openalex: 'OpenAlex',
  'semantic-scholar': 'Semantic Scholar snowball',
};

/**
 * Judges the identify stage. Failed: searches were attempted, every one of them failed and nothing
 * was identified (no library hit, no --paper) — there is nothing to report on. Partial: some search
 * or some --paper failed; the report is written and says so. Ok otherwise (an empty library search
 * is an answer, not a failure).
 */
export function judgeSources(identify: IdentifyArtifact): SourcesOutcome {
  const bySource = new Map<string, { runs: number; failed: number; records: number; firstError?: string }>();
  for (const entry of identify.per_query) {
    const seen = bySource.get(entry.source) ?? { runs: 0, failed: 0, records: 0 };
    seen.runs += 1;
    seen.records += entry.records;
    if (entry.error) {
      seen.failed += 1;
      seen.firstError ??= entry.error;
    }
    bySource.set(entry.source, seen);
  }
  const sources: string[] = [];
  const failures: string[] = [];
  for (const [source, seen] of bySource) {
    const name = SOURCE_NAMES[source] ?? source;
    const searches = `${seen.runs} search${seen.runs === 1 ? '' : 'es'}`;
    if (source === LIBRARY_SOURCE) sources.push(`${name} (${seen.records} matching paper(s))`);
    else if (seen.failed === 0) sources.push(`${name} (${searches}, ${seen.records} record(s))`);
    else {
      sources.push(`${name} (${seen.failed} of ${searches} failed)`);
      failures.push(`${name}: ${seen.failed} of ${searches} failed: ${seen.firstError}`);
    }
  }
  const attempted = identify.per_query.filter((q) => q.source !== LIBRARY_SOURCE);
  const failedSearches = attempted.filter((q) => q.error);
  const allFailed = attempted.length > 0 && failedSearches.length === attempted.length;
  if (allFailed && identify.records.length === 0) {
    return { status: 'failed', sources, failures, failure: failedSearches[0]!.error! };
  }
  const partial = failedSearches.length > 0 || identify.unresolved.length > 0;
  if (identify.unresolved.length > 0) failures.push(`${identify.unresolved.length} --paper input(s) not resolved`);
  return { status: partial ? 'partial' : 'ok', sources, failures, failure: null };
}

/**
 * The run's status, sources and planner warnings, written into the report's method and limitations
 * (the report model has no status field: the method's source list and a limitation carry it).
 */
export function withRunStatus(
  model: ReportModel,
  outcome: SourcesOutcome,
  plan: PlanArtifact,
  identify: IdentifyArtifact,
  context: { offline: boolean; pinnedReason?: string },
): ReportModel {
  // When arXiv was not asked (offline, --source library), the queries shown are the ones that ran.
  const arxivAsked = identify.per_query.some((q) => q.source === 'arxiv');
  const queries = arxivAsked
    ? model.method.queries
    : identify.per_query.filter((q) => q.source === LIBRARY_SOURCE).map((q) => q.query);
  const sources = [...outcome.sources, ...(context.pinnedReason ? [context.pinnedReason] : [])];
  const notes = [
    ...(outcome.status === 'partial'
      ? [`Run status: partial — ${outcome.failures.join('; ')}. Papers those sources would have found may be missing.`]
      : []),
    ...(plan.warnings ?? []),
  ];
  const offlineNote = 'The run was offline: the local library (papers already ingested) was the only source.';
  const limitations = model.limitations.filter((line) => !line.startsWith('The run was offline'));
  if (context.offline) limitations.push(offlineNote);
  return {
    ...model,
    method: { ...model.method, queries, sources },
    limitations: [...notes, ...limitations],
  };
}
