import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable, judge, randomTag, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

/**
 * Java: prompt + generation + test as the benchmark assembles it, in a package of its own so that
 * a whole batch compiles in ONE javac invocation (javac start-up dominates otherwise). A launcher
 * class with a random name reads the per-run secret from stdin into a local variable before the
 * test's class is even loaded (so no static initialiser of the sample runs first), runs Main.main
 * and prints the secret: System.exit(0) inside the generation cannot pass, and no file holds it.
 */
export function launcherName(tag: string): string {
  return `LitmusLauncher_${tag}`;
}

export function assembleJava(problem: Problem, generation: string, pkg: string, tag: string): string {
  const launcher = `\nclass ${launcherName(tag)} {\n    public static void main(String[] args) throws Throwable {\n        byte[] secret = System.in.readAllBytes();\n        System.in.close();\n        Main.main(args);\n        System.out.flush();\n        System.out.write(secret);\n        System.out.flush();\n    }\n}\n`;
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
  tag: string;
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
  private binds: { host: string }[] = [];

  detect(): Toolchain {
    const javac = findExecutable('javac');
    const java = findExecutable('java');
    if (!javac || !java) {
      return { available: false, reason: 'java: JDK not installed — apt-get install default-jdk', notes: [] };
    }
    this.javac = realpathSync(javac);
    this.java = realpathSync(java);
    // The JDK's home outside /usr (e.g. /opt/jdk) and its configuration under /etc (Debian links
    // $JAVA_HOME/conf there) are bound read-only into each sandbox.
    const home = dirname(dirname(this.java));
    const extra = [home, '/etc/java-17-openjdk', '/etc/java-21-openjdk', '/etc/java-11-openjdk'];
    this.binds = extra.filter((p) => !p.startsWith('/usr/') && existsSync(p)).map((host) => ({ host }));
    return { available: true, version: toolVersion([javac, '-version']), notes: [] };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const uid = ctx.uidBase + slot;
    const started = Date.now();
    const batchDir = sampleDir(ctx.workDir, `batch-${jobs[0]!.problem.number}-${jobs[0]!.sample.index}-${slot}`, uid);
    try {
      sampleDir(batchDir, 'classes', uid);
      const units: Compiled[] = jobs.map((job) => {
        const pkg = `litmus_t${job.problem.number}_s${job.sample.index}`;
        const tag = randomTag();
        const file = join(batchDir, 'src', pkg, 'Main.java');
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, assembleJava(job.problem, job.sample.generation, pkg, tag));
        return { job, pkg, tag, dir: join(batchDir, 'src', pkg), file: `src/${pkg}/Main.java` };
      });
      await this.compileAll(units, batchDir, uid);
      const compileMs = (Date.now() - started) / jobs.length;
      const out: SampleResult[] = [];
      for (const unit of units) {
        const base = { taskId: unit.job.sample.taskId, index: unit.job.sample.index };
        if (unit.error !== undefined) {
          out.push({ ...base, outcome: 'compile_error', detail: unit.error, durationMs: compileMs });
          continue;
        }
        // Only this sample's classes are visible to it, read-only; its working directory is a tmpfs.
        const run = await runSandboxed({
          spec: {
            argv: [this.java, ...JVM_FLAGS, '-cp', '/opt/classes', `${unit.pkg}.${launcherName(unit.tag)}`],
            binds: [...this.binds, { host: join(batchDir, 'classes', unit.pkg), dest: `/opt/classes/${unit.pkg}` }],
            work: { dest: '/work' },
            env: sandboxEnv('/work'),
            limits: {
              timeoutMs: ctx.timeoutMs,
              memoryBytes: 3 * 1024 ** 3,
              maxProcesses: 256,
              maxFileBytes: 16 * 1024 ** 2,
            },
            uid,
            proc: true,
          },
          stdin: `${unit.job.sentinel}\n`,
        });
        out.push({ ...base, ...judge(run, unit.job.sentinel), durationMs: run.durationMs + compileMs });
      }
      return out;
    } finally {
      rmSync(batchDir, { recursive: true, force: true });
    }
  }

  /** One javac for the batch; files named in errors are set aside and the rest recompiled. */
  private async compileAll(units: Compiled[], cwd: string, uid: number): Promise<void> {
    let pending = units;
    for (let attempt = 0; pending.length > 0 && attempt < 4; attempt++) {
      const run = await this.javacRun(pending, cwd, uid);
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
      const run = await this.javacRun([unit], cwd, uid);
      if (!run.ok)
        unit.error =
          run.stderr
            .split('\n')
            .find((l) => /error/.test(l))
            ?.trim() ?? 'compilation failed';
    }
  }

  /** javac in a sandbox whose only writable directory is the batch's (sources and classes). */
  private async javacRun(units: Compiled[], cwd: string, uid: number) {
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
      'classes',
      ...units.map((u) => u.file),
    ];
    const run = await runSandboxed({
      spec: {
        argv,
        binds: this.binds,
        work: { dest: '/work', host: cwd },
        env: sandboxEnv('/work'),
        limits: { timeoutMs: 60_000 + 10_000 * units.length, maxProcesses: 256, maxFileBytes: 256 * 1024 ** 2 },
        uid,
        proc: true,
      },
      maxOutputBytes: 1024 * 1024,
    });
    return { ok: run.exitCode === 0, stderr: run.stderr + run.stdout };
  }

  async dispose(): Promise<void> {}
}
