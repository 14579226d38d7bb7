import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, spawnLitmus } from '../support/workspace.ts';

/**
 * `litmus report --detach` returns at once with a run id; the report runs in a background process
 * and `litmus run <id> --follow` waits for it and shows how it ended.
 */
const question = 'How can AI reading and writing support tools help researchers read scientific papers?';

describe('litmus report --detach', () => {
  let standIn: ReportStandIn;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    standIn = await startReportStandIn(question);
    ({ dir, cleanup } = makeTempDir());
  });
  afterAll(async () => {
    await standIn.close();
    cleanup();
  });

  it('prints a run id at once, and the run it names ends with the report written', async () => {
    const env = standInEnv(standIn.arxiv, dir);
    const out = join(dir, 'report');
    const detached = await spawnLitmus(['--json', 'report', question, '--max-papers', '2', '--out', out, '--detach'], {
      env,
    }).done;
    expect(detached.code, detached.stderr).toBe(0);
    const { run_id: runId, status } = JSON.parse(detached.stdout) as { run_id: number; status: string };
    expect(status).toBe('running');
    expect(existsSync(join(out, 'report.json'))).toBe(false);

    const followed = await spawnLitmus(['--json', 'run', String(runId), '--follow', '--interval', '1'], { env }).done;
    expect(followed.code, followed.stderr).toBe(0);
    const run = JSON.parse(followed.stdout) as {
      id: number;
      command: string;
      status: string;
      summary: { outDir: string };
    };
    expect(run).toMatchObject({ id: runId, command: 'report', status: 'ok' });
    expect(run.summary.outDir).toBe(out);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  });
});
