import { hashOf } from '../../core/hash.ts';
import type { Warning } from '../../core/types.ts';
import type { AuditClaimJson } from '../../report/audit/audit-json.ts';
import type { DocumentClaim, DocumentReference } from '../audit/document-types.ts';
import { formatArxiv } from '../audit/references.ts';
import {
  arxivResolutions,
  type ReferenceLookups,
  type ReferenceResolution,
  semanticScholarQuery,
} from '../audit/resolve-references.ts';
import type { Engines } from '../engines.ts';
import type { CheckJobData, CheckJobOutput, ResolveJobData, ResolveJobOutput } from './audit-jobs.ts';
import { type DistributeDeps, distributedAdd, distributes, failure, settle, withQueue } from './distribute.ts';
import type { QueuedJob } from './job-queue.ts';

/**
 * `litmus audit` on a Postgres store: its cited papers fetched and its claims checked by `litmus
 * worker`s, the coordinator waiting with progress, like the report's stages (distribute.ts). arXiv
 * references are the same ingest jobs as `report` and `add` (keyed by arXiv version), other references
 * one resolve job per look-up (keyed by DOI, ACL id or title), claims one check job each (keyed by the
 * claim, the papers it is checked against — versioned ids — and the engine). Null on SQLite.
 */

/** Reference look-ups as jobs; a job that failed after its retries leaves its reference unresolved and is named in `failures`. */
export function distributedLookups(deps: DistributeDeps): ReferenceLookups | null {
  if (!distributes(deps.store, deps.config)) return null;
  return {
    async arxiv(references) {
      const ids = references.map((reference) => formatArxiv(reference.arxiv!));
      const results = (await distributedAdd(ids, { ...deps, label: 'fetch cited papers' })) ?? [];
      const failures = results.flatMap((result) => (result.code === 'E_JOB_FAILED' ? [result.error!] : []));
      return { resolutions: arxivResolutions(references, results), failures };
    },
    async semanticScholar(references) {
      const outcome = await withQueue(deps, async (queue) => {
        const jobs: QueuedJob[] = [];
        for (const reference of references) {
          const data: ResolveJobData = { reference };
          // A miss is asked again next time, as it would be in one process (the look-up is cached).
          const redo = { redoWhen: (output: unknown) => (output as ResolveJobOutput | null)?.paperId == null };
          jobs.push(await queue.enqueue('resolve', semanticScholarQuery(reference)!.toLowerCase(), data, redo));
        }
        const settled = await settle<ResolveJobOutput>(queue, jobs, 'look up cited papers', deps, (i) =>
          describe(references[i]!),
        );
        const failures: string[] = [];
        const resolutions = settled.map((job, i): ReferenceResolution => {
          const key = references[i]!.key;
          if (job.state === 'completed') return { key, ...job.output };
          const line = failure('resolve', `reference ${describe(references[i]!)}`, job).toLine();
          failures.push(line);
          return { key, paperId: null, by: null, error: line };
        });
        return { resolutions, failures };
      });
      return outcome ?? { resolutions: [], failures: [] };
    },
  };
}

/**
 * The audit's verify stage as check jobs: every claim's result in document order. A check job that
 * failed after its retries fails the stage (and the run), as a failed verify job fails a report.
 */
export async function distributedCheck(
  claims: DocumentClaim[],
  context: { paperOf: Map<string, string | null>; corpus: string[] },
  deps: DistributeDeps & { engines: Engines; warn?: (warning: Warning) => void },
): Promise<AuditClaimJson[] | null> {
  return withQueue(deps, async (queue) => {
    const engine = deps.engines.kind;
    const paperOf = [...context.paperOf];
    const jobs: QueuedJob[] = [];
    for (const claim of claims) {
      const data: CheckJobData = { claim, engine, paperOf, corpus: context.corpus };
      jobs.push(await queue.enqueue('check', `${engine}\u0000${hashOf(data)}`, data));
    }
    const settled = await settle<CheckJobOutput>(queue, jobs, 'verify claims', deps, (i) => `claim ${claims[i]!.n}`);
    const failed = settled.findIndex((job) => job.state !== 'completed');
    if (failed >= 0) throw failure('check', `claim ${claims[failed]!.n}`, settled[failed]!);
    return settled.map((job) => {
      for (const warning of job.output.warnings) deps.warn?.(warning);
      return job.output.claim;
    });
  });
}

function describe(reference: DocumentReference): string {
  return /^\d+$/.test(reference.key) ? `[${reference.key}]` : reference.key;
}
