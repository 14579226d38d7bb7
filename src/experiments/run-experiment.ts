import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { LitmusError } from '../core/errors.ts';
import { hostFacts } from './host-facts.ts';
import { parseMetricsText, readMetricsFile } from './metrics-file.ts';
import type { ExperimentRecord } from './record.ts';
import type { ExperimentSpec } from './spec.ts';
import { TailBuffer } from './tail-buffer.ts';

export const STORED_TAIL_BYTES = 16 * 1024;
const STDOUT_METRICS_BYTES = 4 * 1024 * 1024;

export interface RunExperimentOptions {
  /** Directory relative paths in the spec (cwd, metrics.file) are resolved against: the spec's folder. */
  baseDir: string;
}

/**
 * Runs a spec's command without a shell, in its own process group (killed whole on timeout), in a
 * fresh temporary directory unless `cwd` is given; keeps bounded tails of stdout/stderr and reads
 * the metrics. A failed command still yields a record (exit code, tails) — metrics are then empty.
 */
export async function runExperiment(spec: ExperimentSpec, options: RunExperimentOptions): Promise<ExperimentRecord> {
  const tempDir = spec.cwd === undefined ? mkdtempSync(join(tmpdir(), 'litmus-experiment-')) : undefined;
  const cwd = spec.cwd === undefined ? tempDir! : resolve(options.baseDir, spec.cwd);
  const started = new Date();
  try {
    const run = await spawnBounded(
      spec.command,
      cwd,
      { ...process.env, ...(spec.env ?? {}) } as Record<string, string>,
      spec.timeout_s * 1000,
    );
    const finished = new Date();
    let metrics: Record<string, unknown> = {};
    const problems: string[] = [];
    if (run.timedOut) problems.push(`timed out after ${spec.timeout_s}s`);
    if (run.spawnError) problems.push(run.spawnError);
    if (!run.timedOut && !run.spawnError) {
      try {
        if ('file' in spec.metrics) {
          const file = isAbsolute(spec.metrics.file) ? spec.metrics.file : resolve(cwd, spec.metrics.file);
          metrics = readMetricsFile(file);
        } else {
          metrics = parseMetricsText(lastJsonBlock(run.stdout.text()), `stdout of ${spec.name}`);
        }
      } catch (error) {
        problems.push(LitmusError.isInstance(error) ? error.message : String(error));
      }
    }
    return {
      name: spec.name,
      kind: 'command',
      spec: { ...spec, ...(problems.length > 0 ? { problems } : {}) },
      command: spec.command,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      exitCode: run.exitCode,
      stdoutTail: tailOf(run.stdout.text()),
      stderrTail: tailOf(run.stderr.text()),
      metrics,
      host: hostFacts(),
      claims: (spec.claims ?? []).map(String),
    };
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function tailOf(text: string): string {
  return text.length > STORED_TAIL_BYTES ? text.slice(text.length - STORED_TAIL_BYTES) : text;
}

/** Metrics on stdout: the whole output if it is JSON, else the last line that is a JSON object. */
function lastJsonBlock(stdout: string): string {
  const trimmed = stdout.trim();
  try {
    JSON.parse(trimmed);
    return trimmed;
  } catch {
    const lines = trimmed.split('\n').reverse();
    return lines.find((l) => l.trim().startsWith('{')) ?? trimmed;
  }
}

interface BoundedRun {
  exitCode: number | null;
  timedOut: boolean;
  spawnError?: string;
  stdout: TailBuffer;
  stderr: TailBuffer;
}

function spawnBounded(
  argv: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<BoundedRun> {
  return new Promise((resolvePromise) => {
    const stdout = new TailBuffer(STDOUT_METRICS_BYTES);
    const stderr = new TailBuffer(STORED_TAIL_BYTES);
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({
        exitCode: null,
        timedOut,
        spawnError: `cannot start ${argv[0]}: ${error.message}`,
        stdout,
        stderr,
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      resolvePromise({ exitCode: code, timedOut, stdout, stderr });
    });
  });
}
