import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../bwrap.ts';
import {
  findExecutable,
  firstErrorLine,
  judgeReplayed,
  RESULTS_MAX_BYTES,
  sampleDir,
  sandboxEnv,
  toolVersion,
} from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import {
  assembleCpp,
  assembleCppDriver,
  assembleCppDrivers,
  globalNameProbe,
  REPLAY_ANY_HEADER,
  REPLAY_HEADER,
  STANDARD_INCLUDES,
} from './cpp-programs.ts';

export { assembleCppDriver, assembleCpp } from './cpp-programs.ts';

// -pipe: the assembler reads the compiler's output through a pipe, not a file in /tmp (~12% less wall per
// compile and link here).
const FLAGS = ['-std=c++11', '-O0', '-w', '-pipe'];

/** The replay header and its boost::any codec, shipped beside this file (see cpp-replay.h). */
const HEADER_FILES = [REPLAY_HEADER, REPLAY_ANY_HEADER].map((name) => ({
  name,
  path: fileURLToPath(new URL(`./${name}`, import.meta.url)),
}));

interface Dependency {
  pattern: RegExp;
  name: string;
  install: string;
  probe: string;
  libs: string[];
}

/** Third-party headers some tasks need (CPP/22, CPP/137: Boost; CPP/162: OpenSSL). */
const DEPENDENCIES: Dependency[] = [
  {
    pattern: /#\s*include\s*<boost\//,
    name: 'Boost headers',
    install: 'apt-get install libboost-dev',
    probe: '#include <boost/any.hpp>\nint main(){return 0;}\n',
    libs: [],
  },
  {
    pattern: /#\s*include\s*<openssl\//,
    name: 'OpenSSL',
    install: 'apt-get install libssl-dev',
    probe:
      '#include <openssl/md5.h>\nint main(){ unsigned char d[16]; MD5((const unsigned char*)"a", 1, d); return 0;}\n',
    libs: ['-lcrypto', '-lssl'],
  },
];

const COMPILE_LIMITS: Limits = {
  timeoutMs: 60_000,
  memoryBytes: 4 * 1024 ** 3,
  maxProcesses: 64,
  maxFileBytes: 256 * 1024 ** 2,
};

const HEADER_DEST = '/opt/litmus-pch';
const DRIVER_DEST = '/opt/litmus-driver/driver';
/** Test drivers are compiled and run under uids of their own in the run's block (slots use 0…). */
const DRIVER_UID_OFFSET = 500;

/** A problem's driver: its binary and the arguments that select the problem in it, or why there is none. */
type Driver = { binary: string; args: string[] } | { error: string };

/**
 * C++: g++ -std=c++11 (as the benchmark), -O0, with a precompiled header of the standard includes
 * and the replay header, and, when binutils has it, the gold linker (a third faster to link than
 * ld.bfd at -O0). Boost and OpenSSL are probed only when a program includes them. Every sample is
 * judged outside its own process by a lockstep replay (cpp-replay.h): the sample's program runs the
 * test and writes each value its entry point returned on fd 3; a trusted driver, compiled once per
 * problem from the prompt with a stub body and the same test, replays those values into the test's
 * assertions in a sandbox of its own and alone knows the per-run secret. The compiler runs in a
 * sandbox of its own (only the sample's directory and the toolchain visible: an `#include "/etc/…"`
 * or `.incbin` finds nothing), each program in another, whose writable directory is a bounded tmpfs
 * holding nothing but a read-only copy of the binary.
 */
export class CppRunner implements LanguageRunner {
  readonly language = 'cpp' as const;
  /** Jobs per evaluate(): the drivers of a batch's problems are built by one g++ run. */
  readonly batchSize = 8;
  private gxx = 'g++';
  private ctx: RunnerContext | undefined;
  private headerDir = '';
  private linker: string[] = [];
  private probes = new Map<Dependency, Promise<string | undefined>>();
  private drivers = new Map<number, Promise<Driver>>();
  private driverBuilds = 0;
  private missing = new Set<string>();

  detect(): Toolchain {
    const gxx = findExecutable('g++');
    if (!gxx) return { available: false, reason: 'cpp: g++ not installed — apt-get install g++', notes: [] };
    this.gxx = gxx;
    return {
      available: true,
      version: toolVersion([gxx, '--version']),
      notes: [
        "tests judged outside the sample's process: the sample's program reports its entry point's values on fd 3, a trusted driver per problem replays them into the test's assertions",
      ],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    // The headers every program includes first: the standard includes (include guards make the
    // prepended copies no-ops) and the replay header, precompiled once with the same flags, in the
    // sandbox and at the path the compiles see it, so they load the .gch instead of parsing.
    this.headerDir = sampleDir(ctx.workDir, 'pch', ctx.uidBase);
    for (const file of HEADER_FILES) copyFileSync(file.path, join(this.headerDir, file.name));
    writeFileSync(
      join(this.headerDir, 'litmus_std.h'),
      `#include <${REPLAY_HEADER}>\n${STANDARD_INCLUDES.join('\n')}\n`,
    );
    const goldDir = sampleDir(ctx.workDir, 'probe-gold', ctx.uidBase + 1);
    writeFileSync(join(goldDir, 'probe.cpp'), '#include <cstdio>\nint main(){ std::puts("ok"); return 0; }\n');
    const [, gold] = await Promise.all([
      this.compile(['-x', 'c++-header', 'litmus_std.h', '-o', 'litmus_std.h.gch'], this.headerDir, ctx.uidBase, {
        dest: HEADER_DEST,
        pch: false,
      }),
      this.compile(['-fuse-ld=gold', 'probe.cpp', '-o', 'probe'], goldDir, ctx.uidBase + 1, { pch: false }),
    ]);
    if (gold.exitCode === 0) this.linker = ['-fuse-ld=gold'];
  }

  /**
   * g++ with `args` in a sandbox whose writable directory is `dir` (at /work, or `dest`), the
   * headers read-only. Without a usable .gch, g++ parses litmus_std.h itself.
   */
  private compile(args: string[], dir: string, uid: number, options: { dest?: string; pch?: boolean } = {}) {
    const inPlace = options.dest === HEADER_DEST;
    const include = options.pch === false ? ['-I', HEADER_DEST] : ['-I', HEADER_DEST, '-include', 'litmus_std.h'];
    return runSandboxed({
      spec: {
        argv: [this.gxx, ...FLAGS, ...include, ...args],
        binds: inPlace ? [] : [{ host: this.headerDir, dest: HEADER_DEST }],
        work: { dest: options.dest ?? '/work', host: dir },
        env: sandboxEnv('/work'),
        limits: COMPILE_LIMITS,
        uid,
        proc: true,
      },
    });
  }

  notes(): string[] {
    return [...this.missing];
  }

  /** Why `dep` cannot be used (probed once, on first need), or undefined when it can. */
  private probe(dep: Dependency): Promise<string | undefined> {
    let result = this.probes.get(dep);
    if (!result) {
      const dir = sampleDir(this.ctx!.workDir, `probe-${this.probes.size}`, this.ctx!.uidBase);
      writeFileSync(join(dir, 'probe.cpp'), dep.probe);
      result = this.compile([...this.linker, 'probe.cpp', '-o', 'probe', ...dep.libs], dir, this.ctx!.uidBase, {
        pch: false,
      }).then((run) => {
        if (run.exitCode === 0) return undefined;
        const reason = `cpp: ${dep.name} missing — ${dep.install}`;
        this.missing.add(reason);
        return reason;
      });
      this.probes.set(dep, result);
    }
    return result;
  }

  /**
   * Starts building the drivers of the problems not built yet, all in one g++ run (about a quarter of
   * the cost of one run each: the precompiled header and the standard templates once). A problem
   * that declares a name already global (globalNameProbe) is built on its own, as is each problem of
   * a batch that does not build, in turn, so one problem never costs the others their drivers.
   */
  private buildDrivers(problems: Problem[], uid: number): void {
    const todo = [...new Map(problems.map((p) => [p.number, p])).values()].filter((p) => !this.drivers.has(p.number));
    if (todo.length === 0) return;
    const batched =
      todo.length === 1
        ? Promise.resolve<Problem[]>([])
        : this.alone(todo, uid).then((alone) => todo.filter((p) => !alone.has(p.number)));
    const together = batched.then((list) => (list.length > 1 ? this.buildDriver(list, uid) : undefined));
    let previous: Promise<unknown> = together;
    for (const problem of todo) {
      const before = previous;
      const driver = together.then(async (built): Promise<Driver> => {
        const inBatch = (await batched).some((p) => p.number === problem.number);
        if (built && inBatch && !('error' in built)) return { binary: built.binary, args: [String(problem.number)] };
        await before.catch(() => undefined);
        return this.buildDriver([problem], uid);
      });
      previous = driver;
      // Settled either way: a sample that fails before it needs its driver never awaits this one.
      const settled = driver.catch((error: Error) => ({
        error: `the test driver of ${problem.taskId} failed: ${error.message}`,
      }));
      this.drivers.set(problem.number, settled);
    }
  }

  /** The problems that must be built alone: the compiler's answer to globalNameProbe (all, if it gives none). */
  private async alone(problems: Problem[], uid: number): Promise<Set<number>> {
    const probe = globalNameProbe(problems);
    const dir = sampleDir(this.ctx!.workDir, `driver-probe-${this.driverBuilds++}`, uid);
    writeFileSync(join(dir, 'probe.cpp'), probe.source);
    const run = await this.compile(['-fsyntax-only', '-fmax-errors=0', 'probe.cpp'], dir, uid);
    if (run.timedOut) return new Set(problems.map((p) => p.number));
    const failed = new Set([...run.stderr.matchAll(/probe\.cpp:(\d+):\d+: error/g)].map((m) => Number(m[1])));
    const alone = new Set<number>();
    for (const [line, problem] of probe.problemOfLine) if (!failed.has(line)) alone.add(problem);
    return alone;
  }

  private async buildDriver(problems: Problem[], uid: number): Promise<Driver> {
    let source: string;
    try {
      source = problems.length === 1 ? assembleCppDriver(problems[0]!) : assembleCppDrivers(problems);
    } catch (error) {
      return { error: `no test driver for ${problems.map((p) => p.taskId).join(', ')}: ${(error as Error).message}` };
    }
    const dir = sampleDir(this.ctx!.workDir, `driver-${this.driverBuilds++}`, uid);
    writeFileSync(join(dir, 'driver.cpp'), source);
    const libs = DEPENDENCIES.filter((d) => d.pattern.test(source)).flatMap((d) => d.libs);
    const run = await this.compile([...this.linker, 'driver.cpp', '-o', 'driver', ...libs], dir, uid);
    if (run.exitCode !== 0) {
      const names = problems.map((p) => p.taskId).join(', ');
      return { error: `the test driver of ${names} did not compile: ${firstErrorLine(run.stderr)}` };
    }
    return { binary: join(dir, 'driver'), args: [] };
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    this.buildDrivers(
      jobs.map((job) => job.problem),
      this.ctx!.uidBase + DRIVER_UID_OFFSET + slot,
    );
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const result = await this.evaluateOne(job, slot);
      out.push({ taskId: job.sample.taskId, index: job.sample.index, ...result, durationMs: Date.now() - started });
    }
    return out;
  }

  private async evaluateOne(job: Job, slot: number): Promise<Omit<SampleResult, 'taskId' | 'index' | 'durationMs'>> {
    const ctx = this.ctx!;
    let source: string;
    try {
      source = assembleCpp(job.problem, job.sample.generation);
    } catch (error) {
      return { outcome: 'failed', detail: `no test driver for ${job.problem.taskId}: ${(error as Error).message}` };
    }
    const needed = DEPENDENCIES.filter((d) => d.pattern.test(source));
    const missing = (await Promise.all(needed.map((d) => this.probe(d)))).find((reason) => reason !== undefined);
    if (missing) return { outcome: 'missing_dependency', detail: missing };
    const uid = ctx.uidBase + slot;
    const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, uid);
    try {
      writeFileSync(join(dir, 'test.cpp'), source);
      const libs = needed.flatMap((d) => d.libs);
      const compile = await this.compile([...this.linker, 'test.cpp', '-o', 'a.out', ...libs], dir, uid);
      if (compile.exitCode !== 0) {
        return {
          outcome: 'compile_error',
          detail: compile.timedOut ? 'compilation timed out' : firstErrorLine(compile.stderr),
        };
      }
      const driver = await this.drivers.get(job.problem.number)!;
      if ('error' in driver) return { outcome: 'failed', detail: driver.error };
      const sampleRun = await runSandboxed({
        spec: {
          argv: ['/work/a.out'],
          binds: [{ host: join(dir, 'a.out'), dest: '/work/a.out' }],
          work: { dest: '/work' },
          env: sandboxEnv('/work'),
          limits: { timeoutMs: ctx.timeoutMs, memoryBytes: 1024 ** 3, maxProcesses: 32, maxFileBytes: 16 * 1024 ** 2 },
          uid,
        },
        resultsChannel: { maxBytes: RESULTS_MAX_BYTES },
      });
      // The driver: a fresh sandbox after the sample's is gone, nothing writable, only its binary.
      const runDriver = (stdin: Buffer) =>
        runSandboxed({
          spec: {
            argv: [DRIVER_DEST, ...driver.args],
            binds: [{ host: driver.binary, dest: DRIVER_DEST }],
            work: { dest: '/work', readOnly: true },
            env: sandboxEnv('/work'),
            limits: { timeoutMs: ctx.timeoutMs, memoryBytes: 1024 ** 3, maxProcesses: 8, maxFileBytes: 1024 ** 2 },
            uid: ctx.uidBase + DRIVER_UID_OFFSET + slot,
          },
          stdin,
        });
      return await judgeReplayed(sampleRun, runDriver, job.sentinel);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async dispose(): Promise<void> {}
}
