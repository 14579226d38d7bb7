import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable, judge, readTail, sampleDir } from '../common.ts';
import type { SandboxRun } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { lostRun, WarmServerPool } from '../warm-server.ts';

/** The benchmark's fixed import block for Python programs. */
const IMPORTS = [
  'import math',
  'import re',
  'import sys',
  'import copy',
  'import datetime',
  'import itertools',
  'import collections',
  'import heapq',
  'import statistics',
  'import functools',
  'import hashlib',
  'import numpy',
  'import numpy as np',
  'import string',
  'from typing import *',
  'from collections import *',
].join('\n');

/** The generation is cut at its first non-indented, non-empty line: only the body survives. */
export function pythonBody(generation: string): string {
  const kept: string[] = [];
  for (const line of generation.split('\n')) {
    if (line.trim() !== '' && !/^[ \t]/.test(line)) break;
    kept.push(line);
  }
  return kept.join('\n');
}

export function assemblePython(problem: Problem, generation: string, sentinel: string): string {
  return `${IMPORTS}\n${problem.prompt}${pythonBody(generation)}\n${problem.test}\nprint(${JSON.stringify(sentinel)})\n`;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./python-server.py', import.meta.url));
const MEMORY_BYTES = 2 * 1024 ** 3;

interface Reply {
  id: number;
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
}

/**
 * Python: each program runs in a forked child of a warm interpreter (as the benchmark's evaluator
 * does), inside the sandbox; one server per worker slot, each with its own uid.
 */
export class PythonRunner implements LanguageRunner {
  readonly language = 'python' as const;
  readonly batchSize = 1;
  private interpreter: string | undefined;
  private ctx: RunnerContext | undefined;
  private pool: WarmServerPool<Reply> | undefined;

  detect(): Toolchain {
    const python = findExecutable('python3');
    if (!python) return { available: false, reason: 'python: not installed — apt-get install python3', notes: [] };
    const probe = spawnSync(python, ['-c', 'import sys, numpy; print(sys.executable); print(sys.version.split()[0])'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (probe.status !== 0) {
      return {
        available: false,
        reason: `python: numpy missing for ${python} (the benchmark's import block needs it) — pip install numpy`,
        notes: [],
      };
    }
    const [executable, version] = probe.stdout.trim().split('\n');
    this.interpreter = executable;
    return { available: true, version: `Python ${version}`, notes: [] };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    this.pool = new WarmServerPool<Reply>({
      caps: ctx.caps,
      cwd: ctx.workDir,
      argv: () => [this.interpreter!, '-u', SERVER_SCRIPT],
      env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' },
      uid: (slot) => ctx.uidBase + 100 + slot,
      maxProcesses: 64,
      maxFileBytes: 16 * 1024 ** 2,
    });
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const results: SampleResult[] = [];
    for (const job of jobs) {
      const uid = ctx.uidBase + 100 + slot;
      const name = `${job.problem.number}-${job.sample.index}`;
      const dir = sampleDir(ctx.workDir, name, ctx.caps, uid);
      const program = join(dir, 'program.py');
      writeFileSync(program, assemblePython(job.problem, job.sample.generation, job.sentinel));
      const started = Date.now();
      const request = { dir, program, timeout: ctx.timeoutMs / 1000, as_bytes: MEMORY_BYTES };
      // Watchdog: a server that stops answering is replaced; the sample counts as timed out.
      const reply = await this.pool!.send(slot, request, ctx.timeoutMs + 15_000);
      const run: SandboxRun =
        typeof reply === 'string'
          ? lostRun(reply, Date.now() - started)
          : {
              exitCode: reply.exit_code,
              signal: reply.signal,
              timedOut: reply.timed_out,
              stdout: readTail(join(dir, 'stdout.txt')),
              stderr: readTail(join(dir, 'stderr.txt')),
              durationMs: Date.now() - started,
            };
      results.push({
        taskId: job.sample.taskId,
        index: job.sample.index,
        ...judge(run, job.sentinel),
        durationMs: run.durationMs,
      });
    }
    return results;
  }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
    this.pool = undefined;
  }
}
