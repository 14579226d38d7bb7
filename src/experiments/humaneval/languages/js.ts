import { randomInt } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findExecutable,
  judgeReplayed,
  RESULTS_MAX_BYTES,
  randomTag,
  sampleDir,
  sandboxEnv,
  toolVersion,
} from '../common.ts';
import { runSandboxed, type SandboxRun } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { WarmServerPool } from '../warm-server.ts';
import { driverScript, replayNames, sampleProgram } from './js-replay.ts';

const SHIM = fileURLToPath(new URL('./js-md5-shim.cjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./js-replay-server.cjs', import.meta.url));
/** V8 heap of one program; RLIMIT_AS bounds everything else (buffers, native memory). */
const HEAP_MB = 512;
const MEMORY_BYTES = 2 * 1024 ** 3; // V8 reserves ~1 GB of address space; this leaves ~1 GB for buffers

interface DriverReply {
  id: number;
  exitCode: number;
  timedOut?: boolean;
  stdout: string;
  stderr: string;
}

/**
 * JavaScript: each sample's program (js-replay.ts) runs as its own `node` in a fresh sandbox whose
 * working directory is a bounded tmpfs holding a read-only copy of it, and reports the values its
 * entry point returned on fd 3. The verdict comes from the trusted driver: the benchmark's test with
 * the entry point replaced by a replayer of those values, run by a warm server per worker slot
 * (js-replay-server.cjs, in a sandbox of its own that no sample reaches) in a fresh vm context.
 * js-md5 (task 162) from node_modules if present, else a node:crypto shim.
 */
export class JsRunner implements LanguageRunner {
  readonly language = 'js' as const;
  readonly batchSize = 4; // a few samples per call, so that a driver's verdict overlaps the next sample's run
  private node = 'node';
  private ctx: RunnerContext | undefined;
  private extraNotes: string[] = [];
  private md5 = SHIM;
  private tag = randomTag();
  private drivers = new Map<number, string>();
  private pool: WarmServerPool<DriverReply> | undefined;

  detect(): Toolchain {
    const node = findExecutable('node');
    if (!node) return { available: false, reason: 'js: node not installed — apt-get install nodejs', notes: [] };
    this.node = node;
    return {
      available: true,
      version: `Node.js ${toolVersion([node, '--version'])}`,
      notes: [
        "tests run outside the sample's process: the sample's program reports what its entry point returned on fd 3; a warm driver replays those values into the benchmark's test",
      ],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    let real: string | undefined;
    try {
      real = createRequire(join(process.cwd(), 'noop.js')).resolve('js-md5');
    } catch {
      real = undefined;
    }
    if (real && existsSync(real)) {
      this.md5 = dirname(real).endsWith('src') ? dirname(dirname(real)) : dirname(real);
      this.extraNotes.push(`js-md5 from ${this.md5}`);
    } else {
      this.extraNotes.push('js-md5 not installed: task 162 uses a node:crypto md5 shim with the same output');
    }
    this.pool = new WarmServerPool<DriverReply>({
      spec: (slot) => ({
        argv: [this.node, `--max-old-space-size=${HEAP_MB}`, '/opt/litmus/js-replay-server.cjs'],
        binds: [{ host: SERVER, dest: '/opt/litmus/js-replay-server.cjs' }],
        work: { dest: '/work', readOnly: true },
        env: sandboxEnv('/work'),
        limits: { timeoutMs: 10 * 86_400_000, memoryBytes: MEMORY_BYTES, maxProcesses: 64, maxFileBytes: 1024 * 1024 },
        // A uid of its own, above the samples' slots: no sample process can signal or trace it.
        uid: ctx.uidBase + 500 + slot,
        asPid1: true,
      }),
    });
  }

  notes(): string[] {
    return this.extraNotes;
  }

  /** The problem's driver script, built once per harness run. */
  private driver(problem: Problem): string {
    let script = this.drivers.get(problem.number);
    if (script === undefined) {
      script = driverScript(problem, this.tag);
      this.drivers.set(problem.number, script);
    }
    return script;
  }

  /**
   * Runs the batch's samples one after another; each sample's driver judges it while the next sample
   * runs. The slot's driver requests go one at a time, so each one's watchdog starts when the server
   * is free.
   */
  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const pending: Promise<SampleResult>[] = [];
    let driverFree: Promise<unknown> = Promise.resolve();
    for (const job of jobs) {
      const started = Date.now();
      const seed = randomInt(2 ** 32);
      const sampleRun = await this.runSample(job, slot, seed);
      const turn = driverFree;
      const verdict = judgeReplayed(
        sampleRun,
        async (stdin) => {
          await turn;
          return this.runDriver(job.problem, stdin, seed, slot);
        },
        job.sentinel,
      ).then((v) => ({ taskId: job.sample.taskId, index: job.sample.index, ...v, durationMs: Date.now() - started }));
      driverFree = verdict.catch(() => undefined);
      pending.push(verdict);
    }
    return Promise.all(pending);
  }

  private async runSample(job: Job, slot: number, seed: number): Promise<SandboxRun> {
    const ctx = this.ctx!;
    const uid = ctx.uidBase + slot;
    const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, uid);
    try {
      writeFileSync(join(dir, 'test.js'), sampleProgram(job.problem, job.sample.generation, this.tag, seed));
      const md5Dest = this.md5 === SHIM ? '/opt/node_modules/js-md5/index.js' : '/opt/node_modules/js-md5';
      return await runSandboxed({
        spec: {
          argv: [this.node, `--max-old-space-size=${HEAP_MB}`, '/work/test.js'],
          binds: [
            { host: join(dir, 'test.js'), dest: '/work/test.js' },
            { host: this.md5, dest: md5Dest },
          ],
          work: { dest: '/work' },
          env: sandboxEnv('/work', { NODE_PATH: '/opt/node_modules' }),
          limits: {
            timeoutMs: ctx.timeoutMs,
            memoryBytes: MEMORY_BYTES,
            maxProcesses: 64,
            maxFileBytes: 16 * 1024 ** 2,
          },
          uid,
          proc: true,
        },
        resultsChannel: { maxBytes: RESULTS_MAX_BYTES },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The trusted driver's run, as a SandboxRun for judgeReplayed. */
  private async runDriver(problem: Problem, stdin: Buffer, seed: number, slot: number): Promise<SandboxRun> {
    const ctx = this.ctx!;
    const names = replayNames(this.tag);
    const started = Date.now();
    const request = {
      key: problem.number,
      script: this.driver(problem),
      stdin: stdin.toString('base64'),
      seed,
      inputName: names.input,
      seedName: names.seed,
      timeoutMs: ctx.timeoutMs,
    };
    const reply = await this.pool!.send(slot, request, ctx.timeoutMs + 15_000);
    const base = { signal: null, durationMs: Date.now() - started };
    if (reply === 'died')
      return { ...base, exitCode: null, timedOut: false, stdout: '', stderr: 'the test driver died' };
    if (reply === 'unresponsive') return { ...base, exitCode: null, timedOut: true, stdout: '', stderr: '' };
    return {
      ...base,
      exitCode: reply.exitCode,
      timedOut: reply.timedOut === true,
      stdout: reply.stdout,
      stderr: reply.stderr,
    };
  }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
    this.pool = undefined;
  }
}
