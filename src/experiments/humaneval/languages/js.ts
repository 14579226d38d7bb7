import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable, judge, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

/** The benchmark's program; js-driver.cjs makes console.assert throw, read-only, before it loads. */
export function assembleJs(problem: Problem, generation: string): string {
  return `${problem.prompt}${generation}\n${problem.test}\n`;
}

const SHIM = fileURLToPath(new URL('./js-md5-shim.cjs', import.meta.url));
const DRIVER = fileURLToPath(new URL('./js-driver.cjs', import.meta.url));
/** V8 heap of one program; RLIMIT_AS bounds everything else (buffers, native memory). */
const HEAP_MB = 512;
const MEMORY_BYTES = 2 * 1024 ** 3; // V8 reserves ~1 GB of address space; this leaves ~1 GB for buffers

/**
 * JavaScript: `node` per sample, as the benchmark runs it, each in a fresh sandbox whose working
 * directory is a bounded tmpfs holding a read-only copy of the program; js-driver.cjs runs it and
 * reports completion. js-md5 (task 162) from node_modules if present, else a node:crypto shim.
 */
export class JsRunner implements LanguageRunner {
  readonly language = 'js' as const;
  readonly batchSize = 1;
  private node = 'node';
  private ctx: RunnerContext | undefined;
  private extraNotes: string[] = [];
  private md5 = SHIM;

  detect(): Toolchain {
    const node = findExecutable('node');
    if (!node) return { available: false, reason: 'js: node not installed — apt-get install nodejs', notes: [] };
    this.node = node;
    return { available: true, version: `Node.js ${toolVersion([node, '--version'])}`, notes: [] };
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
  }

  notes(): string[] {
    return this.extraNotes;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const uid = ctx.uidBase + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, uid);
      const started = Date.now();
      try {
        writeFileSync(join(dir, 'test.js'), assembleJs(job.problem, job.sample.generation));
        const md5Dest = this.md5 === SHIM ? '/opt/node_modules/js-md5/index.js' : '/opt/node_modules/js-md5';
        const run = await runSandboxed({
          spec: {
            argv: [this.node, `--max-old-space-size=${HEAP_MB}`, '/opt/litmus/js-driver.cjs'],
            binds: [
              { host: join(dir, 'test.js'), dest: '/work/test.js' },
              { host: DRIVER, dest: '/opt/litmus/js-driver.cjs' },
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
          stdin: `${job.sentinel}\n`,
        });
        out.push({
          taskId: job.sample.taskId,
          index: job.sample.index,
          ...judge(run, job.sentinel),
          durationMs: Date.now() - started,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
