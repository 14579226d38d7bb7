import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LitmusError } from '../../../core/errors.ts';
import { findExecutable } from '../common.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { WarmServerPool } from '../warm-server.ts';

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

/** What the sandboxed child executes: the imports, the prompt and the generation's body (no test). */
export function assemblePython(problem: Problem, generation: string): string {
  return `${IMPORTS}\n${problem.prompt}${pythonBody(generation)}\n`;
}

/** The function the test checks: the argument of its final `check(…)`. */
export function pythonEntryPoint(problem: Problem): string {
  const match = /check\((\w+)\)\s*$/.exec(problem.test.trim());
  if (!match)
    throw new LitmusError('E_HUMANEVAL_MISSING', `${problem.taskId}: the test does not end with check(<function>)`);
  return match[1]!;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./python-server.py', import.meta.url));
const MEMORY_BYTES = 2 * 1024 ** 3;

interface Reply {
  id: number;
  outcome: 'passed' | 'failed' | 'timeout';
  detail?: string;
}

/**
 * Python: one warm server per worker slot (numpy and the benchmark's imports loaded once), PID 1 of
 * its own bubblewrap sandbox, forks a child per sample. The test runs in the server against a stub
 * of the entry point; only the calls cross into the child (python-server.py says why that makes the
 * verdict unforgeable and why no state survives from one sample to the next).
 */
export class PythonRunner implements LanguageRunner {
  readonly language = 'python' as const;
  readonly batchSize = 1;
  private interpreter: string | undefined;
  private prefixes: string[] = [];
  private pool: WarmServerPool<Reply> | undefined;
  private ctx: RunnerContext | undefined;

  detect(): Toolchain {
    const python = findExecutable('python3');
    if (!python) return { available: false, reason: 'python: not installed — apt-get install python3', notes: [] };
    const probe = spawnSync(
      python,
      [
        '-c',
        'import sys, numpy; print(sys.executable); print(sys.version.split()[0]); print(sys.prefix); print(sys.base_prefix)',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (probe.status !== 0) {
      return {
        available: false,
        reason: `python: numpy missing for ${python} (the benchmark's import block needs it) — pip install numpy`,
        notes: [],
      };
    }
    const [executable, version, prefix, basePrefix] = probe.stdout.trim().split('\n');
    this.interpreter = realpathSync(executable!);
    this.prefixes = [...new Set([prefix!, basePrefix!].map((p) => realpathSync(p)))];
    return {
      available: true,
      version: `Python ${version}`,
      notes: ["tests run in a warm driver outside the sample's process; each sample in a fresh forked child"],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    // Python under /usr needs no extra bind; a pyenv or venv prefix elsewhere is bound read-only.
    const binds = this.prefixes.filter((p) => !p.startsWith('/usr/')).map((host) => ({ host }));
    this.pool = new WarmServerPool<Reply>({
      spec: (slot) => ({
        argv: [this.interpreter!, '-I', '-u', '/opt/litmus/python-server.py'],
        binds: [...binds, { host: SERVER_SCRIPT, dest: '/opt/litmus/python-server.py' }],
        work: { dest: '/work', readOnly: true }, // nothing writable: no file can carry state
        env: {
          PATH: '/usr/bin:/bin',
          LANG: 'C.UTF-8',
          HOME: '/work',
          OPENBLAS_NUM_THREADS: '1',
          OMP_NUM_THREADS: '1',
          PYTHONDONTWRITEBYTECODE: '1',
        },
        limits: { timeoutMs: 10 * 86_400_000, maxProcesses: 64, maxFileBytes: 1024 * 1024 },
        uid: ctx.uidBase + slot,
        asPid1: true,
      }),
    });
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const results: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const request = {
        program: assemblePython(job.problem, job.sample.generation),
        prompt: `${IMPORTS}\n${job.problem.prompt}`,
        test: job.problem.test,
        entry: pythonEntryPoint(job.problem),
        timeout: ctx.timeoutMs / 1000,
        as_bytes: MEMORY_BYTES,
      };
      // Watchdog: a server that stops answering is replaced; the sample counts as timed out.
      const reply = await this.pool!.send(slot, request, ctx.timeoutMs + 15_000);
      const base = { taskId: job.sample.taskId, index: job.sample.index, durationMs: Date.now() - started };
      if (reply === 'died') results.push({ ...base, outcome: 'failed', detail: 'the sandbox running the sample died' });
      else if (reply === 'unresponsive') results.push({ ...base, outcome: 'timeout', detail: 'time limit exceeded' });
      else results.push({ ...base, outcome: reply.outcome, ...(reply.detail ? { detail: reply.detail } : {}) });
    }
    return results;
  }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
    this.pool = undefined;
  }
}
