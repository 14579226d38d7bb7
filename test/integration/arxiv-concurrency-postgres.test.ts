import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { type ArxivStandIn, startArxivStandIn } from '../support/arxiv-stand-in.ts';
import { repoRoot } from '../support/shared-data.ts';

/**
 * arxiv-concurrency.test.ts on Postgres: two litmus processes whose only link is one Postgres schema
 * (as two machines would be) search a loopback arXiv through the polite fetch; its arrivals never come
 * closer than the spacing.
 */
const run = promisify(execFile);
const DELAY_MS = 300;
const PER_PROCESS = 4;
// Server-side arrival times can differ from the clients' send times by a few ms of loopback latency.
const JITTER_MS = 15;

let arxiv: ArxivStandIn;
beforeAll(async () => {
  arxiv = await startArxivStandIn();
});
afterAll(async () => {
  await arxiv.close();
});

describe('rate limit across processes on Postgres', () => {
  it('two litmus processes on one Postgres never send arXiv requests closer than the delay', async () => {
    const base = inject('postgresUrl');
    const db = `${base}${base.includes('?') ? '&' : '?'}schema=arxiv_concurrency_${process.pid}`;
    await (await openStore(db)).close(); // migrate once, so the workers start on an equal footing
    const worker = join(repoRoot, 'test/support/arxiv-concurrency-worker.ts');
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const startAt = String(Date.now() + 5000);
    const spawn = (label: string) =>
      run(tsx, [worker, db, arxiv.endpoints.api, String(DELAY_MS), String(PER_PROCESS), label, startAt], {
        cwd: repoRoot,
        env: { ...process.env, LITMUS_CONFIG: '' },
      });
    const outputs = await Promise.all([spawn('alpha'), spawn('beta')]);
    const reports = outputs.map((o) => JSON.parse(o.stdout.trim()) as { label: string; requests: number });
    expect(reports).toEqual([
      { label: 'alpha', requests: PER_PROCESS },
      { label: 'beta', requests: PER_PROCESS },
    ]);
    const times = arxiv
      .requestsTo('api')
      .map((r) => r.time)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(2 * PER_PROCESS);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DELAY_MS - JITTER_MS);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((2 * PER_PROCESS - 1) * (DELAY_MS - JITTER_MS));
  });
});
