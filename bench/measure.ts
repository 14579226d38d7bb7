import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
export const litmusBin = join(repoRoot, 'bin', 'litmus.js');

/** Where benchmarks keep what is slow to rebuild (generated databases); gitignored. */
export function benchDir(): string {
  return process.env.LITMUS_BENCH_DIR ?? join(repoRoot, '.tmp', 'bench');
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** `ours / theirs`, the figure that matters on a machine whose absolute speed varies with load. */
export const ratio = (ours: number, theirs: number): number => round(ours / theirs, 2);

export interface ProcessCost {
  wallS: number;
  cpuS: number;
  peakMiB: number;
  code: number;
}

/** Wall, CPU and peak RSS of one process (GNU time), e.g. `node bin/litmus.js --help`. */
export function processCost(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ProcessCost {
  if (!existsSync('/usr/bin/time')) throw new Error('bench needs GNU time at /usr/bin/time (apt-get install time)');
  const result = spawnSync('/usr/bin/time', ['-f', '\u0001%e %U %S %M', command, ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const line = result.stderr.split('\u0001').pop()!.trim().split(/\s+/).map(Number);
  const [wall, user, sys, kib] = line as [number, number, number, number];
  return { wallS: wall, cpuS: round(user + sys), peakMiB: round(kib / 1024, 1), code: result.status ?? 1 };
}

/** The same process measured `runs` times; the median of each figure. */
export function medianCost(command: string, args: string[], runs = 5, env?: NodeJS.ProcessEnv): ProcessCost {
  const costs = Array.from({ length: runs }, () => processCost(command, args, env));
  const median = (pick: (c: ProcessCost) => number) => costs.map(pick).sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return {
    wallS: median((c) => c.wallS),
    cpuS: median((c) => c.cpuS),
    peakMiB: median((c) => c.peakMiB),
    code: costs.find((c) => c.code !== 0)?.code ?? 0,
  };
}

export async function peakRssOf(litmusArgs: string[]): Promise<{ peakMiB: number; wallS: number }> {
  const cost = processCost(process.execPath, [litmusBin, ...litmusArgs]);
  if (cost.code !== 0) throw new Error(`litmus ${litmusArgs.join(' ')} exited with ${cost.code}`);
  return { peakMiB: cost.peakMiB, wallS: cost.wallS };
}

/** processCost without blocking this process's event loop (a loopback stand-in may be serving it). */
export function processCostAsync(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessCost & { stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '\u0001%e %U %S %M', command, ...args], { cwd: repoRoot, env });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const [wall, user, sys, kib] = stderr.split('\u0001').pop()!.trim().split(/\s+/).map(Number) as [
        number,
        number,
        number,
        number,
      ];
      resolvePromise({ wallS: wall, cpuS: round(user + sys), peakMiB: round(kib / 1024, 1), code: code ?? 1, stderr });
    });
  });
}
