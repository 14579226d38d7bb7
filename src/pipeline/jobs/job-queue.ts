import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { LitmusError } from '../../core/errors.ts';

/**
 * The job queue of a Postgres store: pg-boss in a schema next to the store's own. Every per-paper job
 * has a deterministic id (a UUID hashed from its stage and key), so enqueueing the same work twice —
 * two reports over the same paper, a coordinator restarted — finds the one job instead of adding a
 * second. A worker killed mid-job leaves its job `active` until it expires; pg-boss then hands it to
 * another worker (up to `retryLimit` times).
 */
export const JOB_QUEUES = {
  ingest: 'litmus_ingest',
  extract: 'litmus_extract',
  verify: 'litmus_verify',
  /** An audit's reference found through Semantic Scholar (DOI, ACL id or title) and its text fetched. */
  resolve: 'litmus_resolve',
  /** One claim of an audited document checked against its cited papers. */
  check: 'litmus_check',
  refresh: 'litmus_refresh',
} as const;
export type JobStage = keyof typeof JOB_QUEUES;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface QueuedJob {
  stage: JobStage;
  id: string;
}

export interface SettledJob<Output> extends QueuedJob {
  state: 'completed' | 'failed' | 'cancelled';
  /** The handler's return value when completed; the error (`{ message }`) when failed. */
  output: Output;
}

export interface EnqueueOptions {
  redoWhen?: (output: unknown) => boolean;
}

export interface JobQueueOptions {
  /** Workers supervise: they expire jobs of dead workers and fire cron schedules. Coordinators don't. */
  role: 'worker' | 'coordinator';
  /** A job running longer than this is taken for dead and retried (config `jobs.expireSeconds`, default 900). */
  expireInSeconds?: number;
  /** Attempts after the first (config `jobs.retries`, default 3). */
  retryLimit?: number;
}

export interface JobQueue {
  /**
   * Adds the job unless one with the same stage and key exists; a failed one is retried, and so is a
   * completed one whose output `redoWhen` rejects (a miss that may not be one next time: a network
   * error, an offline worker), so a finished job is reused only for an answer worth keeping.
   */
  enqueue(stage: JobStage, key: string, data: object, options?: EnqueueOptions): Promise<QueuedJob>;
  /** Polls until every job has settled; `onSettled` sees each as it does. */
  waitFor<Output>(
    jobs: QueuedJob[],
    options?: { onSettled?: (job: SettledJob<Output>) => void; pollMs?: number; signal?: AbortSignal },
  ): Promise<SettledJob<Output>[]>;
  /**
   * Runs `handler` on a queue's jobs (a stage, or a queue by name such as a topic's), `concurrency` at
   * a time; what it returns is the job's output.
   */
  work(
    queue: JobStage | { name: string },
    concurrency: number,
    handler: (data: unknown, job: { id: string }) => Promise<unknown>,
  ): Promise<void>;
  /**
   * Sends `data` to the queue `name` (created if missing) on the cron pattern: pg-boss fires each tick
   * once, whatever the number of workers.
   */
  schedule(name: string, cron: string, data: object, timezone?: string): Promise<void>;
  unschedule(name: string): Promise<void>;
  schedules(): Promise<{ name: string; cron: string; data: unknown }[]>;
  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), and closes the connections. */
  close(timeoutMs?: number): Promise<void>;
  /** A job running longer than this many seconds is taken for dead and handed to another worker. */
  readonly expireInSeconds: number;
  /** pg-boss itself, for what this interface does not cover (tests). */
  readonly boss: PgBoss;
}

/** A UUID derived from a job's stage and key (pg-boss ids are UUIDs). */
export function jobId(stage: JobStage, key: string): string {
  const hex = createHash('sha256').update(`${stage}\u0000${key}`).digest('hex');
  // Shaped as a version-5-style UUID so Postgres' uuid type and any reader accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The queue's schema: beside the store's (`?schema=` of the URL), never inside it. */
export function queueLocation(url: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const storeSchema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  const schema = `${storeSchema === 'public' ? 'litmus' : storeSchema}_jobs`.slice(0, 63);
  return { connectionString: parsed.toString(), schema };
}

const SETTLED = new Set<JobState>(['completed', 'failed', 'cancelled']);

export async function openJobQueue(url: string, options: JobQueueOptions): Promise<JobQueue> {
  const { default: PgBossClass } = await import('pg-boss');
  const { connectionString, schema } = queueLocation(url);
  const expireInSeconds = options.expireInSeconds ?? 900;
  const retryLimit = options.retryLimit ?? 3;
  const worker = options.role === 'worker';
  const create = () =>
    new PgBossClass({
      connectionString,
      schema,
      application_name: `litmus-${options.role}`,
      max: worker ? 6 : 3,
      supervise: worker,
      schedule: worker,
      // Dead workers' jobs are found this often: the expiry above plus at most this.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.ceil(expireInSeconds / 2))),
      cronMonitorIntervalSeconds: 30,
    });
  let boss = create();
  let lastError: Error | null = null;
  const ensureQueue = async (name: string) => {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { name, policy: 'standard', retryLimit, retryDelay: 1, expireInSeconds });
    } catch (error) {
      // Another process created it between our look and our create.
      if (!(await boss.getQueue(name))) throw error;
    }
  };
  // Processes that start together on a fresh database race to install pg-boss's schema, and Postgres
  // may end one of them with a deadlock: the loser starts again once the winner is done.
  for (let attempt = 1; ; attempt++) {
    try {
      boss.on('error', (error) => {
        lastError = error;
      });
      await boss.start();
      for (const name of Object.values(JOB_QUEUES)) await ensureQueue(name);
      break;
    } catch (error) {
      await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
      if (attempt < 5 && /deadlock|duplicate key|already exists/i.test((error as Error).message)) {
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400 * attempt));
        boss = create();
        continue;
      }
      throw new LitmusError(
        'E_QUEUE',
        `job queue on ${connectionString.replace(/:[^:@/]*@/, ':***@')}: ${(error as Error).message}`,
        { hint: 'check that the Postgres server is up and the user may create schemas' },
      );
    }
  }

  return {
    expireInSeconds,
    get boss() {
      return boss;
    },
    async enqueue(stage, key, data, enqueueOptions = {}) {
      const name = JOB_QUEUES[stage];
      const id = jobId(stage, key);
      const send = () => boss.send(name, data, { id, retryLimit, retryDelay: 1, expireInSeconds });
      if ((await send()) === null) {
        const existing = await boss.getJobById(name, id);
        if (existing && (existing.state === 'failed' || existing.state === 'cancelled')) {
          await boss.retry(name, id);
        } else if (!existing || (existing.state === 'completed' && enqueueOptions.redoWhen?.(existing.output))) {
          // Archived since (a settled job of an earlier run: its work is in the store, and every handler
          // skips what is already done), or an answer not worth keeping: run it again so this run gets
          // an output to wait for. Null again means another coordinator re-sent it first: wait on theirs.
          await boss.deleteJob(name, id).catch(() => undefined);
          if ((await send()) === null && !(await boss.getJobById(name, id))) {
            throw new LitmusError('E_QUEUE', `could not enqueue ${stage} job ${key}`);
          }
        }
      }
      return { stage, id };
    },
    async waitFor<Output>(
      jobs: QueuedJob[],
      waitOptions: {
        onSettled?: (job: SettledJob<Output>) => void;
        pollMs?: number;
        signal?: AbortSignal;
      } = {},
    ) {
      const settled = new Map<string, SettledJob<Output>>();
      const key = (job: QueuedJob) => `${job.stage}/${job.id}`;
      for (;;) {
        for (const job of jobs) {
          if (settled.has(key(job))) continue;
          const found = await boss.getJobById<unknown>(JOB_QUEUES[job.stage], job.id, { includeArchive: true });
          if (found && SETTLED.has(found.state)) {
            const done = { ...job, state: found.state, output: found.output as Output } as SettledJob<Output>;
            settled.set(key(job), done);
            waitOptions.onSettled?.(done);
          }
        }
        if (settled.size >= new Set(jobs.map(key)).size) return jobs.map((job) => settled.get(key(job))!);
        if (waitOptions.signal?.aborted) throw new LitmusError('E_INTERRUPTED', 'stopped waiting for jobs');
        if (lastError) {
          const error = lastError;
          lastError = null;
          throw new LitmusError('E_QUEUE', `job queue: ${error.message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, waitOptions.pollMs ?? 250));
      }
    },
    async work(queue, concurrency, handler) {
      const name = typeof queue === 'string' ? JOB_QUEUES[queue] : queue.name;
      // pg-boss 10 runs one job per work() call at a time: concurrency is that many calls.
      for (let i = 0; i < concurrency; i++) {
        await boss.work(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) =>
          job ? handler(job.data, { id: job.id }) : undefined,
        );
      }
    },
    async schedule(name, cron, data, timezone) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: timezone, retryLimit, expireInSeconds });
    },
    async unschedule(name) {
      await boss.unschedule(name);
    },
    async schedules() {
      return (await boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron, data: s.data }));
    },
    async close(timeoutMs = 30_000) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}
