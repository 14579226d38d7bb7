import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { type CliResult, makeTempDir, runLitmus, spawnLitmus } from '../support/workspace.ts';

/**
 * Two `litmus worker` processes against one Postgres run a report whose coordinator enqueues per-paper
 * jobs; the first worker to start a job is SIGKILLed in the middle of it. The report must equal the
 * single-process SQLite report (times and run ids aside): evidence is ranked in application code
 * (pipeline/evidence-index.ts), so neither the backend's search nor which worker stored what first
 * shows in it. The loopback arXiv must never see two requests closer than the configured spacing; no
 * row may be written twice.
 */
const question = 'How can AI reading and writing support tools help researchers read scientific papers?';
const SPACING_MS = 250;
const base = inject('postgresUrl');
const schema = `workers_${process.pid}_${Date.now().toString(36)}`;
const databaseUrl = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;

interface Worker {
  child: ChildProcess;
  done: Promise<CliResult>;
  log: () => string;
}

function startWorker(env: Record<string, string>): Worker {
  const { child, done } = spawnLitmus(['worker'], { env });
  let log = '';
  child.stderr!.on('data', (chunk) => (log += chunk));
  return { child, done, log: () => log };
}

async function until(condition: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The report without what differs between any two runs: times, the run's id, where it was written. */
function comparable(model: ReportModel): unknown {
  return JSON.parse(
    JSON.stringify(model, (key, value) =>
      /(^|_)(at|run_id|timings_ms|duration_ms|out_dir)$/.test(key) ? undefined : value,
    ),
  );
}

describe('2 workers on Postgres, one killed mid-run', () => {
  let sqliteStandIn: ReportStandIn;
  let postgresStandIn: ReportStandIn;
  let dir: string;
  let cleanup: () => void;
  const workers: Worker[] = [];

  beforeAll(async () => {
    sqliteStandIn = await startReportStandIn(question);
    postgresStandIn = await startReportStandIn(question);
    ({ dir, cleanup } = makeTempDir());
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all([sqliteStandIn?.close(), postgresStandIn?.close()]);
    cleanup?.();
  });

  it('gives the single-process SQLite report, keeps arXiv spacing, retries the killed job and duplicates no row', {
    timeout: 480_000,
  }, async () => {
    const sqliteOut = join(dir, 'sqlite-report');
    const single = await runLitmus(['--json', '--quiet', 'report', question, '--max-papers', '3', '--out', sqliteOut], {
      ...standInEnv(sqliteStandIn.arxiv, join(dir)),
    });
    expect(single.stderr).toBe('');
    expect(single.code).toBe(0);

    const { LITMUS_DB: _sqlite, ...standIn } = standInEnv(postgresStandIn.arxiv, dir);
    // A killed worker may hold the arXiv slot: its lease (request timeout + 5 s) keeps the others waiting.
    writeFileSync(standIn.LITMUS_CONFIG!, JSON.stringify({ arxiv: { timeoutMs: 5_000 } }));
    const env = {
      ...standIn,
      LITMUS_DATABASE_URL: databaseUrl,
      LITMUS_ARXIV_DELAY_MS: String(SPACING_MS),
      // A job whose worker died is handed on after this (the default suits real papers: 15 min).
      LITMUS_JOB_EXPIRE_SECONDS: '4',
      // pg-boss also fails an attempt that outlives the expiry; on a loaded machine a paper takes
      // longer than 4 s, so its later attempts wait on the job lock and one of them reports it done.
      LITMUS_JOB_RETRIES: '40',
    };
    workers.push(startWorker(env), startWorker(env));
    await until(
      () => workers.every((w) => w.log().includes('litmus worker started')),
      () => `both workers to start (logs: ${workers.map((w) => w.log()).join(' | ')})`,
    );

    // The first worker to start a job dies in the middle of it, without a chance to say anything.
    let killed: Worker | undefined;
    const killer = until(
      () => workers.some((w) => /\bstart (ingest|extract|verify) /.test(w.log())),
      () => 'a job',
    ).then(() => {
      killed = workers.find((w) => /\bstart (ingest|extract|verify) /.test(w.log()))!;
      killed.child.kill('SIGKILL');
    });
    const postgresOut = join(dir, 'postgres-report');
    // The coordinator is a process of its own, as on a team's machine (its env sets the jobs' expiry).
    const coordinator = spawnLitmus(
      ['--json', '--quiet', 'report', question, '--max-papers', '3', '--out', postgresOut],
      { env },
    ).done;
    const distributed = await coordinator;
    await killer;
    const survivor = workers.find((w) => w !== killed)!;
    survivor.child.kill('SIGTERM');
    const stopped = await survivor.done;
    expect(distributed.stderr).toBe('');
    expect(distributed.code).toBe(0);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect((await killed!.done).code).not.toBe(0);

    const read = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    const [sqliteReport, postgresReport] = [read(sqliteOut), read(postgresOut)];
    expect(postgresReport.claims.length).toBeGreaterThan(0);
    expect(postgresReport.claims.some((c) => c.evidence.length > 0)).toBe(true);
    // Everything else equal: papers, counts, claims in order, verdicts, confidences, evidence, answer.
    expect(comparable(postgresReport)).toEqual(comparable(sqliteReport));

    // Politeness held across both workers and the coordinator: one request at a time, spaced.
    const times = postgresStandIn.arxiv.requests.map((r) => r.time).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(3);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SPACING_MS - 10);

    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      const count = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[];
      expect(await count(`SELECT paper_id FROM ${schema}.documents GROUP BY paper_id HAVING count(*) > 1`)).toEqual([]);
      expect(
        await count(`SELECT paper_id, text FROM ${schema}.claims GROUP BY paper_id, engine, text HAVING count(*) > 1`),
      ).toEqual([]);
      expect(
        await count(
          `SELECT claim_id FROM ${schema}.verdicts GROUP BY claim_id, engine, evidence_key HAVING count(*) > 1`,
        ),
      ).toEqual([]);
      expect(
        await count(`SELECT document_id FROM ${schema}.passages GROUP BY document_id, ordinal HAVING count(*) > 1`),
      ).toEqual([]);
      // The kill landed mid-job: that job was taken again (by the survivor) and completed.
      const retried = await count(
        `SELECT name FROM ${schema}_jobs.job WHERE retry_count > 0 AND state = 'completed'
         UNION ALL SELECT name FROM ${schema}_jobs.archive WHERE retry_count > 0 AND state = 'completed'`,
      );
      expect(retried.length).toBeGreaterThanOrEqual(1);
    } finally {
      await client.end();
    }
  });
});
