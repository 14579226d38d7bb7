import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  findExecutable,
  firstErrorLine,
  judgeReplayed,
  RESULTS_MAX_BYTES,
  sampleDir,
  sandboxEnv,
  toolVersion,
} from '../common.ts';
import { runSandboxed, type SandboxRun, UID_BLOCK_SIZE } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { assembleRustDriver, assembleRustSample, missingCrates } from './rust-replay.ts';

const CARGO_BIN = join(homedir(), '.cargo', 'bin');

/** A problem's driver: the binary that holds it (with the other problems of its build), or why there is none. */
type Driver = { binary: string } | { error: string };

/**
 * Rust: rustc (edition 2021) — no Cargo project, since the crates cannot be fetched offline — in a
 * sandbox that sees the toolchain (its sysroot, bound read-only) and its build directory only, so
 * `include_str!("/etc/…")` finds nothing. Each sample is judged outside its own process by a
 * lockstep replay (rust-replay.ts): the sample's program runs the benchmark's test in a sandbox and
 * reports each value its entry point returned on fd 3; a trusted driver, built once per problem
 * (several problems per rustc run), replays those values through the same test in a fresh sandbox
 * of its own, with the per-run secret on stdin, and only its run decides.
 */
export class RustRunner implements LanguageRunner {
  readonly language = 'rust' as const;
  /** Jobs per evaluate(): the drivers of a batch's problems are built by one rustc run. */
  readonly batchSize = 8;
  private rustc = 'rustc';
  private ctx: RunnerContext | undefined;
  private buildEnv: Record<string, string> = {};
  private sysroot: string | undefined;
  private drivers = new Map<number, Promise<Driver>>();
  private driverBuilds = 0;

  detect(): Toolchain {
    const rustc = findExecutable('rustc', [CARGO_BIN]);
    if (!rustc) {
      return {
        available: false,
        reason: 'rust: rustc not installed — curl https://sh.rustup.rs | sh (or apt-get install rustc)',
        notes: [],
      };
    }
    this.rustc = rustc;
    const path = [process.env.PATH ?? '/usr/bin:/bin', CARGO_BIN].join(':');
    this.buildEnv = {
      PATH: path,
      HOME: homedir(),
      ...(process.env.RUSTUP_HOME ? { RUSTUP_HOME: process.env.RUSTUP_HOME } : {}),
    };
    const version = toolVersion([rustc, '--version'], this.buildEnv);
    if (!version) return { available: false, reason: `rust: ${rustc} does not run — rustup default stable`, notes: [] };
    // rustup's proxy needs ~/.rustup; the real compiler in the sysroot needs only the sysroot.
    const sysroot = toolVersion([rustc, '--print', 'sysroot'], this.buildEnv);
    if (sysroot) {
      this.sysroot = realpathSync(sysroot);
      this.rustc = join(this.sysroot, 'bin', 'rustc');
    }
    return {
      available: true,
      version,
      notes: [
        "verdicts judged outside the sample's process: its program reports each value the test's calls returned on fd 3; a trusted driver built per problem replays them through the test in a fresh sandbox",
        'crates rand, regex, md5 unavailable offline: samples that use them count as missing_dependency',
      ],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
  }

  /** The uid of the trusted steps (driver builds and runs): one no sample's slot ever uses. */
  private get driverUid(): number {
    return this.ctx!.uidBase + UID_BLOCK_SIZE - 1;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    this.buildDrivers(jobs.map((job) => job.problem));
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const base = { taskId: job.sample.taskId, index: job.sample.index };
      let program: ReturnType<typeof assembleRustSample>;
      try {
        program = assembleRustSample(job.problem, job.sample.generation);
      } catch (error) {
        out.push({ ...base, outcome: 'failed', detail: `rust: ${(error as Error).message}`, durationMs: 0 });
        continue;
      }
      if (program.missingCrates.length > 0) {
        const detail = `rust: crate ${program.missingCrates.join(', ')} unavailable offline`;
        out.push({ ...base, outcome: 'missing_dependency', detail, durationMs: 0 });
        continue;
      }
      const uid = ctx.uidBase + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, uid);
      try {
        writeFileSync(join(dir, 'main.rs'), program.source);
        const build = await this.compile(dir, uid, 'test.bin');
        if (build.exitCode !== 0) {
          const detail = build.timedOut ? 'compilation timed out' : firstErrorLine(build.stderr);
          out.push({ ...base, outcome: 'compile_error', detail, durationMs: Date.now() - started });
          continue;
        }
        const sampleRun = await runSandboxed({
          spec: {
            argv: ['/work/test.bin'],
            binds: [{ host: join(dir, 'test.bin'), dest: '/work/test.bin' }],
            work: { dest: '/work' },
            env: sandboxEnv('/work'),
            limits: {
              timeoutMs: ctx.timeoutMs,
              memoryBytes: 2 * 1024 ** 3,
              maxProcesses: 64,
              maxFileBytes: 16 * 1024 ** 2,
            },
            uid,
          },
          resultsChannel: { maxBytes: RESULTS_MAX_BYTES },
        });
        const driver = await this.drivers.get(job.problem.number)!;
        if ('error' in driver) {
          out.push({ ...base, outcome: 'failed', detail: driver.error, durationMs: Date.now() - started });
          continue;
        }
        const verdict = await judgeReplayed(
          sampleRun,
          (stdin) => this.runDriver(driver.binary, job.problem.number, stdin),
          job.sentinel,
        );
        out.push({ ...base, ...verdict, durationMs: Date.now() - started });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return out;
  }

  /** Starts building the drivers of the problems not built yet, all in one rustc run. */
  private buildDrivers(problems: Problem[]): void {
    const todo = [...new Map(problems.map((p) => [p.number, p])).values()].filter(
      (p) => !this.drivers.has(p.number) && missingCrates(p).length === 0,
    );
    if (todo.length === 0) return;
    const together = this.buildDriver(todo);
    // One problem whose driver does not build must not cost the others theirs: then each is built
    // on its own, one after the other.
    let previous: Promise<unknown> = together;
    for (const problem of todo) {
      const before = previous;
      const driver = together.then(async (built) => {
        if (!('error' in built) || todo.length === 1) return built;
        await before.catch(() => undefined);
        return this.buildDriver([problem]);
      });
      previous = driver;
      this.drivers.set(problem.number, driver);
    }
  }

  private async buildDriver(problems: Problem[]): Promise<Driver> {
    let source: string;
    try {
      source = assembleRustDriver(problems);
    } catch (error) {
      return { error: `rust: ${(error as Error).message}` };
    }
    const dir = sampleDir(this.ctx!.workDir, `driver-${this.driverBuilds++}`, this.driverUid);
    writeFileSync(join(dir, 'main.rs'), source);
    const build = await this.compile(dir, this.driverUid, 'driver.bin');
    if (build.exitCode !== 0) {
      const why = build.timedOut ? 'compilation timed out' : firstErrorLine(build.stderr);
      return { error: `rust: the test driver does not build: ${why}` };
    }
    return { binary: join(dir, 'driver.bin') };
  }

  private compile(dir: string, uid: number, output: string): Promise<SandboxRun> {
    return runSandboxed({
      spec: {
        argv: [
          this.rustc,
          '--edition',
          '2021',
          '--cfg',
          'test',
          '-C',
          'opt-level=0',
          '-C',
          'debuginfo=0',
          '-A',
          'warnings',
          '-o',
          output,
          'main.rs',
        ],
        binds: this.sysroot && !this.sysroot.startsWith('/usr/') ? [{ host: this.sysroot }] : [],
        work: { dest: '/work', host: dir },
        env: sandboxEnv('/work'),
        limits: {
          timeoutMs: 120_000,
          memoryBytes: 4 * 1024 ** 3,
          maxProcesses: 256,
          maxFileBytes: 512 * 1024 ** 2,
        },
        uid,
        proc: true,
      },
    });
  }

  /** The trusted driver, in a fresh sandbox where nothing is writable: stdin = secret line + the sample's values. */
  private runDriver(binary: string, problem: number, stdin: Buffer): Promise<SandboxRun> {
    return runSandboxed({
      spec: {
        argv: ['/opt/litmus/driver', String(problem)],
        binds: [{ host: binary, dest: '/opt/litmus/driver' }],
        work: { dest: '/work', readOnly: true },
        env: sandboxEnv('/work'),
        limits: {
          timeoutMs: Math.max(this.ctx!.timeoutMs, 10_000),
          memoryBytes: 1024 ** 3,
          maxProcesses: 16,
          maxFileBytes: 1024 ** 2,
        },
        uid: this.driverUid,
      },
      stdin,
    });
  }

  async dispose(): Promise<void> {
    this.drivers.clear();
  }
}
