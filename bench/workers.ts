/**
 * Workers on Postgres against the single-process SQLite figure: the same report (five real PDFs from a
 * loopback arXiv with no spacing, so parsing and verification are what is measured), run by one
 * `litmus report` on SQLite, then on Postgres with 1 and 2 `litmus worker` processes taking its
 * per-paper jobs. Ingest pages/s is the pages of the included papers over the retrieve stage's time;
 * verified claims/s is the report's claims over the assess stage's (extract, verify, cross-check).
 * The server is LITMUS_BENCH_DATABASE_URL, or Debian's postgresql kept in .tmp/bench/postgres.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBuildFresh } from '../bin/build-stamp.js';
import { buildDist } from '../scripts/build.ts';
import { openStore } from '../src/store/open-store.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { standInEnv, startReportStandIn } from '../test/support/report-stand-in.ts';
import { makeTempDir } from '../test/support/temp-dir.ts';
import { cleanEnv } from '../test/support/workspace.ts';
import { benchDir, litmusBin, processCostAsync, ratio, repoRoot, round } from './measure.ts';

const QUESTION = 'How can AI reading and writing support tools help researchers read scientific papers?';
const MAX_PAPERS = '5';

interface Figures {
  pages: number;
  claims: number;
  retrieve_s: number;
  assess_s: number;
  wall_s: number;
  pages_per_s: number;
  claims_per_s: number;
}

async function pagesOf(databaseUrl: string, paperIds: string[]): Promise<number> {
  const store = await openStore(databaseUrl, { readonly: true });
  try {
    let pages = 0;
    for (const id of paperIds) {
      const document = await store.documents.latest(id);
      if (document) pages += (await store.documents.counts(document.id)).pages ?? 0;
    }
    return pages;
  } finally {
    await store.close();
  }
}

async function runReport(env: NodeJS.ProcessEnv, out: string, databaseUrl: string): Promise<Figures> {
  const cost = await processCostAsync(
    process.execPath,
    [litmusBin, 'report', QUESTION, '--max-papers', MAX_PAPERS, '--out', out],
    env,
  );
  if (cost.code !== 0) throw new Error(`litmus report exited ${cost.code}: ${cost.stderr.slice(-400)}`);
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { timings_ms: Record<string, number> };
  const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    papers: { id: string }[];
    claims: unknown[];
  };
  const pages = await pagesOf(
    databaseUrl,
    model.papers.map((p) => p.id),
  );
  const retrieveS = (run.timings_ms.retrieve ?? 0) / 1000;
  const assessS = (run.timings_ms.assess ?? 0) / 1000;
  return {
    pages,
    claims: model.claims.length,
    retrieve_s: round(retrieveS),
    assess_s: round(assessS),
    wall_s: cost.wallS,
    pages_per_s: round(pages / retrieveS),
    claims_per_s: round(model.claims.length / assessS),
  };
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [litmusBin, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      if (log.includes('litmus worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`litmus worker exited ${code}: ${log.slice(-400)}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function benchWorkers(): Promise<Record<string, unknown>> {
  if (!isBuildFresh(repoRoot)) await buildDist();
  const server = process.env.LITMUS_BENCH_DATABASE_URL
    ? { url: process.env.LITMUS_BENCH_DATABASE_URL, stop: async () => {} }
    : await startPostgresCluster({ keepIn: join(benchDir(), 'postgres') });
  const { dir, cleanup } = makeTempDir('litmus-bench-workers-');
  try {
    const figures: Record<string, Figures> = {};
    {
      const standIn = await startReportStandIn(QUESTION);
      try {
        const local = standInEnv(standIn.arxiv, dir);
        const env = { ...cleanEnv(), ...local, LITMUS_ARXIV_DELAY_MS: '0' } as NodeJS.ProcessEnv;
        figures.sqlite = await runReport(env, join(dir, 'sqlite'), local.LITMUS_DB!);
      } finally {
        await standIn.close();
      }
    }
    for (const count of [1, 2]) {
      const standIn = await startReportStandIn(QUESTION);
      const schema = `bench_workers_${count}_${Date.now().toString(36)}`;
      const url = `${server.url}${server.url.includes('?') ? '&' : '?'}schema=${schema}`;
      const { LITMUS_DB: _sqlite, ...standInRest } = standInEnv(standIn.arxiv, dir);
      const env = {
        ...cleanEnv(),
        ...standInRest,
        LITMUS_ARXIV_DELAY_MS: '0',
        LITMUS_DATABASE_URL: url,
      } as NodeJS.ProcessEnv;
      const workers: ChildProcess[] = [];
      try {
        for (let i = 0; i < count; i++) workers.push(await startWorker(env));
        figures[`postgres_${count}_worker${count > 1 ? 's' : ''}`] = await runReport(env, join(dir, schema), url);
      } finally {
        await Promise.all(workers.map(stopWorker));
        await standIn.close();
      }
    }
    const sqlite = figures.sqlite!;
    const one = figures.postgres_1_worker!;
    const two = figures.postgres_2_workers!;
    return {
      ...figures,
      ingest_pages_per_s_1_worker_vs_sqlite: ratio(one.pages_per_s, sqlite.pages_per_s),
      ingest_pages_per_s_2_workers_vs_sqlite: ratio(two.pages_per_s, sqlite.pages_per_s),
      verified_claims_per_s_1_worker_vs_sqlite: ratio(one.claims_per_s, sqlite.claims_per_s),
      verified_claims_per_s_2_workers_vs_sqlite: ratio(two.claims_per_s, sqlite.claims_per_s),
      two_workers_vs_one_wall: ratio(two.wall_s, one.wall_s),
    };
  } finally {
    cleanup();
    await server.stop();
  }
}
