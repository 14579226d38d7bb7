import type { Command } from 'commander';
import { toLitmusError, usageError } from '../../core/errors.ts';
import type { Engines } from '../../pipeline/engines.ts';
import { openJobQueue } from '../../pipeline/jobs/job-queue.ts';
import { startPaperWork } from '../../pipeline/jobs/work-paper-jobs.ts';
import { matchExperimentsFromStore } from '../../pipeline/match-experiments.ts';
import { importTopicFiles } from '../../pipeline/refresh/topic-files.ts';
import { createWorkspace } from '../../pipeline/workspace.ts';
import { type RefreshJobData, syncTopicSchedules } from '../../schedule/queue-cron.ts';
import { redactUrl } from '../../store/open-store.ts';
import type { CliContext } from '../context.ts';
import { integerInRange } from './parse-options.ts';
import { describeRefresh, refreshOne } from './refresh.ts';

interface WorkerFlags {
  concurrency: number;
  timezone?: string;
}

/** How often a worker re-reads the topics for added, removed or rescheduled refresh schedules. */
const RESCAN_MS = 60_000;

/**
 * `litmus worker`: takes per-paper jobs (ingest, extract, verify) and scheduled topic refreshes from
 * the Postgres job queue until SIGINT/SIGTERM, then lets the running jobs finish. Run one on each
 * machine against the same LITMUS_DATABASE_URL; politeness and caches are shared through the store.
 */
export function registerWorkerCommand(program: Command, context: CliContext): void {
  program
    .command('worker')
    .description('run the per-paper jobs and scheduled topic refreshes of a Postgres store (one per machine)')
    .option('--concurrency <n>', 'jobs of each stage run at once', integerInRange(1, 64), 1)
    .option('--timezone <zone>', 'IANA time zone topic schedules are read in (default: the system zone)')
    .action(async (flags: WorkerFlags) => {
      const config = context.config();
      const store = await context.openStore();
      if (store.dialect !== 'postgres') {
        throw usageError(
          'E_USAGE',
          `litmus worker needs a Postgres store; ${redactUrl(config.db)} is SQLite`,
          'set LITMUS_DATABASE_URL=postgres://… (or --db), the same for every worker and command',
        );
      }
      const output = context.output;
      const workspace = createWorkspace({ config, store, warn: output.warn });
      const engines = new Map<string, Promise<Engines>>();
      const queue = await openJobQueue(config.db, {
        role: 'worker',
        expireInSeconds: config.jobs.expireSeconds,
        retryLimit: config.jobs.retries,
      });
      const controller = new AbortController();
      const stopped = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve()));
      const stop = (signal: string) => () => {
        output.info(`${new Date().toISOString()} ${signal} received: finishing running jobs`);
        controller.abort();
      };
      const onInt = stop('SIGINT');
      const onTerm = stop('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      let rescan: NodeJS.Timeout | undefined;
      try {
        await startPaperWork(queue, flags.concurrency, {
          store,
          config,
          http: workspace.http,
          engines: (kind) => {
            if (!engines.has(kind)) engines.set(kind, workspace.engines(kind));
            return engines.get(kind)!;
          },
          matchExperiment: await matchExperimentsFromStore(store),
          warn: output.warn,
          log: output.info,
        });
        const watched = new Set<string>();
        const scanTopics = async () => {
          try {
            await importTopicFiles(store, config);
            const queues = await syncTopicSchedules(queue, await store.topics.list(), { timezone: flags.timezone });
            for (const [topic, name] of queues) {
              if (watched.has(name)) continue;
              watched.add(name);
              await queue.work({ name }, 1, async (data) => {
                const { topic: which } = data as RefreshJobData;
                output.info(`${new Date().toISOString()} refresh ${which} (schedule)`);
                const line = describeRefresh(await refreshOne(context, which, {}));
                output.info(`${new Date().toISOString()} ${line}`);
                return { topic: which, outcome: line };
              });
              output.verbose(`watching the schedule of topic ${topic}`);
            }
          } catch (error) {
            output.warn(`topic schedules: ${toLitmusError(error).toLine()}`);
          }
        };
        await scanTopics();
        rescan = setInterval(() => void scanTopics(), RESCAN_MS);
        output.info(
          `${new Date().toISOString()} litmus worker started (pid ${process.pid}, concurrency ${flags.concurrency}, db ${redactUrl(config.db)})`,
        );
        await stopped;
      } finally {
        if (rescan) clearInterval(rescan);
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        await queue.close();
      }
      output.result({ stopped: true }, () => 'worker stopped');
    });
}
