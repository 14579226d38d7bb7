import { toLitmusError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { thisProcess } from '../refresh/topic-lock.ts';
import { type CheckJobData, type ResolveJobData, runCheckJob, runResolveJob } from './audit-jobs.ts';
import type { JobQueue, JobStage } from './job-queue.ts';
import {
  type ExtractJobData,
  type IngestJobData,
  type PaperJobDeps,
  runExtractJob,
  runIngestJob,
  runVerifyJob,
  type VerifyJobData,
} from './paper-jobs.ts';

/**
 * A worker's side of the per-paper stages (and the audit's per-reference and per-claim ones): one handler per queue, `concurrency` jobs of each at once.
 * A handler that throws fails the attempt; pg-boss retries it (here or on another worker) up to the
 * retry limit, and what it finished before is in the store already.
 */
export async function startPaperWork(
  queue: JobQueue,
  concurrency: number,
  deps: PaperJobDeps & { log: (line: string) => void },
): Promise<void> {
  const lock = jobLock(deps.store, queue.expireInSeconds * 1000);
  const handle =
    <Data, Output>(stage: JobStage, describe: (data: Data) => string, run: (data: Data) => Promise<Output>) =>
    async (data: unknown, job: { id: string }) => {
      const what = `${stage} ${describe(data as Data)}`;
      const release = await lock(job.id);
      const start = performance.now();
      deps.log(`${new Date().toISOString()} start ${what} (job ${job.id})`);
      try {
        const output = await run(data as Data);
        deps.log(`${new Date().toISOString()} done ${what} in ${Math.round(performance.now() - start)} ms`);
        return output;
      } catch (error) {
        deps.log(`${new Date().toISOString()} failed ${what}: ${toLitmusError(error).toLine()}`);
        throw error;
      } finally {
        await release();
      }
    };
  await queue.work(
    'ingest',
    concurrency,
    handle<IngestJobData, unknown>(
      'ingest',
      (d) => d.arxivId,
      (d) => runIngestJob(d, deps),
    ),
  );
  await queue.work(
    'extract',
    concurrency,
    handle<ExtractJobData, unknown>(
      'extract',
      (d) => d.paperId,
      (d) => runExtractJob(d, deps),
    ),
  );
  await queue.work(
    'verify',
    concurrency,
    handle<VerifyJobData, unknown>(
      'verify',
      (d) => `${d.paperId} (${d.claimIds.length} claims)`,
      (d) => runVerifyJob(d, deps),
    ),
  );
  await queue.work(
    'resolve',
    concurrency,
    handle<ResolveJobData, unknown>(
      'resolve',
      (d) => d.reference.key,
      (d) => runResolveJob(d, deps),
    ),
  );
  await queue.work(
    'check',
    concurrency,
    handle<CheckJobData, unknown>(
      'check',
      (d) => `claim ${d.claim.n}`,
      (d) => runCheckJob(d, deps),
    ),
  );
}

/**
 * One run of a job at a time, across workers: a job that outlived its expiry (slow, not dead) is
 * handed to another worker while it still runs, and two runs of one verify job would both save a
 * verdict. The second run waits for the first (a store lock by job id; a dead holder's lock is taken
 * over at once on its host, after `staleAfterMs` from another) and then finds the work done.
 */
function jobLock(store: Store, staleAfterMs: number): (jobId: string) => Promise<() => Promise<void>> {
  const identity = thisProcess();
  // The store's locks belong to a process: runs in this process queue here first.
  const local = new Map<string, Promise<void>>();
  return async (jobId) => {
    const name = `job:${jobId}`;
    while (local.has(jobId)) await local.get(jobId);
    let done!: () => void;
    local.set(jobId, new Promise<void>((resolve) => (done = resolve)));
    try {
      while (!(await store.locks.acquire(name, { ...identity, staleAfterMs })).acquired) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } catch (error) {
      local.delete(jobId);
      done();
      throw error;
    }
    return async () => {
      try {
        await store.locks.release(name, identity);
      } finally {
        local.delete(jobId);
        done();
      }
    };
  };
}
