import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, judge, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runLimited } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

/**
 * Java: prompt + generation + test as the benchmark assembles it, in a package of its own so that
 * a whole batch compiles in ONE javac invocation (javac start-up dominates otherwise); a small
 * launcher class runs the test's Main.main and then prints the sentinel, so System.exit(0) inside
 * the generation cannot pass.
 */
export function assembleJava(problem: Problem, generation: string, sentinel: string, pkg: string): string {
  const launcher = `\nclass LitmusLauncher {\n    public static void main(String[] args) throws Throwable {\n        Main.main(args);\n        System.out.println(${JSON.stringify(sentinel)});\n        System.out.flush();\n    }\n}\n`;
  return `package ${pkg};\n${problem.prompt}${generation}\n${problem.test}\n${launcher}`;
}

const JVM_FLAGS = [
  '-Xmx512m',
  '-Xss8m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-UsePerfData',
  '-XX:ReservedCodeCacheSize=64m',
  '-XX:CompressedClassSpaceSize=64m',
  '-Xshare:auto',
];

interface Compiled {
  job: Job;
  pkg: string;
  dir: string;
  file: string;
  error?: string;
}

export class JavaRunner implements LanguageRunner {
  readonly language = 'java' as const;
  readonly batchSize = 12;
  private javac = 'javac';
  private java = 'java';
  private ctx: RunnerContext | undefined;

  detect(): Toolchain {
    const javac = findExecutable('javac');
    const java = findExecutable('java');
    if (!javac || !java) {
      return { available: false, reason: 'java: JDK not installed — apt-get install default-jdk', notes: [] };
    }
    this.javac = javac;
    this.java = java;
    return { available: true, version: toolVersion([javac, '-version']), notes: [] };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const uid = ctx.uidBase + slot;
    const started = Date.now();
    const batchDir = join(ctx.workDir, `batch-${jobs[0]!.problem.number}-${jobs[0]!.sample.index}-${slot}`);
    const classes = join(batchDir, 'classes');
    mkdirSync(classes, { recursive: true });
    const units: Compiled[] = jobs.map((job) => {
      const pkg = `litmus_t${job.problem.number}_s${job.sample.index}`;
      const dir = sampleDir(batchDir, pkg, ctx.caps, uid);
      const file = join(dir, 'Main.java');
      writeFileSync(file, assembleJava(job.problem, job.sample.generation, job.sentinel, pkg));
      return { job, pkg, dir, file };
    });
    await this.compileAll(units, classes, batchDir, uid);
    const compileMs = (Date.now() - started) / jobs.length;
    const out: SampleResult[] = [];
    for (const unit of units) {
      const base = { taskId: unit.job.sample.taskId, index: unit.job.sample.index };
      if (unit.error !== undefined) {
        out.push({ ...base, outcome: 'compile_error', detail: unit.error, durationMs: compileMs });
        continue;
      }
      const run = await runLimited([this.java, ...JVM_FLAGS, '-cp', classes, `${unit.pkg}.LitmusLauncher`], {
        cwd: unit.dir,
        env: sandboxEnv(unit.dir),
        limits: {
          timeoutMs: ctx.timeoutMs,
          memoryBytes: 3 * 1024 ** 3,
          maxProcesses: 256,
          maxFileBytes: 16 * 1024 ** 2,
        },
        uid,
        caps: ctx.caps,
      });
      out.push({ ...base, ...judge(run, unit.job.sentinel), durationMs: run.durationMs + compileMs });
    }
    return out;
  }

  /** One javac for the batch; files named in errors are set aside and the rest recompiled. */
  private async compileAll(units: Compiled[], classes: string, cwd: string, uid: number): Promise<void> {
    let pending = units;
    for (let attempt = 0; pending.length > 0 && attempt < 4; attempt++) {
      const run = await this.javacRun(pending, classes, cwd, uid);
      if (run.ok) return;
      const failed = new Set<Compiled>();
      for (const unit of pending) {
        const pattern = `${unit.file}:`;
        const line = run.stderr.split('\n').find((l) => l.startsWith(pattern) && /error:/.test(l));
        if (line) {
          unit.error = line.slice(unit.file.length + 1).trim();
          failed.add(unit);
        }
      }
      if (failed.size === 0) break; // errors not attributable to a file: compile one by one below
      pending = pending.filter((u) => !failed.has(u));
    }
    if (pending.length === 0) return;
    for (const unit of pending) {
      if (unit.error !== undefined) continue;
      const run = await this.javacRun([unit], classes, cwd, uid);
      if (!run.ok)
        unit.error =
          run.stderr
            .split('\n')
            .find((l) => /error/.test(l))
            ?.trim() ?? 'compilation failed';
    }
  }

  private async javacRun(units: Compiled[], classes: string, cwd: string, uid: number) {
    const ctx = this.ctx!;
    const argv = [
      this.javac,
      '-J-Xshare:auto',
      '-J-XX:+UseSerialGC',
      '-J-XX:TieredStopAtLevel=1',
      '-nowarn',
      '-encoding',
      'UTF-8',
      '-Xmaxerrs',
      '1000',
      '-d',
      classes,
      ...units.map((u) => u.file),
    ];
    const run = await runLimited(argv, {
      cwd,
      env: { ...sandboxEnv(cwd), PATH: process.env.PATH ?? '/usr/bin:/bin' },
      limits: { timeoutMs: 60_000 + 10_000 * units.length, maxProcesses: 4096, maxFileBytes: 256 * 1024 ** 2 },
      uid,
      caps: ctx.caps,
      maxOutputBytes: 1024 * 1024,
      sandboxed: false,
    });
    return { ok: run.exitCode === 0, stderr: run.stderr + run.stdout };
  }

  async dispose(): Promise<void> {}
}
