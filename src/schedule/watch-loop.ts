import { Cron } from 'croner';
import { toLitmusError } from '../core/errors.ts';
import { checkDue, type ScheduleOptions } from './cron.ts';

/** The little a watcher needs to know about a topic. */
export interface WatchedTopic {
  name: string;
  schedule: string | null;
  lastRefreshAt: string | null;
}

export interface WatchDeps {
  /** Reads the topics afresh (a topic added while watching is picked up at the next rescan). */
  listTopics(): WatchedTopic[] | Promise<WatchedTopic[]>;
  /** Refreshes one topic; a thrown error is logged and the watcher carries on. */
  refresh(name: string): Promise<string>;
  log(line: string): void;
  now?: () => Date;
  /** Aborted on SIGINT/SIGTERM: no new refresh starts; the running one finishes (it is resumable anyway). */
  signal: AbortSignal;
  schedule?: ScheduleOptions;
  /** How often the topic list is re-read for added, removed or rescheduled topics. */
  rescanMs?: number;
}

export interface WatchResult {
  refreshed: string[];
  failed: string[];
}

/**
 * `litmus watch`: refreshes due topics on their cron schedules, one at a time. On start it first runs
 * every topic whose schedule fired since its last successful refresh (runs missed while down).
 * With `once`, it stops after that catch-up pass.
 */
export async function runWatch(options: { once: boolean }, deps: WatchDeps): Promise<WatchResult> {
  const now = deps.now ?? (() => new Date());
  const result: WatchResult = { refreshed: [], failed: [] };
  let queue: Promise<void> = Promise.resolve();
  const queued = new Set<string>();

  const enqueue = (name: string, why: string): Promise<void> => {
    if (queued.has(name)) return queue;
    queued.add(name);
    queue = queue.then(async () => {
      queued.delete(name);
      if (deps.signal.aborted) return;
      deps.log(`${now().toISOString()} refresh ${name} (${why})`);
      try {
        const outcome = await deps.refresh(name);
        result.refreshed.push(name);
        deps.log(`${now().toISOString()} refresh ${name}: ${outcome}`);
      } catch (error) {
        result.failed.push(name);
        deps.log(`${now().toISOString()} refresh ${name} failed: ${toLitmusError(error).toLine()}`);
      }
    });
    return queue;
  };

  const catchUp = async () => {
    for (const topic of await deps.listTopics()) {
      const check = checkDue(topic.schedule, topic.lastRefreshAt, now(), deps.schedule);
      if (check.due) void enqueue(topic.name, check.reason);
      else if (topic.schedule) deps.log(`${topic.name}: ${check.reason}`);
    }
    return queue;
  };

  await catchUp();
  if (options.once || deps.signal.aborted) return result;

  const jobs = new Map<string, { schedule: string; job: Cron }>();
  const sync = async () => {
    const topics = (await deps.listTopics()).filter((t) => t.schedule);
    const wanted = new Map(topics.map((t) => [t.name, t.schedule!]));
    for (const [name, entry] of jobs) {
      if (wanted.get(name) !== entry.schedule) {
        entry.job.stop();
        jobs.delete(name);
      }
    }
    for (const [name, schedule] of wanted) {
      if (jobs.has(name)) continue;
      try {
        const job = new Cron(schedule, { timezone: deps.schedule?.timezone, protect: true }, () => {
          void enqueue(name, `scheduled "${schedule}"`);
        });
        jobs.set(name, { schedule, job });
        deps.log(`${name}: scheduled "${schedule}", next run ${job.nextRun()?.toISOString() ?? 'never'}`);
      } catch (error) {
        deps.log(`${name}: schedule "${schedule}" ignored: ${(error as Error).message}`);
      }
    }
  };
  await sync();
  const rescan = setInterval(() => {
    sync()
      .then(() => catchUp())
      .catch((error: unknown) => deps.log(`${now().toISOString()} rescan failed: ${toLitmusError(error).toLine()}`));
  }, deps.rescanMs ?? 60_000);

  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) resolve();
    else deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(rescan);
  for (const { job } of jobs.values()) job.stop();
  deps.log('stopping: waiting for the running refresh, if any');
  await queue;
  return result;
}
