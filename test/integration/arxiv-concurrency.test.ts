import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { type ArxivStandIn, startArxivStandIn } from '../support/arxiv-stand-in.ts';
import { repoRoot } from '../support/shared-data.ts';

const run = promisify(execFile);
const DELAY_MS = 300;
const PER_PROCESS = 4;
// Server-side arrival times can differ from the clients' send times by a few ms of loopback latency.
const JITTER_MS = 15;

let arxiv: ArxivStandIn;
let dir: string;

beforeAll(async () => {
  arxiv = await startArxivStandIn();
  dir = mkdtempSync(join(tmpdir(), 'litmus-arxiv-concurrency-'));
});
afterAll(async () => {
  await arxiv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rate limit across processes', () => {
  it('two litmus processes on one database never send arXiv requests closer than the delay', async () => {
    const db = join(dir, 'litmus.db');
    openSqliteStore(db).close(); // migrate once, so the workers start on an equal footing
    const worker = join(repoRoot, 'test/support/arxiv-concurrency-worker.ts');
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const startAt = String(Date.now() + 6000);
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

    const requests = arxiv.requestsTo('api');
    expect(requests).toHaveLength(2 * PER_PROCESS);
    const times = requests.map((r) => r.time).sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DELAY_MS - JITTER_MS);
    // Both started together (a shared start time), so without the shared limiter the first requests
    // of the two would arrive within milliseconds of each other.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((2 * PER_PROCESS - 1) * (DELAY_MS - JITTER_MS));
    for (const request of requests) expect(request.headers['user-agent']).toMatch(/^litmus\//);
  });
});
