import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findExecutable, judge, readTail, sampleDir, sandboxEnv } from '../common.ts';
import { killAllOfUid, SANDBOX_UID_BASE, type SandboxRun, sandboxArgv } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

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

interface Server {
  child: ChildProcess;
  pending: Map<number, (reply: Reply | null) => void>;
  alive: boolean;
}

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
  private servers = new Map<number, Server>();
  private nextId = 1;

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
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const results: SampleResult[] = [];
    for (const job of jobs) {
      const uid = SANDBOX_UID_BASE + 100 + slot;
      const name = `${job.problem.number}-${job.sample.index}`;
      const dir = sampleDir(ctx.workDir, name, ctx.caps, uid);
      const program = join(dir, 'program.py');
      writeFileSync(program, assemblePython(job.problem, job.sample.generation, job.sentinel));
      const started = Date.now();
      const reply = await this.send(slot, { dir, program, timeout: ctx.timeoutMs / 1000, as_bytes: MEMORY_BYTES });
      const run: SandboxRun = {
        exitCode: reply?.exit_code ?? null,
        signal: reply?.signal ?? null,
        timedOut: reply === null || reply.timed_out,
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

  private server(slot: number): Server {
    const existing = this.servers.get(slot);
    if (existing?.alive) return existing;
    const ctx = this.ctx!;
    const uid = SANDBOX_UID_BASE + 100 + slot;
    const limits = { timeoutMs: 10 * 86_400_000, maxProcesses: 64, maxFileBytes: 16 * 1024 ** 2 };
    const argv = sandboxArgv(ctx.caps, limits, uid, [this.interpreter!, '-u', SERVER_SCRIPT]);
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: ctx.workDir,
      env: sandboxEnv(ctx.workDir, { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' }),
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server: Server = { child, pending: new Map(), alive: true };
    child.stderr?.resume();
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const reply = JSON.parse(line) as Reply;
        server.pending.get(reply.id)?.(reply);
        server.pending.delete(reply.id);
      } catch {
        // not a reply: ignore
      }
    });
    child.on('exit', () => {
      server.alive = false;
      for (const resolve of server.pending.values()) resolve(null);
      server.pending.clear();
    });
    child.on('error', () => {
      server.alive = false;
    });
    this.servers.set(slot, server);
    return server;
  }

  private send(slot: number, job: Record<string, unknown>): Promise<Reply | null> {
    const server = this.server(slot);
    const id = this.nextId++;
    return new Promise((resolve) => {
      // Watchdog: a server that stops answering is killed and replaced; the sample counts as timed out.
      const watchdog = setTimeout(
        () => {
          void this.killServer(slot, server).then(() => resolve(null));
        },
        (job.timeout as number) * 1000 + 15_000,
      );
      server.pending.set(id, (reply) => {
        clearTimeout(watchdog);
        resolve(reply);
      });
      server.child.stdin?.write(`${JSON.stringify({ ...job, id })}\n`);
    });
  }

  private killServer(slot: number, server: Server): Promise<void> {
    server.alive = false;
    if (server.child.pid !== undefined) {
      try {
        process.kill(-server.child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    return this.ctx?.caps.dropUid ? killAllOfUid(SANDBOX_UID_BASE + 100 + slot) : Promise.resolve();
  }

  async dispose(): Promise<void> {
    for (const [slot, server] of this.servers) {
      server.child.stdin?.end();
      await this.killServer(slot, server);
    }
    this.servers.clear();
  }
}
