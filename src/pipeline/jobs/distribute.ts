import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import { hashOf } from '../../core/hash.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import { createArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import { formatArxivId, parseArxivId } from '../../sources/arxiv/arxiv-id.ts';
import type { Store } from '../../store/store.ts';
import type { ArxivAddResult } from '../add-arxiv.ts';
import type { Engines } from '../engines.ts';
import type { AssessArtifact, AssessedClaimRecord, ReportOptions, RetrieveArtifact } from '../report/report-types.ts';
import { corpusSnapshot } from '../verify-stored-claims.ts';
import { type JobQueue, openJobQueue, type QueuedJob, type SettledJob } from './job-queue.ts';
import type {
  ExtractJobData,
  ExtractJobOutput,
  IngestJobData,
  IngestJobOutput,
  VerifyJobData,
  VerifyJobOutput,
} from './paper-jobs.ts';

/**
 * The report's retrieve and assess stages as per-paper jobs for `litmus worker`s, when the store is
 * Postgres: the coordinator (the `report`, `refresh` or `add` process) enqueues, waits with progress,
 * and assembles exactly the artifact the in-process stage would have built. On SQLite (or with
 * config `jobs.mode` = in-process) each function returns null and the caller runs the stage itself.
 */
export interface DistributeDeps {
  store: Store;
  config: Config;
  log: (line: string) => void;
  /** Progress over `total` items, as the report's stages show it. */
  progress?: (total: number | null, label: string) => { tick(item?: string): void; done(): void };
}

/** An ingest that ended in a failed result (network, not found, unparsable) is tried again by the next run. */
export const redoFailedIngest = {
  redoWhen: (output: unknown) => (output as IngestJobOutput | null)?.status === 'failed',
};

/** Whether this store's work goes to workers. */
export function distributes(store: Store, config: Config): boolean {
  return store.dialect === 'postgres' && /^postgres(ql)?:\/\//i.test(config.db) && config.jobs.mode === 'workers';
}

export async function withQueue<T>(deps: DistributeDeps, work: (queue: JobQueue) => Promise<T>): Promise<T | null> {
  if (!distributes(deps.store, deps.config)) return null;
  const queue = await openJobQueue(deps.config.db, {
    role: 'coordinator',
    expireInSeconds: deps.config.jobs.expireSeconds,
    retryLimit: deps.config.jobs.retries,
  });
  try {
    return await work(queue);
  } finally {
    await queue.close(5_000);
  }
}

/** Waits for jobs with a progress bar; a job that failed after its retries fails the stage. */
export async function settle<Output>(
  queue: JobQueue,
  jobs: QueuedJob[],
  label: string,
  deps: DistributeDeps,
  describe: (index: number) => string,
): Promise<SettledJob<Output>[]> {
  if (jobs.length === 0) return [];
  deps.log(`  ${jobs.length} ${label} job(s) queued for \`litmus worker\``);
  const bar = deps.progress?.(jobs.length, label);
  const index = new Map(jobs.map((job, i) => [job.id, i]));
  try {
    return await queue.waitFor<Output>(jobs, { onSettled: (job) => bar?.tick(describe(index.get(job.id) ?? 0)) });
  } finally {
    bar?.done();
  }
}

export function failure(stage: string, item: string, job: SettledJob<unknown>): LitmusError {
  const output = job.output as { message?: string } | null;
  return new LitmusError(
    'E_JOB_FAILED',
    `${stage} job for ${item} ${job.state}: ${output?.message ?? 'no reason given'}`,
    {
      hint: 'see the worker logs; rerun the command to retry (finished jobs are not redone)',
    },
  );
}

/** retrieveFullTexts through ingest jobs: the same retrieved/unavailable lists, in the same order. */
export async function distributedRetrieve(included: Paper[], deps: DistributeDeps): Promise<RetrieveArtifact | null> {
  return withQueue(deps, async (queue) => {
    const plan: ({ kind: 'stored' | 'none'; paper: Paper } | { kind: 'job'; paper: Paper; job: QueuedJob })[] = [];
    for (const paper of included) {
      if ((await deps.store.documents.latest(paper.id)) !== undefined) plan.push({ kind: 'stored', paper });
      else if (paper.source === 'arxiv' && paper.version !== null) {
        const arxivId = `${paper.externalId}v${paper.version}`;
        plan.push({ kind: 'job', paper, job: await queue.enqueue('ingest', arxivId, { arxivId }, redoFailedIngest) });
      } else plan.push({ kind: 'none', paper });
    }
    const jobs = plan.flatMap((step) => (step.kind === 'job' ? [step.job] : []));
    const settled = await settle<IngestJobOutput>(queue, jobs, 'retrieve', deps, (i) => jobs[i]?.id ?? '');
    const outputs = new Map(settled.map((job) => [job.id, job]));
    const retrieved: string[] = [];
    const unavailable: RetrieveArtifact['unavailable'] = [];
    for (const step of plan) {
      if (step.kind !== 'job') {
        if (step.kind === 'stored') retrieved.push(step.paper.id);
        else
          unavailable.push({
            id: step.paper.id,
            title: step.paper.title,
            reason: 'no full text source for this record',
          });
      } else {
        const job = outputs.get(step.job.id)!;
        // A paper arXiv could not give is unavailable, as in one process; a job that failed after its
        // retries (a worker error, not the paper's) fails the stage, so the run is never taken for ok.
        if (job.state !== 'completed') throw failure('ingest', step.paper.id, job);
        const result = job.output;
        if (result.status !== 'failed' && result.paper_id) retrieved.push(result.paper_id);
        else unavailable.push({ id: step.paper.id, title: step.paper.title, reason: result.error ?? 'not retrieved' });
      }
    }
    return { retrieved, unavailable };
  });
}

/** assessClaims through extract then verify jobs, one per paper; records ordered as assessClaims orders them. */
export async function distributedAssess(
  paperIds: string[],
  options: ReportOptions,
  deps: DistributeDeps & { engines: Engines },
): Promise<AssessArtifact | null> {
  return withQueue(deps, async (queue) => {
    const engine = deps.engines.kind;
    const extractJobs: QueuedJob[] = [];
    for (const paperId of paperIds) {
      const data: ExtractJobData = {
        paperId,
        engine,
        question: options.question,
        claimsPerPaper: options.claimsPerPaper,
        claimThreshold: options.claimThreshold,
      };
      extractJobs.push(await queue.enqueue('extract', `${paperId}\u0000${engine}\u0000${hashOf(data)}`, data));
    }
    const extracted = await settle<ExtractJobOutput>(queue, extractJobs, 'extract claims', deps, (i) => paperIds[i]!);
    const warnings: string[] = [];
    let other = 0;
    extracted.forEach((job, i) => {
      if (job.state !== 'completed') throw failure('extract', paperIds[i]!, job);
      warnings.push(...job.output.warnings);
      other += job.output.other;
    });

    const verifyJobs: { job: QueuedJob; paperIndex: number }[] = [];
    for (const [paperIndex, job] of extracted.entries()) {
      if (job.output.relevant.length === 0) continue;
      const data: VerifyJobData = {
        paperId: paperIds[paperIndex]!,
        engine,
        claimIds: job.output.relevant,
        corpusPaperIds: paperIds,
      };
      const queued = await queue.enqueue('verify', `${data.paperId}\u0000${engine}\u0000${hashOf(data)}`, data);
      verifyJobs.push({ job: queued, paperIndex });
    }
    const verified = await settle<VerifyJobOutput>(
      queue,
      verifyJobs.map((v) => v.job),
      'verify claims',
      deps,
      (i) => paperIds[verifyJobs[i]!.paperIndex]!,
    );
    // assessClaims orders ties by claim id, which in a fresh store is paper order then extraction
    // order; here ids depend on which worker saved first, so that order is rebuilt from the outputs.
    const ranked: { record: AssessedClaimRecord; paper: number; position: number }[] = [];
    verified.forEach((job, i) => {
      const paper = verifyJobs[i]!.paperIndex;
      if (job.state !== 'completed') throw failure('verify', paperIds[paper]!, job);
      warnings.push(...job.output.warnings);
      const order = extracted[paper]!.output.relevant;
      for (const record of job.output.records) ranked.push({ record, paper, position: order.indexOf(record.claim_id) });
    });
    ranked.sort((a, b) => b.record.relevance - a.record.relevance || a.paper - b.paper || a.position - b.position);
    const records = ranked.map((r) => r.record);
    return {
      claims: records,
      other_claims_count: other,
      unverified: records.filter((r) => r.unverified_reason !== null).length,
      corpus_snapshot: await corpusSnapshot(deps.store, paperIds),
      warnings: [...new Set(warnings)],
    };
  });
}

/**
 * `litmus add arxiv:<id>…` through ingest jobs: each id's result as addArxivPapers gives it, in the
 * order given (local files are read where they are, by the command itself).
 */
export async function distributedAdd(
  ids: string[],
  deps: DistributeDeps & {
    retryFailed?: boolean;
    maxBytes?: number;
    onResult?: (result: ArxivAddResult) => void;
    /** The progress bar's label (default "add"). */
    label?: string;
  },
): Promise<ArxivAddResult[] | null> {
  const parsed = ids.map((id) => parseArxivId(id)); // bad syntax is a usage error, before anything is queued
  return withQueue(deps, async (queue) => {
    const jobs: QueuedJob[] = [];
    for (const id of parsed) {
      const arxivId = formatArxivId(id);
      const data: IngestJobData = {
        arxivId,
        ...(deps.retryFailed ? { retryFailed: true } : {}),
        ...(deps.maxBytes !== undefined ? { maxBytes: deps.maxBytes } : {}),
      };
      // A finished job runs again: a stored version is answered from the store without a request, so
      // the result says "unchanged" as in one process, and a failed one is tried again.
      jobs.push(await queue.enqueue('ingest', arxivId, data, { redoWhen: () => true }));
    }
    const settled = await settle<ArxivAddResult>(
      queue,
      jobs,
      deps.label ?? 'add',
      deps,
      (i) => `arxiv:${formatArxivId(parsed[i]!)}`,
    );
    return settled.map((job, i) => {
      const id = parsed[i]!;
      const result: ArxivAddResult =
        job.state === 'completed'
          ? job.output
          : {
              path: `arxiv:${formatArxivId(id)}`,
              paper_id: null,
              title: null,
              pages: null,
              passages: 0,
              status: 'failed',
              error: failure('ingest', `arxiv:${formatArxivId(id)}`, job).toLine(),
              code: 'E_JOB_FAILED',
              source: 'arxiv',
              arxiv_id: id.id,
              version: id.version,
              fulltext: null,
            };
      deps.onResult?.(result);
      return result;
    });
  });
}

/**
 * `litmus add --arxiv-query` on Postgres: the search runs here (one request), then each result version
 * is an ingest job as in distributedAdd; null on SQLite.
 */
export async function distributedAddQuery(
  search: { query: string; max: number; refresh?: boolean },
  deps: Parameters<typeof distributedAdd>[1] & { http: HttpClient; warn?: (line: string) => void },
): Promise<ArxivAddResult[] | null> {
  if (!distributes(deps.store, deps.config)) return null;
  const source = createArxivSource({ http: deps.http, config: deps.config, warn: deps.warn });
  const found = await source.searchEntries(search.query, { max: search.max, refresh: search.refresh });
  return distributedAdd(
    found.entries.map((entry) => `${entry.arxivId}v${entry.version}`),
    deps,
  );
}
