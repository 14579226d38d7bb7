import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { runCheckJob } from '../../src/pipeline/jobs/audit-jobs.ts';
import { type JobQueue, openJobQueue } from '../../src/pipeline/jobs/job-queue.ts';
import { type PaperJobDeps, runIngestJob } from '../../src/pipeline/jobs/paper-jobs.ts';
import { createWorkspace } from '../../src/pipeline/workspace.ts';
import type { AuditJson } from '../../src/report/audit/audit-json.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { normaliseSearchQuery } from '../../src/sources/arxiv/query-builder.ts';
import { type ArxivStandIn, atomEntry, atomFeed, atomReply, startArxivStandIn } from '../support/arxiv-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';
import { type CliResult, makeTempDir, runLitmus, spawnLitmus } from '../support/workspace.ts';
import { expositoryWritingReport } from '../fixtures/audit/expository-writing-report.ts';

/**
 * `litmus audit` on Postgres: the cited arXiv paper is fetched by an ingest job, the DOI reference is
 * looked up by a resolve job and each claim is checked by a check job, all run by a `litmus worker`;
 * the audit equals the one the same store gives in one process. A second audit reuses the finished
 * jobs (no new fetch, no new check). A job that fails after its retries never leaves the run ok: a
 * failed check fails it, a failed look-up makes it partial.
 */
const document = expositoryWritingReport;

const base = inject('postgresUrl');
const schema = `audit_${process.pid}_${Date.now().toString(36)}`;
const urlOf = (name: string) => `${base}${base.includes('?') ? '&' : '?'}schema=${name}`;

/** The audit without what differs between any two runs: when it was generated. */
const comparable = (audit: AuditJson) => ({ ...audit, generated_at: undefined });
const readAudit = (out: string) => JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;

async function until(condition: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('litmus audit with workers on Postgres', () => {
  let arxiv: ArxivStandIn;
  let dir: string;
  let cleanup: () => void;
  let config: string;
  let documentPath: string;
  const client = new pg.Client({ connectionString: base });
  const stops: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    arxiv = await startArxivStandIn();
    ({ dir, cleanup } = makeTempDir());
    arxiv.entries.set(
      '2304.02623v1',
      atomEntry({
        id: '2304.02623v1',
        title: 'Beyond Summarization: Designing AI Support for Real-World Expository Writing Tasks',
      }),
    );
    arxiv.pdf.set('2304.02623v1', {
      headers: { 'content-type': 'application/pdf' },
      body: readFileSync(sharedData('pdfs', '2304.02623v1.pdf')),
    });
    config = join(dir, 'litmus.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        arxiv: { ...arxiv.endpoints, delayMs: 10, maxRetries: 0 },
        semanticScholar: { api: `${arxiv.url}/s2/graph/v1`, delayMs: 10 },
      }),
    );
    documentPath = join(dir, 'writing-report.md');
    writeFileSync(documentPath, document);
    await client.connect();
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await client.end();
    await arxiv?.close();
    cleanup?.();
  });

  const envFor = (url: string, extra: Record<string, string> = {}) => ({
    LITMUS_CONFIG: config,
    LITMUS_DATABASE_URL: url,
    ...extra,
  });
  /** A `litmus worker` process on that store; returns its log so far. */
  const startWorker = async (env: Record<string, string>): Promise<() => string> => {
    const worker = spawnLitmus(['worker'], { env });
    let log = '';
    worker.child.stderr!.on('data', (chunk) => (log += chunk));
    stops.push(async () => {
      worker.child.kill('SIGTERM');
      await worker.done;
    });
    await until(
      () => log.includes('litmus worker started'),
      () => `the worker to start (log: ${log})`,
    );
    return () => log;
  };
  const audit = async (env: Record<string, string>, out: string, ...more: string[]): Promise<CliResult> =>
    runLitmus(['--json', 'audit', documentPath, '--out', out, ...more], env);
  const jobCount = async (jobsSchema: string, queue: string) =>
    Number(
      (
        await client.query(
          `SELECT (SELECT count(*) FROM ${jobsSchema}.job WHERE name = $1)
                + (SELECT count(*) FROM ${jobsSchema}.archive WHERE name = $1) AS n`,
          [queue],
        )
      ).rows[0].n,
    );

  // Six CLI runs and a worker, each loading the stages: on a loaded 2-core machine this outgrows the default 60 s.
  it('hands fetch, look-up and claim checks to a worker, gives the one-process audit, and reuses finished jobs', {
    timeout: 240_000,
  }, async () => {
    const env = envFor(urlOf(schema));
    const log = await startWorker(env);

    const first = await audit(env, join(dir, 'distributed'));
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { status: string; run_id: number; claims: number };
    expect(summary).toMatchObject({ status: 'ok', claims: 2 });
    // Every piece of per-paper and per-claim work ran in the worker.
    expect(log()).toMatch(/done ingest 2304\.02623v1 /);
    expect(log()).toMatch(/done resolve 2 /);
    expect(log()).toMatch(/done check claim 1 /);
    expect(log()).toMatch(/done check claim 2 /);
    const distributed = readAudit(join(dir, 'distributed'));
    expect(distributed.references[0]).toMatchObject({ paper_id: 'arxiv:2304.02623v1', resolved_by: 'arxiv' });
    expect(distributed.claims[0]).toMatchObject({ verdict: 'SUPPORTED', status: 'upheld' });
    expect(distributed.references[1]).toMatchObject({ paper_id: null });
    expect(distributed.references[1]!.error).toMatch(/Semantic Scholar has no paper/);
    const run = JSON.parse((await runLitmus(['--json', 'run', String(summary.run_id)], env)).stdout);
    expect(run).toMatchObject({ command: 'audit', status: 'ok' });

    // The same audit by one process on Postgres (a schema of its own): what the worker must reproduce.
    const single = await audit(envFor(urlOf(`${schema}_single`), { LITMUS_JOBS: 'in-process' }), join(dir, 'single'));
    expect(single.code, single.stderr).toBe(0);
    expect(comparable(distributed)).toEqual(comparable(readAudit(join(dir, 'single'))));

    // Again: the finished ingest and check jobs are reused (keyed by paper version, claim and papers).
    const pdfs = arxiv.requestsTo('pdf').length;
    const checks = await jobCount(`${schema}_jobs`, 'litmus_check');
    const started = (log().match(/ start check /g) ?? []).length;
    const second = await audit(env, join(dir, 'again'));
    expect(second.code, second.stderr).toBe(0);
    expect(comparable(readAudit(join(dir, 'again')))).toEqual(comparable(distributed));
    expect(arxiv.requestsTo('pdf').length).toBe(pdfs);
    expect(await jobCount(`${schema}_jobs`, 'litmus_check')).toBe(checks);
    expect((log().match(/ start check /g) ?? []).length).toBe(started);

    // Detached: the run id at once, the background audit coordinated through the same jobs, followed to its end.
    const detached = await spawnLitmus(['--json', 'audit', documentPath, '--out', join(dir, 'detached'), '--detach'], {
      env,
    }).done;
    expect(detached.code, detached.stderr).toBe(0);
    const { run_id: runId } = JSON.parse(detached.stdout) as { run_id: number };
    const followed = await spawnLitmus(['--json', 'run', String(runId), '--follow', '--interval', '1'], { env }).done;
    expect(followed.code, followed.stderr).toBe(0);
    expect(JSON.parse(followed.stdout)).toMatchObject({ id: runId, command: 'audit', status: 'ok' });
    expect(comparable(readAudit(join(dir, 'detached')))).toEqual(comparable(distributed));
  });

  it('fails the run when a check job fails after its retries, and makes it partial when a look-up job does', {
    timeout: 120_000,
  }, async () => {
    // A worker of this test's own whose look-ups crash, and whose claim checks crash until told not to.
    const url = urlOf(`${schema}_failing`);
    const env = envFor(url, { LITMUS_JOB_RETRIES: '0' });
    const workerConfig = loadConfig({ env, file: config });
    const store: Store = await openStore(url);
    const workspace = createWorkspace({ config: workerConfig, store });
    const deps: PaperJobDeps = {
      store,
      config: workerConfig,
      http: workspace.http,
      engines: workspace.engines,
      warn: () => {},
    };
    const queue: JobQueue = await openJobQueue(url, { role: 'worker', retryLimit: 0 });
    stops.push(
      () => store.close(),
      () => queue.close(5_000),
    );
    let checksCrash = true;
    await queue.work('ingest', 1, (data) => runIngestJob(data as never, deps));
    await queue.work('resolve', 1, async () => {
      throw new Error('Semantic Scholar client crashed');
    });
    await queue.work('check', 1, async (data) => {
      if (checksCrash) throw new Error('verifier crashed');
      return runCheckJob(data as never, deps);
    });

    const out = join(dir, 'failing');
    const failed = await audit(env, out);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('check job for claim 1 failed: verifier crashed');
    const [failedRun] = JSON.parse((await runLitmus(['--json', 'runs', '--limit', '1'], env)).stdout);
    expect(failedRun).toMatchObject({ command: 'audit', status: 'failed' });
    expect(failedRun.summary.error).toContain('verifier crashed');

    // Resumed at verify with working checks: the audit is written, but the failed look-up keeps it partial.
    checksCrash = false;
    const partial = await audit(env, out, '--from', 'verify');
    expect(partial.code, partial.stderr).toBe(1);
    const summary = JSON.parse(partial.stdout) as { status: string; run_id: number };
    expect(summary.status).toBe('partial');
    const written = readAudit(out);
    expect(written.claims[0]).toMatchObject({ verdict: 'SUPPORTED' });
    expect(written.references[1]!.error).toContain(
      'resolve job for reference [2] failed: Semantic Scholar client crashed',
    );
    const run = JSON.parse((await runLitmus(['--json', 'run', String(summary.run_id)], env)).stdout);
    expect(run).toMatchObject({ command: 'audit', status: 'partial' });
    expect(run.summary.failures).toEqual([expect.stringContaining('Semantic Scholar client crashed')]);
  });

  it('add: --arxiv-query results and ids are ingest jobs, --detach is followed, a missing paper is asked again', {
    timeout: 180_000,
  }, async () => {
    const env = envFor(urlOf(`${schema}_add`));
    const log = await startWorker(env);
    const query = 'all:expository';
    arxiv.atom.set(
      `search:${normaliseSearchQuery(query)}`,
      atomReply(atomFeed([arxiv.entries.get('2304.02623v1')!], { total: 1 })),
    );
    const detached = await spawnLitmus(['--json', 'add', '--arxiv-query', query, '--max', '1', '--detach'], { env })
      .done;
    expect(detached.code, detached.stderr).toBe(0);
    const { run_id: runId } = JSON.parse(detached.stdout) as { run_id: number };
    const followed = await spawnLitmus(['--json', 'run', String(runId), '--follow', '--interval', '1'], { env }).done;
    expect(followed.code, followed.stderr).toBe(0);
    expect(JSON.parse(followed.stdout)).toMatchObject({
      command: 'add',
      args: ['--arxiv-query', query],
      status: 'ok',
      summary: { added: 1, failed: 0 },
    });
    expect(log()).toMatch(/done ingest 2304\.02623v1 /);

    // One id arXiv does not have: the run is partial; the stored one is answered from the store.
    const added = await runLitmus(['--json', 'add', 'arxiv:2304.99999v1', 'arxiv:2304.02623v1'], env);
    expect(added.code).toBe(1);
    expect((JSON.parse(added.stdout) as { status: string }[]).map((r) => r.status)).toEqual(['failed', 'unchanged']);
    const [run] = JSON.parse((await runLitmus(['--json', 'runs', '--limit', '1'], env)).stdout);
    expect(run).toMatchObject({ command: 'add', status: 'partial', summary: { unchanged: 1, failed: 1 } });
    expect(run.summary.failures).toEqual([expect.stringContaining('arXiv has no paper 2304.99999v1')]);
    // A miss is not kept as the answer: the next add runs the job again (arXiv's reply may be cached).
    const runs = () => (log().match(/ start ingest 2304\.99999v1 /g) ?? []).length;
    const before = runs();
    expect((await runLitmus(['--json', 'add', 'arxiv:2304.99999v1'], env)).code).toBe(1);
    expect(runs()).toBe(before + 1);
  });
});
