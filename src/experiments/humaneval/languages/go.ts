import { chmodSync, existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable, firstErrorLine, judge, randomTag, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

/** Packages the benchmark adds to the imports when the generation visibly uses them. */
const OPTIONAL_IMPORTS = [
  'math',
  'strings',
  'fmt',
  'strconv',
  'time',
  'bytes',
  'regexp',
  'sort',
  'math/rand',
  'crypto/md5',
];

export function assembleGo(problem: Problem, generation: string): string {
  const setup =
    problem.testSetup ?? 'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n';
  const prompt = problem.importBlock ? problem.prompt.replace(problem.importBlock, '') : problem.prompt;
  // Scan code, not comments: a docstring mentioning "strings." must not add an unused import.
  const code = `${prompt}\n${generation}`.replace(/\/\/[^\n]*/g, '');
  const extra = OPTIONAL_IMPORTS.filter((pkg) => {
    if (setup.includes(`"${pkg}"`)) return false;
    const name = pkg.split('/').pop()!;
    return new RegExp(`(^|[^\\w.])${name}\\.`).test(code);
  });
  const imports = extra.length > 0 ? `import (\n${extra.map((p) => `    "${p}"\n`).join('')})\n` : '';
  return `${setup}\n${imports}\n${prompt}${generation}\n${problem.test}`;
}

/**
 * The driver, in a file named to sort before the sample's (Go initialises package variables file by
 * file in that order, before any init()): a package variable with a random name reads the per-run
 * secret from stdin before any sample code runs; TestMain runs the tests and prints it only when all
 * passed. The secret is in no file and no function returns it.
 */
export const GO_DRIVER_FILE = '0litmus_main_test.go';

export function goDriverFile(tag: string): string {
  return `package main\n\nimport (\n    litmusio "io"\n    litmusos "os"\n    "testing"\n)\n\nvar litmusS${tag} = func() []byte { b, _ := litmusio.ReadAll(litmusos.Stdin); litmusos.Stdin.Close(); return b }()\n\nfunc TestMain(m *testing.M) {\n    code := m.Run()\n    if code == 0 {\n        litmusos.Stdout.Write(litmusS${tag})\n    }\n    litmusos.Exit(code)\n}\n`;
}

const SHIM = fileURLToPath(new URL('./go-testify-shim', import.meta.url));
const MODULE = 'humanEval';

/**
 * Build failures per package from the output of one `go test` over many packages: the go command
 * heads each failing package's messages with `# <import path>` (`# humanEval/s3 [humanEval/s3.test]`).
 * Returns package directory → first message, with the directory prefix turned into `./`.
 */
export function goBuildErrors(output: string, module = 'humanEval'): Map<string, string> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  const header = new RegExp(`^# ${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([\\w.-]+)(\\s|$)`);
  for (const line of output.split('\n')) {
    const head = header.exec(line);
    if (head) {
      current = blocks.get(head[1]!) ?? [];
      blocks.set(head[1]!, current);
    } else if (line.startsWith('# ') || /^(ok|FAIL|\?)\s/.test(line) || line === 'FAIL') {
      current = undefined;
    } else if (current && line.trim() !== '') {
      current.push(line);
    }
  }
  const errors = new Map<string, string>();
  for (const [dir, lines] of blocks) {
    const first = lines[0]; // go reports in source order: the first message is the cause
    if (first === undefined) continue;
    const local = first.startsWith(`${dir}/`) ? `./${first.slice(dir.length + 1)}` : first;
    errors.set(dir, local.trim().slice(0, 300));
  }
  return errors;
}

/** Given to `go test -exec`: keeps the test binary (run later, in the sandbox) instead of running it. */
const KEEP_BINARY_SCRIPT =
  '#!/bin/sh\n# go test -exec hook: the working directory is the package directory.\ncp "$1" .test.bin.partial && exec mv .test.bin.partial test.bin\n';
const SHIM_DEST = '/opt/litmus/testify';
const KEEP_DEST = '/opt/litmus/keep-test-binary.sh';

interface Unit {
  job: Job;
  pkg: string; // directory under the batch module: "s3"
  dir: string;
  error?: string;
}

export interface GoTestRun {
  output: string; // stderr and stdout of the go command
  timedOut: boolean;
}

/**
 * Builds a batch with `go test` over its packages; afterwards each unit has a test binary or an
 * `error`. Units left with neither (the go command gave up early, or timed out) are rebuilt on
 * their own when the others got somewhere, else in two halves, down to single packages, so one
 * bad sample costs a few extra builds and fails only itself.
 */
export async function buildGoBatch<U extends { pkg: string; error?: string }>(
  units: U[],
  goTest: (pkgs: string[]) => Promise<GoTestRun>,
  hasBinary: (unit: U) => boolean,
): Promise<void> {
  const run = await goTest(units.map((u) => u.pkg));
  const errors = goBuildErrors(run.output, MODULE);
  const unresolved: U[] = [];
  for (const unit of units) {
    if (hasBinary(unit)) continue;
    const error = errors.get(unit.pkg);
    if (error !== undefined) unit.error = error;
    else unresolved.push(unit);
  }
  if (unresolved.length === 0) return;
  if (units.length === 1) {
    unresolved[0]!.error = run.timedOut ? 'compilation timed out' : firstErrorLine(run.output);
    return;
  }
  if (unresolved.length < units.length) return buildGoBatch(unresolved, goTest, hasBinary);
  const half = Math.ceil(unresolved.length / 2);
  await buildGoBatch(unresolved.slice(0, half), goTest, hasBinary);
  await buildGoBatch(unresolved.slice(half), goTest, hasBinary);
}

/**
 * Go: the benchmark runs `go test` per sample. Here ONE `go test` builds a whole batch — every
 * sample is a package of its own in a shared module (so each keeps its own `package main`, init
 * and TestMain) — with the same vet checks `go test` runs; `-exec` hands each test binary to a
 * script that keeps it instead of running it. Each binary then runs alone in the sandbox with its
 * own time limit and -test.paniconexit0, as `go test` would run it. A package that fails to build
 * only fails its own sample; when failures cannot be attributed the batch is split and rebuilt.
 * Offline: GOPROXY=off, testify replaced by a local minimal package. The go command runs in a
 * sandbox whose writable directories are the batch's module and the slot's build cache (only the go
 * tool writes there: no sample code runs at build time); each test binary runs in a sandbox of its
 * own that sees nothing of the build.
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
      ],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    this.keepBinary = join(ctx.workDir, 'keep-test-binary.sh');
    writeFileSync(this.keepBinary, KEEP_BINARY_SCRIPT);
    chmodSync(this.keepBinary, 0o755);
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
    try {
      writeFileSync(join(moduleDir, 'go.mod'), this.goMod());
      const units: Unit[] = jobs.map((job, k) => {
        const pkg = `s${k}`;
        const dir = join(moduleDir, pkg);
        mkdirSync(dir);
        writeFileSync(join(dir, 'main_test.go'), assembleGo(job.problem, job.sample.generation));
        writeFileSync(join(dir, GO_DRIVER_FILE), goDriverFile(randomTag()));
        return { job, pkg, dir };
      });
      sampleDir(moduleDir, '.', uid);
      for (const unit of units) sampleDir(unit.dir, '.', uid);
      await buildGoBatch(
        units,
        (pkgs) => this.goTest(pkgs, moduleDir, slot),
        (unit) => existsSync(join(unit.dir, 'test.bin')),
      );
      const buildMs = (Date.now() - started) / jobs.length;
      const out: SampleResult[] = [];
      for (const unit of units) {
        const base = { taskId: unit.job.sample.taskId, index: unit.job.sample.index };
        if (unit.error !== undefined) {
          out.push({ ...base, outcome: 'compile_error', detail: unit.error, durationMs: buildMs });
          continue;
        }
        const seconds = Math.ceil(ctx.timeoutMs / 1000) + 5; // our own limit fires first: a timeout, not a panic
        const run = await runSandboxed({
          spec: {
            argv: ['/opt/test.bin', '-test.paniconexit0', `-test.timeout=${seconds}s`],
            binds: [{ host: join(unit.dir, 'test.bin'), dest: '/opt/test.bin' }],
            work: { dest: '/work' },
            env: sandboxEnv('/work'),
            limits: {
              timeoutMs: ctx.timeoutMs,
              memoryBytes: 4 * 1024 ** 3,
              maxProcesses: 128,
              maxFileBytes: 16 * 1024 ** 2,
            },
            uid,
            proc: true,
          },
          stdin: `${unit.job.sentinel}\n`,
        });
        out.push({ ...base, ...judge(run, unit.job.sentinel), durationMs: run.durationMs + buildMs });
      }
      return out;
    } finally {
      rmSync(moduleDir, { recursive: true, force: true });
    }
  }

  private goMod(): string {
    return `module ${MODULE}\n\ngo 1.18\n\nrequire github.com/stretchr/testify v1.8.0\n\nreplace github.com/stretchr/testify => ${SHIM_DEST}\n`;
  }

  private async goTest(pkgs: string[], moduleDir: string, slot: number): Promise<GoTestRun> {
    const ctx = this.ctx!;
    const run = await runSandboxed({
      spec: {
        argv: [this.go, 'test', '-count=1', '-exec', KEEP_DEST, ...pkgs.map((p) => `./${p}`)],
        binds: [
          { host: SHIM, dest: SHIM_DEST },
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
