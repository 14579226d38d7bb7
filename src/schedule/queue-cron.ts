import { createHash } from 'node:crypto';
import type { JobQueue } from '../pipeline/jobs/job-queue.ts';
import { validateCron } from './cron.ts';

/**
 * Topic refresh schedules in the job queue's cron (the Postgres set-up): each scheduled topic gets a
 * queue of its own with a pg-boss schedule on it. pg-boss fires every tick once however many workers
 * watch the clock, so one refresh runs per topic per tick; any worker may take it.
 */
const PREFIX = 'litmus_refresh_';

export interface ScheduledTopic {
  name: string;
  schedule: string | null;
}

export interface RefreshJobData {
  topic: string;
}

/** The queue a topic's scheduled refreshes go to: pg-boss names are ≤ 50 word characters. */
export function topicQueueName(topic: string): string {
  const slug = topic
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24);
  const hash = createHash('sha256').update(topic).digest('hex').slice(0, 8);
  return `${PREFIX}${slug ? `${slug}_` : ''}${hash}`;
}

/**
 * Makes the queue's schedules match the topics: adds or updates each scheduled topic's, removes those
 * of topics gone or unscheduled. Returns the queue names of the scheduled topics, by topic.
 */
export async function syncTopicSchedules(
  queue: JobQueue,
  topics: ScheduledTopic[],
  options: { timezone?: string } = {},
): Promise<Map<string, string>> {
  const wanted = new Map<string, string>();
  const existing = new Map((await queue.schedules()).map((s) => [s.name, s]));
  for (const topic of topics) {
    if (!topic.schedule) continue;
    validateCron(topic.schedule, { timezone: options.timezone });
    const name = topicQueueName(topic.name);
    wanted.set(topic.name, name);
    const current = existing.get(name);
    const data: RefreshJobData = { topic: topic.name };
    if (current?.cron === topic.schedule && (current.data as RefreshJobData | null)?.topic === topic.name) continue;
    await queue.schedule(name, topic.schedule, data, options.timezone);
  }
  const keep = new Set(wanted.values());
  for (const name of existing.keys()) {
    if (name.startsWith(PREFIX) && !keep.has(name)) await queue.unschedule(name);
  }
  return wanted;
}
