import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/create-app.ts';
import { JobRunner } from '../../src/serve/jobs.ts';
import type { ServeContext } from '../../src/serve/serve-context.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import { standInConfig } from '../support/arxiv-stand-in.ts';
import { makeTempDir } from '../support/temp-dir.ts';

/** Runs as child `litmus` processes: progress lines, the end event over SSE, cancel by signal. */
describe('serve: runs as child processes', () => {
  const temp = makeTempDir('litmus-serve-jobs-');
  const db = join(temp.dir, 'litmus.db');
  let store: SqliteTestStore;
  let jobs: JobRunner;
  let app: ReturnType<typeof createApp>;

  beforeAll(() => {
    store = openSqliteStore(db);
    jobs = new JobRunner({ globalArgs: ['--db', db], maxConcurrent: 1 });
    const ctx: ServeContext = {
      store,
      config: standInConfig({ db }),
      reportsRoot: join(temp.dir, 'reports'),
      uploadsDir: join(temp.dir, 'uploads'),
      maxUploadBytes: 1000,
      jobs,
      litmusVersion: 'test',
    };
    app = createApp(ctx, { token: 'token-for-tests', loopbackOnly: true });
  });
  afterAll(async () => {
    await jobs.stopAll();
    await store.close();
    temp.cleanup();
  });

  const finished = (id: string) =>
    new Promise<void>((resolve) => {
      const stop = jobs.subscribe(id, 0, (event) => {
        if (event.type === 'done') {
          queueMicrotask(() => stop());
          resolve();
        }
      });
    });

  it('streams a run’s log lines and its end as Server-Sent Events, also to a client that connects late', async () => {
    // `papers` on an empty database prints its (empty) result and exits 0.
    const job = jobs.start({ kind: 'report', title: 'list papers', folder: 'x', args: ['papers'] });
    const response = await app.request(`http://127.0.0.1:8537/jobs/${job.id}/events`, {
      headers: { host: '127.0.0.1:8537' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = await response.text();
    expect(body).toContain('event: progress\ndata: started litmus report');
    expect(body).toMatch(/event: done\ndata: \{"status":"ok"/);
    expect(jobs.get(job.id)?.status).toBe('ok');
    const late = await app.request(`http://127.0.0.1:8537/jobs/${job.id}/events`, {
      headers: { host: '127.0.0.1:8537', 'last-event-id': '1' },
    });
    const replay = await late.text();
    expect(replay).not.toContain('started litmus report');
    expect(replay).toContain('event: done');
  });

  it('records a failing run as failed with its error line, and refuses more runs than allowed', async () => {
    const job = jobs.start({ kind: 'report', title: 'bad', folder: 'y', args: ['show', 'local:none'] });
    expect(() => jobs.start({ kind: 'report', title: 'second', folder: 'z', args: ['papers'] })).toThrow(
      /already going/,
    );
    await finished(job.id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('local:none');
  });

  it('cancels a running child with a signal', async () => {
    const job = jobs.start({ kind: 'report', title: 'long', folder: 'w', args: ['serve', '--port', '0'] });
    while (!job.events.some((e) => e.data.includes('started litmus'))) await new Promise((r) => setTimeout(r, 50));
    const done = finished(job.id);
    expect(jobs.cancel(job.id)).toBe(true);
    await done;
    expect(job.status).toBe('cancelled');
    expect(jobs.running()).toBe(0);
    expect(jobs.cancel(job.id)).toBe(false);
  });
});
