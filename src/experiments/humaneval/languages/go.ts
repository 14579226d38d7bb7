import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable, firstErrorLine, judge, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runLimited, SANDBOX_UID_BASE } from '../sandbox.ts';
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

/** TestMain in a second file: runs the tests, then prints the sentinel only when all passed. */
export function goSentinelFile(sentinel: string): string {
  return `package main\n\nimport (\n    litmusfmt "fmt"\n    litmusos "os"\n    "testing"\n)\n\nfunc TestMain(m *testing.M) {\n    code := m.Run()\n    if code == 0 {\n        litmusfmt.Println(${JSON.stringify(sentinel)})\n    }\n    litmusos.Exit(code)\n}\n`;
}

const SHIM = fileURLToPath(new URL('./go-testify-shim', import.meta.url));

/**
 * Go: `go test -c` (which also runs the vet checks `go test` runs) in a module that requires
 * testify, with a shared GOCACHE, offline (GOPROXY=off); the test binary then runs in the sandbox
 * with -test.paniconexit0 as `go test` would. testify is replaced by a local minimal package.
 */
export class GoRunner implements LanguageRunner {
  readonly language = 'go' as const;
  readonly batchSize = 1;
  private go = 'go';
  private ctx: RunnerContext | undefined;
  private env: Record<string, string> = {};
  private shimDir = '';

  detect(): Toolchain {
    const go = findExecutable('go', ['/usr/local/go/bin', '/usr/lib/go/bin']);
    if (!go) return { available: false, reason: 'go: not installed — apt-get install golang-go', notes: [] };
    this.go = go;
    const version = toolVersion([go, 'version']);
    if (!version) return { available: false, reason: `go: ${go} does not run — reinstall golang-go`, notes: [] };
    return {
      available: true,
      version,
      notes: ['github.com/stretchr/testify replaced by a local assert.New/Equal package (offline)'],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    const cache = join(ctx.workDir, 'gocache');
    const gopath = join(ctx.workDir, 'gopath');
    mkdirSync(cache, { recursive: true });
    mkdirSync(gopath, { recursive: true });
    this.shimDir = join(ctx.workDir, 'testify');
    cpSync(SHIM, this.shimDir, { recursive: true });
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: ctx.workDir,
      GOCACHE: process.env.LITMUS_GOCACHE ?? cache,
      GOPATH: gopath,
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
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const uid = SANDBOX_UID_BASE + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, ctx.caps, uid);
      const base = { taskId: job.sample.taskId, index: job.sample.index };
      writeFileSync(
        join(dir, 'go.mod'),
        `module humanEval\n\ngo 1.18\n\nrequire github.com/stretchr/testify v1.8.0\n\nreplace github.com/stretchr/testify => ${this.shimDir}\n`,
      );
      writeFileSync(join(dir, 'main_test.go'), assembleGo(job.problem, job.sample.generation));
      writeFileSync(join(dir, 'litmus_main_test.go'), goSentinelFile(job.sentinel));
      const build = await runLimited([this.go, 'test', '-c', '-o', 'test.bin', '.'], {
        cwd: dir,
        env: this.env,
        limits: { timeoutMs: 120_000, maxProcesses: 4096, maxFileBytes: 512 * 1024 ** 2 },
        uid,
        caps: ctx.caps,
        sandboxed: false,
      });
      if (build.exitCode !== 0) {
        const detail = build.timedOut ? 'compilation timed out' : firstErrorLine(build.stderr + build.stdout);
        out.push({ ...base, outcome: 'compile_error', detail, durationMs: Date.now() - started });
        continue;
      }
      const seconds = Math.ceil(ctx.timeoutMs / 1000) + 5; // our own limit fires first: a timeout, not a panic
      const run = await runLimited(['./test.bin', '-test.paniconexit0', `-test.timeout=${seconds}s`], {
        cwd: dir,
        env: sandboxEnv(dir),
        limits: {
          timeoutMs: ctx.timeoutMs,
          memoryBytes: 4 * 1024 ** 3,
          maxProcesses: 128,
          maxFileBytes: 16 * 1024 ** 2,
        },
        uid,
        caps: ctx.caps,
      });
      out.push({ ...base, ...judge(run, job.sentinel), durationMs: Date.now() - started });
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
