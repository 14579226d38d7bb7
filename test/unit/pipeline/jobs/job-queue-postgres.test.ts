import { afterEach, describe, expect, inject, it } from 'vitest';
import { type JobQueue, jobId, openJobQueue, queueLocation } from '../../../../src/pipeline/jobs/job-queue.ts';
import { syncTopicSchedules, topicQueueName } from '../../../../src/schedule/queue-cron.ts';

/**
 * The job queue on the throwaway Postgres of the `postgres` project: idempotent enqueueing by stage
 * and key, a job whose worker died picked up by another after it expires, failed jobs retried on
 * re-enqueue, and topic schedules in pg-boss cron. Each test works in schemas of its own.
 */
const base = inject('postgresUrl');
let n = 0;
const freshUrl = () =>
  `${base}${base.includes('?') ? '&' : '?'}schema=${`jobs_${process.pid}_${Date.now().toString(36)}_${++n}`}`;

const opened: JobQueue[] = [];
async function open(url: string, role: 'worker' | 'coordinator', expireInSeconds = 60): Promise<JobQueue> {
  const queue = await openJobQueue(url, { role, expireInSeconds, retryLimit: 2 });
  opened.push(queue);
  return queue;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close(2_000).catch(() => undefined)));
});

describe('job queue on Postgres', () => {
  it('derives one UUID per stage and key, and keeps the queue beside the store schema', () => {
    expect(jobId('ingest', '2302.07302v1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(jobId('ingest', '2302.07302v1')).toBe(jobId('ingest', '2302.07302v1'));
    expect(jobId('ingest', '2302.07302v1')).not.toBe(jobId('extract', '2302.07302v1'));
    expect(queueLocation('postgres://u@h:1/db?schema=team').schema).toBe('team_jobs');
    expect(queueLocation('postgres://u@h:1/db').schema).toBe('litmus_jobs');
    expect(queueLocation('postgres://u@h:1/db?schema=team').connectionString).toBe('postgres://u@h:1/db');
  });

  it('enqueues the same stage and key once, however often and by whom it is asked', async () => {
    const url = freshUrl();
    const [a, b] = [await open(url, 'coordinator'), await open(url, 'coordinator')];
    const jobs = await Promise.all([
      a.enqueue('ingest', '2302.07302v1', { arxivId: '2302.07302v1' }),
      b.enqueue('ingest', '2302.07302v1', { arxivId: '2302.07302v1' }),
      a.enqueue('ingest', '2302.07302v1', { arxivId: '2302.07302v1' }),
    ]);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(1);
    expect(await a.boss.getQueueSize('litmus_ingest')).toBe(1);
  });

  it('hands a dead worker’s job to another once it expires, and the waiter gets its output', async () => {
    const url = freshUrl();
    const coordinator = await open(url, 'coordinator');
    const job = await coordinator.enqueue('extract', 'paper-1', { paperId: 'p1' });
    // The first worker takes the job and never finishes it: then it dies without a word.
    const dying = await openJobQueue(url, { role: 'worker', expireInSeconds: 1, retryLimit: 2 });
    let taken!: () => void;
    const tookIt = new Promise<void>((resolve) => (taken = resolve));
    await dying.work('extract', 1, () => {
      taken();
      return new Promise(() => undefined);
    });
    await tookIt;
    await dying.boss.stop({ graceful: false, wait: false, close: true });
    const survivor = await open(url, 'worker', 1);
    const ran: string[] = [];
    await survivor.work('extract', 1, async (data) => {
      ran.push((data as { paperId: string }).paperId);
      return { relevant: [7] };
    });
    const [settled] = await coordinator.waitFor<{ relevant: number[] }>([job], { pollMs: 100 });
    expect(settled!.state).toBe('completed');
    expect(settled!.output).toEqual({ relevant: [7] });
    expect(ran).toEqual(['p1']);
    const found = await coordinator.boss.getJobById('litmus_extract', job.id, { includeArchive: true });
    expect(found!.retryCount).toBeGreaterThanOrEqual(1);
  });

  it('retries a job that failed for good when its work is asked for again', async () => {
    const url = freshUrl();
    const queue = await openJobQueue(url, { role: 'worker', expireInSeconds: 30, retryLimit: 0 });
    opened.push(queue);
    let attempts = 0;
    await queue.work('verify', 1, async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('the verifier fell over');
      return { records: [] };
    });
    const first = await queue.enqueue('verify', 'p1', { paperId: 'p1' });
    const [failed] = await queue.waitFor<{ message: string }>([first], { pollMs: 100 });
    expect(failed!.state).toBe('failed');
    expect(failed!.output.message).toContain('the verifier fell over');
    const again = await queue.enqueue('verify', 'p1', { paperId: 'p1' });
    expect(again.id).toBe(first.id);
    const [done] = await queue.waitFor<{ records: unknown[] }>([again], { pollMs: 100 });
    expect(done!.state).toBe('completed');
    expect(attempts).toBe(2);
  });

  it('keeps one cron schedule per scheduled topic and drops those of removed topics', async () => {
    const queue = await open(freshUrl(), 'coordinator');
    const long = 'Retrieval-augmented generation for scientific question answering, 2024 onwards';
    const first = await syncTopicSchedules(queue, [
      { name: long, schedule: '0 6 * * *' },
      { name: 'rag', schedule: '*/30 * * * *' },
      { name: 'unscheduled', schedule: null },
    ]);
    expect([...first.keys()]).toEqual([long, 'rag']);
    for (const name of first.values()) expect(name).toMatch(/^litmus_refresh_\w{1,35}$/);
    expect(topicQueueName(long)).not.toBe(topicQueueName(`${long}!`));
    const byName = new Map((await queue.schedules()).map((s) => [s.name, s]));
    expect(byName.get(topicQueueName(long))).toMatchObject({ cron: '0 6 * * *', data: { topic: long } });
    await syncTopicSchedules(queue, [{ name: 'rag', schedule: '0 * * * *' }]);
    const after = await queue.schedules();
    expect(after.map((s) => [s.name, s.cron])).toEqual([[topicQueueName('rag'), '0 * * * *']]);
  });

  it('refuses a topic schedule croner cannot read, naming it', async () => {
    const queue = await open(freshUrl(), 'coordinator');
    await expect(syncTopicSchedules(queue, [{ name: 'rag', schedule: 'every day' }])).rejects.toThrow(/every day/);
  });
});
