import { chmodSync, chownSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { detectBwrap } from '../bwrap.ts';
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
import type { Job, LanguageRunner, RunnerContext, SampleResult, Toolchain } from '../types.ts';
import { buildGoBatch, GO_MODULE, type GoTestRun } from './go-build.ts';
import { assembleGoDriver, assembleGoSample, goDriverMain, goTestName } from './go-program.ts';

export { buildGoBatch, type GoTestRun, goBuildErrors } from './go-build.ts';
export { assembleGo } from './go-program.ts';

const SHIM = fileURLToPath(new URL('./go-testify-shim', import.meta.url));
const REPLAY = fileURLToPath(new URL('./go-replay', import.meta.url));

/** Given to `go test -exec`: keeps the test binary (run later, in the sandbox) instead of running it. */
const KEEP_BINARY_SCRIPT =
  '#!/bin/sh\n# go test -exec hook: the working directory is the package directory.\ncp "$1" .test.bin.partial && exec mv .test.bin.partial test.bin\n';
const SHIM_DEST = '/opt/litmus/testify';
const REPLAY_DEST = '/opt/litmus/replay';
const KEEP_DEST = '/opt/litmus/keep-test-binary.sh';
/** Sandbox uids of the drivers: apart from the slots' uids, which build and run sample code. */
const DRIVER_UID_OFFSET = 500;

type DriverBuild = { binary: string; test: string } | { error: string };

interface Unit {
  pkg: string; // directory under the batch module: "s3", or "d17" for problem 17's driver
  dir: string;
  error?: string;
}

/** The drivers a batch builds: one test binary for the problems no earlier batch had. */
interface DriverSet {
  unit?: Unit; // the test package linking them all ("drivers")
  settle: Map<number, (build: DriverBuild) => void>;
  tests: Map<number, string>; // problem → its test function in the binary
}

/**
 * Go: the benchmark runs `go test` per sample. Here ONE `go test` builds a whole batch — every
 * sample is a package of its own in a shared module (so each keeps its own `package main` and
 * init) — with the same vet checks `go test` runs; `-exec` hands each test binary to a script that
 * keeps it instead of running it. A package that fails to build only fails its own sample; when
 * failures cannot be attributed the batch is split and rebuilt.
 *
 * Verdicts are judged outside the sample's process (lockstep replay): the sample's test binary
 * calls the entry point through a wrapper that writes each returned value on fd 3 (go-replay/trace);
 * it never sees the per-run secret. Each problem's trusted driver — the prompt with a stub body and
 * the same test, whose calls get those values back in order (go-replay/driver) — is built once per
 * run, in the batch that first needs it, and runs after the sample's sandbox is gone, in a fresh
 * sandbox of its own: the secret on its stdin, then the values. Only the driver's exit and secret
 * decide. Offline: GOPROXY=off, testify replaced by a local minimal package. The go command runs in
 * a sandbox whose writable directories are the batch's module and the slot's build cache (no sample
 * code runs at build time); each test binary runs in a sandbox that sees nothing of the build.
 */
export class GoRunner implements LanguageRunner {
  readonly language = 'go' as const;
  readonly batchSize = 12;
  private go = 'go';
  private ctx: RunnerContext | undefined;
  private env: Record<string, string> = {};
  private keepBinary = '';
  private goroot: string | undefined;
  private batches = 0;
  private drivers = new Map<number, Promise<DriverBuild>>();
  /** Per problem: the seed of the test's randomness, the same in the sample's program and the driver. */
  private seeds = new Map<number, string>();

  detect(): Toolchain {
    const go = findExecutable('go', ['/usr/local/go/bin', '/usr/lib/go/bin']);
    if (!go) return { available: false, reason: 'go: not installed — apt-get install golang-go', notes: [] };
    this.go = realpathSync(go);
    const root = toolVersion([this.go, 'env', 'GOROOT']);
    this.goroot = root && !root.startsWith('/usr/') ? root : undefined;
    const version = toolVersion([go, 'version']);
    if (!version) return { available: false, reason: `go: ${go} does not run — reinstall golang-go`, notes: [] };
    return {
      available: true,
      version,
      notes: [
        'github.com/stretchr/testify replaced by a local assert.New/Equal package (offline)',
        `one go test (with its vet checks) builds ${this.batchSize} samples at a time, each its own package; each test binary then runs alone in the sandbox`,
        "verdicts judged outside the sample's process: the sample's test binary only reports the entry point's return values on fd 3; a trusted driver per problem (the test with the entry point replaced by a replayer, built once per run) checks them in a fresh sandbox and alone knows the per-run secret",
        "the tests' randomness (time-seeded and global math/rand sources) is seeded per problem and run, the same in both programs",
      ],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    this.keepBinary = join(ctx.workDir, 'keep-test-binary.sh');
    writeFileSync(this.keepBinary, KEEP_BINARY_SCRIPT);
    chmodSync(this.keepBinary, 0o755);
    mkdirSync(join(ctx.workDir, 'drivers'));
    this.env = {
      PATH: '/usr/bin:/bin',
      HOME: '/work',
      GOCACHE: '/opt/gocache',
      GOPATH: '/tmp/gopath',
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOSUMDB: 'off',
      GO111MODULE: 'on',
      GOTOOLCHAIN: 'local',
      CGO_ENABLED: '0',
    };
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const started = Date.now();
    const uid = ctx.uidBase + slot;
    sampleDir(ctx.workDir, `gocache-${slot}`, uid);
    const moduleDir = sampleDir(ctx.workDir, `batch-${slot}-${this.batches++}`, uid);
    const units: (Unit & { job: Job })[] = [];
    const drivers: DriverSet = { settle: new Map(), tests: new Map() };
    try {
      writeFileSync(join(moduleDir, 'go.mod'), GO_MOD);
      const unit = (pkg: string, files: () => Record<string, string>): Unit => {
        const dir = join(moduleDir, pkg);
        mkdirSync(dir);
        try {
          for (const [file, text] of Object.entries(files())) writeFileSync(join(dir, file), text);
          return { pkg, dir };
        } catch (error) {
          return { pkg, dir, error: `cannot assemble the program: ${(error as Error).message}` };
        }
      };
      const linked: { importPath: string; test: string }[] = [];
      for (const [k, job] of jobs.entries()) {
        const { problem } = job;
        const seed = this.seed(problem.number);
        const sample = () => assembleGoSample(problem, job.sample.generation, seed, randomTag());
        units.push({ job, ...unit(`s${k}`, sample) });
        if (this.drivers.has(problem.number)) continue;
        this.drivers.set(problem.number, new Promise((resolve) => drivers.settle.set(problem.number, resolve)));
        const pkg = `d${problem.number}`;
        const driver = unit(pkg, () => ({ 'driver.go': assembleGoDriver(problem, seed, pkg) }));
        if (driver.error !== undefined) continue; // settled with "did not build" below
        drivers.tests.set(problem.number, `^TestDriver${linked.length}$`);
        linked.push({ importPath: `${GO_MODULE}/${pkg}`, test: goTestName(problem) });
      }
      if (linked.length > 0) drivers.unit = unit('drivers', () => ({ 'main_test.go': goDriverMain(linked) }));
      sampleDir(moduleDir, '.', uid);
      const all: Unit[] = [...units, ...(drivers.unit ? [drivers.unit] : [])];
      for (const u of all) sampleDir(u.dir, '.', uid);
      await buildGoBatch(
        all.filter((u) => u.error === undefined),
        (pkgs) => this.goTest(pkgs, moduleDir, slot),
        (u) => existsSync(join(u.dir, 'test.bin')),
      );
      this.keepDrivers(drivers);
      const buildMs = (Date.now() - started) / jobs.length;
      const out: SampleResult[] = [];
      for (const u of units) {
        const base = { taskId: u.job.sample.taskId, index: u.job.sample.index };
        if (u.error !== undefined) {
          out.push({ ...base, outcome: 'compile_error', detail: u.error, durationMs: buildMs });
          continue;
        }
        const runStarted = Date.now();
        const driver = await this.drivers.get(u.job.problem.number)!;
        if ('error' in driver) {
          out.push({
            ...base,
            outcome: 'failed',
            detail: `the test driver did not build: ${driver.error}`,
            durationMs: buildMs,
          });
          continue;
        }
        const sampleRun = await this.run(join(u.dir, 'test.bin'), uid, '');
        const verdict = await judgeReplayed(
          sampleRun,
          (stdin) => this.run(driver.binary, ctx.uidBase + DRIVER_UID_OFFSET + slot, stdin, driver.test),
          u.job.sentinel,
        );
        out.push({ ...base, ...verdict, durationMs: Date.now() - runStarted + buildMs });
      }
      return out;
    } finally {
      // A batch that threw must not leave other batches waiting for its drivers.
      for (const settle of drivers.settle.values()) settle({ error: 'its batch did not finish' });
      rmSync(moduleDir, { recursive: true, force: true });
    }
  }

  private seed(problem: number): string {
    let seed = this.seeds.get(problem);
    if (seed === undefined) {
      seed = String(randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn);
      this.seeds.set(problem, seed);
    }
    return seed;
  }

  /** Moves the batch's driver binary out of the batch (deleted afterwards), read-only and no longer the slot uid's. */
  private keepDrivers(drivers: DriverSet): void {
    const built = drivers.unit && join(drivers.unit.dir, 'test.bin');
    let binary: string | undefined;
    if (built && existsSync(built)) {
      binary = join(this.ctx!.workDir, 'drivers', `${basename(dirname(drivers.unit!.dir))}.bin`);
      renameSync(built, binary);
      if (detectBwrap().privileged) chownSync(binary, 0, 0);
      chmodSync(binary, 0o555);
    }
    for (const [problem, settle] of drivers.settle) {
      const test = drivers.tests.get(problem);
      settle(binary && test ? { binary, test } : { error: drivers.unit?.error ?? 'cannot assemble the driver' });
    }
    drivers.settle.clear();
  }

  /**
   * Runs a test binary alone in a fresh sandbox: a sample's (fd 3 its results channel, a scratch
   * work directory) or, given its test, a driver (nothing writable).
   */
  private run(binary: string, uid: number, stdin: string | Buffer, driverTest?: string): Promise<SandboxRun> {
    const isSample = driverTest === undefined;
    const ctx = this.ctx!;
    const seconds = Math.ceil(ctx.timeoutMs / 1000) + 5; // our own limit fires first: a timeout, not a panic
    return runSandboxed({
      spec: {
        argv: [
          '/opt/test.bin',
          '-test.paniconexit0',
          `-test.timeout=${seconds}s`,
          ...(isSample ? [] : [`-test.run=${driverTest}`]),
        ],
        binds: [{ host: binary, dest: '/opt/test.bin' }],
        work: isSample ? { dest: '/work' } : { dest: '/work', readOnly: true },
        env: sandboxEnv('/work'),
        limits: {
          timeoutMs: ctx.timeoutMs,
          memoryBytes: 4 * 1024 ** 3,
          maxProcesses: 128,
          maxFileBytes: 16 * 1024 ** 2,
        },
        uid, // no /proc: the Go runtime does without, and nothing in the sandbox needs to see itself
      },
      stdin,
      ...(isSample ? { resultsChannel: { maxBytes: RESULTS_MAX_BYTES } } : {}),
    });
  }

  private async goTest(pkgs: string[], moduleDir: string, slot: number): Promise<GoTestRun> {
    const ctx = this.ctx!;
    const run = await runSandboxed({
      spec: {
        argv: [this.go, 'test', '-count=1', '-exec', KEEP_DEST, ...pkgs.map((p) => `./${p}`)],
        binds: [
          { host: SHIM, dest: SHIM_DEST },
          { host: REPLAY, dest: REPLAY_DEST },
          { host: this.keepBinary, dest: KEEP_DEST },
          { host: join(ctx.workDir, `gocache-${slot}`), dest: '/opt/gocache', rw: true },
          ...(this.goroot ? [{ host: this.goroot }] : []),
        ],
        work: { dest: '/work', host: moduleDir },
        env: this.env,
        limits: { timeoutMs: 60_000 + 20_000 * pkgs.length, maxProcesses: 1024, maxFileBytes: 512 * 1024 ** 2 },
        uid: ctx.uidBase + slot,
        proc: true,
      },
      maxOutputBytes: 1024 * 1024,
    });
    return { output: `${run.stderr}\n${run.stdout}`, timedOut: run.timedOut };
  }

  async dispose(): Promise<void> {}
}

const GO_MOD = `module ${GO_MODULE}\n\ngo 1.18\n\nrequire (\n    github.com/stretchr/testify v1.8.0\n    litmus.local/replay v0.0.0\n)\n\nreplace github.com/stretchr/testify => ${SHIM_DEST}\n\nreplace litmus.local/replay => ${REPLAY_DEST}\n`;
