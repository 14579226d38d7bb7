import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LitmusError } from '../../../core/errors.ts';
import {
  findExecutable,
  firstErrorLine,
  judgeReplayed,
  RESULTS_MAX_BYTES,
  randomTag,
  sampleDir,
  sandboxEnv,
  toolVersion,
} from '../common.ts';
import type { Bind } from '../bwrap.ts';
import { runSandboxed, type SandboxRun, UID_BLOCK_SIZE } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { JavaCompiler, type JavaUnit } from './java-compile.ts';
import { assembleDriver, assembleSample, DRIVER_CLASS, launcherName } from './java-programs.ts';

/**
 * Java, judged outside the sample's process by a lockstep replay (java-programs.ts builds the two
 * programs). The sample's program — prompt + generation + the test calling a tracer — runs in its own
 * sandbox and reports each value its entry point returned to the test on fd 3; its exit status and
 * output decide nothing. The trusted driver — the prompt with a stub + the same test calling a
 * replayer, no sample code — is compiled once per problem and runs afterwards in a fresh sandbox with
 * the per-run secret and those values on stdin (decoded by java-replay.java against the declared
 * return type); only the driver's run decides (judgeReplayed). The sample never holds the secret.
 *
 * Speed: javac's start-up costs more than compiling, so each worker slot keeps a warm compile server
 * (java-compile.ts) that compiles a whole batch — samples, and the drivers of their problems not built
 * yet — in one run, each program in a package of its own; the codec is compiled once in prepare().
 * A sample's driver runs while the next sample runs. Compile server and drivers run under the slot's
 * trusted uid, apart from every sample's (a sample's fork bomb cannot starve them).
 */
const TRACE_SOURCE = fileURLToPath(new URL('./java-trace.java', import.meta.url));
const REPLAY_SOURCE = fileURLToPath(new URL('./java-replay.java', import.meta.url));
const SERVER_SOURCE = fileURLToPath(new URL('./java-compile-server.java', import.meta.url));

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
/** The tracer wraps fd 3 in a stream through java.io.FileDescriptor's private field. */
const SAMPLE_FLAGS = [...JVM_FLAGS, '--add-opens', 'java.base/java.io=ALL-UNNAMED'];

type Unit = JavaUnit;

interface SampleUnit extends Unit {
  job: Job;
  tag: string;
}

/** A problem's driver: its classes directory, or why it could not be built. */
type DriverBuild = { dir: string } | { error: string };

export class JavaRunner implements LanguageRunner {
  readonly language = 'java' as const;
  readonly batchSize = 12;
  private javac = 'javac';
  private java = 'java';
  private ctx: RunnerContext | undefined;
  private binds: Bind[] = [];
  private codecDir = '';
  private drivers = new Map<number, Promise<DriverBuild>>();
  private compiler: JavaCompiler | undefined;

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
    return {
      available: true,
      version: toolVersion([javac, '-version']),
      notes: [
        "verdicts judged outside the sample's process: the sample reports its entry point's return values on fd 3, a trusted driver (the test against a stub, built once per problem) replays them in a fresh sandbox",
      ],
    };
  }

  /** Compiles the codec (tracer's encoder, replayer's decoder) and the compile server once for the run. */
  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    this.drivers.clear();
    const dir = sampleDir(ctx.workDir, 'codec', ctx.uidBase);
    const sources = [
      { file: 'src/litmus_trace/LitmusTrace.java', path: TRACE_SOURCE },
      { file: 'src/litmus_replay/LitmusReplay.java', path: REPLAY_SOURCE },
      { file: 'src/litmus_javac/CompileServer.java', path: SERVER_SOURCE },
    ];
    for (const { file, path } of sources) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), readFileSync(path));
    }
    sampleDir(dir, 'classes', ctx.uidBase);
    this.compiler = new JavaCompiler(this.javac, this.java, this.binds);
    const run = await this.compiler.once(
      sources.map((s) => s.file),
      dir,
      ctx.uidBase,
    );
    if (!run.ok)
      throw new LitmusError(
        'E_HUMANEVAL_MISSING',
        `java: the replay codec did not compile: ${firstErrorLine(run.output)}`,
      );
    this.codecDir = join(dir, 'classes');
    mkdirSync(join(ctx.workDir, 'drivers'), { recursive: true });
    this.compiler.serve(this.codecDir, (slot) => ({ dir: this.slotDir(slot), uid: this.trustedUid(slot) }));
  }

  /** A slot's directory: its batches, written by its compile server. */
  private slotDir(slot: number): string {
    return sampleDir(this.ctx!.workDir, `slot-${slot}`, this.trustedUid(slot));
  }

  /** The uid of a slot's trusted programs (compile server, drivers): half the run's uid block away from every sample's. */
  private trustedUid(slot: number): number {
    return this.ctx!.uidBase + UID_BLOCK_SIZE / 2 + slot;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const uid = ctx.uidBase + slot;
    const started = Date.now();
    const batch = `batch-${jobs[0]!.problem.number}-${jobs[0]!.sample.index}`;
    const batchDir = sampleDir(this.slotDir(slot), batch, this.trustedUid(slot));
    const write = (unit: Unit, source: () => string) => {
      try {
        const text = source();
        mkdirSync(join(batchDir, 'src', unit.pkg), { recursive: true });
        writeFileSync(join(batchDir, unit.file), text);
      } catch (error) {
        unit.error = (error as Error).message;
      }
    };
    // The drivers this batch builds: problems no earlier batch has claimed.
    const building = new Map<number, { unit: Unit; settle: (build: DriverBuild) => void }>();
    try {
      sampleDir(batchDir, 'classes', this.trustedUid(slot));
      for (const { problem } of jobs) {
        if (this.drivers.has(problem.number)) continue;
        const pkg = `litmus_d${problem.number}`;
        const unit: Unit = { pkg, file: `src/${pkg}/Main.java` };
        let settle: (build: DriverBuild) => void = () => {};
        this.drivers.set(problem.number, new Promise((resolve) => (settle = resolve)));
        building.set(problem.number, { unit, settle });
        write(unit, () => assembleDriver(problem, pkg));
      }
      const samples: SampleUnit[] = jobs.map((job) => {
        const pkg = `litmus_t${job.problem.number}_s${job.sample.index}`;
        const unit: SampleUnit = { job, tag: randomTag(), pkg, file: `src/${pkg}/Main.java` };
        write(unit, () => assembleSample(job.problem, job.sample.generation, pkg, unit.tag));
        return unit;
      });
      const driverUnits = [...building.values()].map((b) => b.unit);
      await this.compiler!.compileAll([...driverUnits, ...samples], batch, slot);
      for (const { unit, settle } of building.values()) {
        if (unit.error !== undefined) {
          settle({ error: unit.error });
          continue;
        }
        const dir = join(ctx.workDir, 'drivers', unit.pkg);
        renameSync(join(batchDir, 'classes', unit.pkg), dir);
        settle({ dir });
      }
      building.clear();
      const compileMs = (Date.now() - started) / jobs.length;
      // Drivers run one after another, each while the next sample runs.
      let previous: Promise<unknown> = Promise.resolve();
      const verdicts: Promise<SampleResult>[] = [];
      for (const unit of samples) {
        const base = { taskId: unit.job.sample.taskId, index: unit.job.sample.index };
        if (unit.error !== undefined) {
          verdicts.push(
            Promise.resolve({ ...base, outcome: 'compile_error', detail: unit.error, durationMs: compileMs }),
          );
          continue;
        }
        const driver = await this.drivers.get(unit.job.problem.number)!;
        if ('error' in driver) {
          const detail = `the benchmark's test did not compile: ${driver.error}`;
          verdicts.push(Promise.resolve({ ...base, outcome: 'compile_error', detail, durationMs: compileMs }));
          continue;
        }
        const sampleRun = await this.runSample(unit, batchDir, uid);
        const after = previous;
        const verdict = (async (): Promise<SampleResult> => {
          await after;
          let driverMs = 0;
          const judged = await judgeReplayed(
            sampleRun,
            async (stdin) => {
              const run = await this.runDriver(driver.dir, unit.job.problem, stdin, slot);
              driverMs = run.durationMs;
              return run;
            },
            unit.job.sentinel,
          );
          return { ...base, ...judged, durationMs: sampleRun.durationMs + driverMs + compileMs };
        })();
        previous = verdict;
        verdicts.push(verdict);
      }
      return await Promise.all(verdicts);
    } finally {
      // A batch that failed before its javac finished leaves no other batch waiting on its drivers.
      for (const { settle } of building.values()) settle({ error: 'the batch building it failed' });
      rmSync(batchDir, { recursive: true, force: true });
    }
  }

  /** The sample's program: only its classes and the tracer's, read-only; its working directory a tmpfs. */
  private runSample(unit: SampleUnit, batchDir: string, uid: number): Promise<SandboxRun> {
    return runSandboxed({
      spec: {
        argv: [this.java, ...SAMPLE_FLAGS, '-cp', '/opt/classes', `${unit.pkg}.${launcherName(unit.tag)}`],
        binds: [
          ...this.binds,
          { host: join(this.codecDir, 'litmus_trace'), dest: '/opt/classes/litmus_trace' },
          { host: join(batchDir, 'classes', unit.pkg), dest: `/opt/classes/${unit.pkg}` },
        ],
        work: { dest: '/work' },
        env: sandboxEnv('/work'),
        limits: this.limits(),
        uid,
        proc: true,
      },
      resultsChannel: { maxBytes: RESULTS_MAX_BYTES },
    });
  }

  /**
   * The driver in a fresh sandbox: its own classes and the decoder's, nothing of the sample's. Its uid
   * is the slot's offset by half the run's uid block, apart from every sample's.
   */
  private runDriver(dir: string, problem: Problem, stdin: Buffer, slot: number): Promise<SandboxRun> {
    const pkg = `litmus_d${problem.number}`;
    return runSandboxed({
      spec: {
        argv: [this.java, ...JVM_FLAGS, '-cp', '/opt/classes', `${pkg}.${DRIVER_CLASS}`],
        binds: [
          ...this.binds,
          { host: join(this.codecDir, 'litmus_replay'), dest: '/opt/classes/litmus_replay' },
          { host: dir, dest: `/opt/classes/${pkg}` },
        ],
        work: { dest: '/work' },
        env: sandboxEnv('/work'),
        limits: this.limits(),
        uid: this.trustedUid(slot),
        proc: true,
      },
      stdin,
    });
  }

  private limits() {
    return {
      timeoutMs: this.ctx!.timeoutMs,
      memoryBytes: 3 * 1024 ** 3,
      maxProcesses: 256,
      maxFileBytes: 16 * 1024 ** 2,
    };
  }

  async dispose(): Promise<void> {
    await this.compiler?.dispose();
    this.drivers.clear();
  }
}
