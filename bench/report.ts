/**
 * A report end to end through the built CLI against a loopback arXiv stand-in (real PDFs): cold (empty
 * database: search, fetch, ingest, claims, verification) and warm (the same report again: everything
 * cached). Each run's overhead is its wall time minus the stage timings it recorded in run.json —
 * start-up, module loading and exit, what the stages themselves do not account for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBuildFresh } from '../bin/build-stamp.js';
import { buildDist } from '../scripts/build.ts';
import { standInEnv, startReportStandIn } from '../test/support/report-stand-in.ts';
import { makeTempDir } from '../test/support/temp-dir.ts';
import { cleanEnv } from '../test/support/workspace.ts';
import { litmusBin, processCostAsync, ratio, repoRoot, round } from './measure.ts';

const QUESTION = 'How can AI reading and writing support tools help researchers read scientific papers?';

export async function benchReport(warmRuns = 3): Promise<Record<string, unknown>> {
  if (!isBuildFresh(repoRoot)) await buildDist();
  const standIn = await startReportStandIn(QUESTION);
  const { dir, cleanup } = makeTempDir('litmus-bench-report-');
  try {
    const env = { ...cleanEnv(), ...standInEnv(standIn.arxiv, dir) } as NodeJS.ProcessEnv;
    const out = join(dir, 'report');
    const run = async () => {
      const cost = await processCostAsync(
        process.execPath,
        [litmusBin, 'report', QUESTION, '--max-papers', '5', '--out', out],
        env,
      );
      if (cost.code !== 0) throw new Error(`litmus report exited ${cost.code}: ${cost.stderr.slice(-400)}`);
      const runJson = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
        timings_ms?: Record<string, number>;
      };
      const stagesS = Object.values(runJson.timings_ms ?? {}).reduce((sum, ms) => sum + ms, 0) / 1000;
      return { ...cost, stagesS, overheadS: round(cost.wallS - stagesS) };
    };
    const cold = await run();
    const warm = [];
    for (let i = 0; i < warmRuns; i++) warm.push(await run());
    warm.sort((a, b) => a.wallS - b.wallS);
    const median = warm[warm.length >> 1]!;
    return {
      cold_wall_s: cold.wallS,
      cold_stages_s: round(cold.stagesS),
      cold_overhead_s: cold.overheadS,
      cold_peak_mib: cold.peakMiB,
      warm_wall_s: median.wallS,
      warm_stages_s: round(median.stagesS),
      warm_overhead_s: median.overheadS,
      warm_peak_mib: median.peakMiB,
      warm_vs_cold_wall: ratio(median.wallS, cold.wallS),
      http_delay_ms: Number(env.LITMUS_ARXIV_DELAY_MS),
    };
  } finally {
    await standIn.close();
    cleanup();
  }
}
