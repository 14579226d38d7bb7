/**
 * Start-up, side by side: `litmus --help` and `litmus papers` (empty database) from the build in
 * dist/, against `node -e 0` and against the same commands run from the TypeScript sources through
 * tsx (what every command cost before the build). Medians of interleaved runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildFresh } from '../bin/build-stamp.js';
import { buildDist } from '../scripts/build.ts';
import { litmusBin, medianCost, type ProcessCost, ratio, repoRoot } from './measure.ts';

export async function benchStartup(
  runs = Number(process.env.LITMUS_BENCH_RUNS ?? 7),
): Promise<Record<string, unknown>> {
  const build = performance.now();
  if (!isBuildFresh(repoRoot)) await buildDist();
  const buildS = (performance.now() - build) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'litmus-bench-startup-'));
  const db = join(dir, 'empty.db');
  const node = process.execPath;
  const fromSource = { ...process.env, LITMUS_FROM_SOURCE: '1' };
  try {
    const figures: Record<string, ProcessCost> = {};
    // Interleave: one run of each in turn, so load on the machine hits all alike.
    const cases: [string, string[], NodeJS.ProcessEnv?][] = [
      ['node_e0', ['-e', '0']],
      ['help', [litmusBin, '--help']],
      ['papers_empty', [litmusBin, '--db', db, 'papers']],
      ['help_tsx', [litmusBin, '--help'], fromSource],
      ['papers_empty_tsx', [litmusBin, '--db', db, 'papers'], fromSource],
    ];
    const samples = new Map<string, ProcessCost[]>(cases.map(([name]) => [name, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name, args, env] of cases) samples.get(name)!.push(medianCost(node, args, 1, env));
    }
    for (const [name, costs] of samples) {
      const median = (pick: (c: ProcessCost) => number) => costs.map(pick).sort((a, b) => a - b)[costs.length >> 1]!;
      figures[name] = {
        wallS: median((c) => c.wallS),
        cpuS: median((c) => c.cpuS),
        peakMiB: median((c) => c.peakMiB),
        code: 0,
      };
    }
    const f = (name: string) => figures[name]!;
    return {
      runs,
      dist_build_s: Number(buildS.toFixed(2)),
      node_e0_wall_s: f('node_e0').wallS,
      node_e0_peak_mib: f('node_e0').peakMiB,
      help_wall_s: f('help').wallS,
      help_cpu_s: f('help').cpuS,
      help_peak_mib: f('help').peakMiB,
      help_vs_node_e0_wall: ratio(f('help').wallS, f('node_e0').wallS),
      papers_empty_wall_s: f('papers_empty').wallS,
      papers_empty_peak_mib: f('papers_empty').peakMiB,
      papers_vs_node_e0_wall: ratio(f('papers_empty').wallS, f('node_e0').wallS),
      help_tsx_wall_s: f('help_tsx').wallS,
      help_tsx_peak_mib: f('help_tsx').peakMiB,
      help_dist_vs_tsx_wall: ratio(f('help').wallS, f('help_tsx').wallS),
      help_dist_vs_tsx_cpu: ratio(f('help').cpuS, f('help_tsx').cpuS),
      papers_tsx_wall_s: f('papers_empty_tsx').wallS,
      papers_dist_vs_tsx_wall: ratio(f('papers_empty').wallS, f('papers_empty_tsx').wallS),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
