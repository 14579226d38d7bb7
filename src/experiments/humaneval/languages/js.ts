import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable, judge, sampleDir, toolVersion } from '../common.ts';
import type { SandboxRun } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { lostRun, WarmServerPool } from '../warm-server.ts';

/**
 * console.assert in Node only logs; the benchmark's tests rely on it. Made to throw, a failed
 * assertion ends the program with a non-zero exit code (the original harness instead failed any
 * program that printed anything, which also fails correct programs that log).
 */
const ASSERT_PRELUDE =
  "console.assert = (condition, ...details) => { if (!condition) { const e = new Error(['Assertion failed', ...details].join(' ')); e.name = 'AssertionError'; throw e; } };\n";

export function assembleJs(problem: Problem, generation: string, sentinel: string): string {
  return `${ASSERT_PRELUDE}${problem.prompt}${generation}\n${problem.test}\nconsole.log(${JSON.stringify(sentinel)});\n`;
}

const SHIM = fileURLToPath(new URL('./js-md5-shim.cjs', import.meta.url));
const SERVER_SCRIPT = fileURLToPath(new URL('./js-server.cjs', import.meta.url));
/** V8 heap of one program, as `node --max-old-space-size=512` would give it. */
const HEAP_MB = 512;

/** Each slot's server has a uid of its own, used by nothing else: the server may kill all of it. */
const serverUid = (ctx: RunnerContext, slot: number) => ctx.uidBase + 200 + slot;

interface Reply {
  id: number;
  exit_code: number | null;
  timed_out: boolean;
  stdout: string;
  stderr: string;
}

/**
 * JavaScript: the benchmark runs `node test.js` per sample. Here each worker slot keeps one Node
 * process in the sandbox that runs every program in a fresh worker thread (own isolate, globals,
 * module cache, heap limit; `process.exit` ends only that program), which halves the per-sample
 * cost. js-md5 (task 162) from node_modules if present, else a node:crypto shim.
 */
export class JsRunner implements LanguageRunner {
  readonly language = 'js' as const;
  readonly batchSize = 1;
  private node = 'node';
  private ctx: RunnerContext | undefined;
  private extraNotes: string[] = [];
  private nodePath: string | undefined;
  private pool: WarmServerPool<Reply> | undefined;

  detect(): Toolchain {
    const node = findExecutable('node');
    if (!node) return { available: false, reason: 'js: node not installed — apt-get install nodejs', notes: [] };
    this.node = node;
    return {
      available: true,
      version: `Node.js ${toolVersion([node, '--version'])}`,
      notes: ['each program runs in a fresh worker thread of a warm sandboxed Node process (one per worker slot)'],
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
    if (real) {
      // …/node_modules/js-md5/src/md5.js → …/node_modules
      let dir = dirname(real);
      while (!dir.endsWith('node_modules') && dir !== dirname(dir)) dir = dirname(dir);
      this.nodePath = dir;
      this.extraNotes.push(`js-md5 from ${dir}`);
    } else {
      // Sample directories live under workDir, so Node's module lookup finds workDir/node_modules.
      const target = join(ctx.workDir, 'node_modules', 'js-md5');
      mkdirSync(target, { recursive: true });
      copyFileSync(SHIM, join(target, 'index.js'));
      this.extraNotes.push('js-md5 not installed: task 162 uses a node:crypto md5 shim with the same output');
    }
    const ownUid = ctx.caps.dropUid ? ['--own-uid'] : [];
    this.pool = new WarmServerPool<Reply>({
      caps: ctx.caps,
      cwd: ctx.workDir,
      argv: () => [this.node, SERVER_SCRIPT, ...ownUid],
      env: this.nodePath ? { NODE_PATH: this.nodePath } : {},
      uid: (slot) => serverUid(ctx, slot),
      maxProcesses: 64,
      maxFileBytes: 16 * 1024 ** 2,
    });
  }

  notes(): string[] {
    return this.extraNotes;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, ctx.caps, serverUid(ctx, slot));
      const program = join(dir, 'test.js');
      writeFileSync(program, assembleJs(job.problem, job.sample.generation, job.sentinel));
      const started = Date.now();
      const request = { dir, program, timeout_ms: ctx.timeoutMs, heap_mb: HEAP_MB };
      // Watchdog: a server that stops answering (a program stuck in native code) is replaced.
      const reply = await this.pool!.send(slot, request, ctx.timeoutMs + 5_000);
      const run: SandboxRun =
        typeof reply === 'string'
          ? lostRun(reply, Date.now() - started)
          : {
              exitCode: reply.exit_code,
              signal: null,
              timedOut: reply.timed_out,
              stdout: reply.stdout,
              stderr: reply.stderr,
              durationMs: Date.now() - started,
            };
      out.push({
        taskId: job.sample.taskId,
        index: job.sample.index,
        ...judge(run, job.sentinel),
        durationMs: run.durationMs,
      });
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
    this.pool = undefined;
  }
}
