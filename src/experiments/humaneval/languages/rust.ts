import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, firstErrorLine, judge, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runLimited } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

/**
 * The crates the benchmark's Cargo project provides (rand 0.4, regex 1, md5 0.7). Offline we have
 * none of them: their `use` lines are dropped from the declaration, and a program that still
 * refers to a crate is reported as a missing dependency instead of a compile error.
 */
const CRATES = [
  { name: 'rand', use: /^\s*use\s+rand\b[^;]*;\s*$/gm, refers: /\brand::|\bRng\b|\bthread_rng\b/ },
  { name: 'regex', use: /^\s*use\s+regex\b[^;]*;\s*$/gm, refers: /\bregex::|\bRegex\b/ },
  { name: 'md5', use: /^\s*use\s+md5\b[^;]*;\s*$/gm, refers: /\bmd5::/ },
];

export interface RustProgram {
  source: string;
  missingCrates: string[];
}

export function assembleRust(problem: Problem, generation: string): RustProgram {
  let declaration = problem.declaration;
  for (const crate of CRATES) declaration = declaration.replace(crate.use, '');
  const body = `${problem.prompt}${generation}\n${problem.test}`;
  const missingCrates = CRATES.filter((c) => c.refers.test(body)).map((c) => c.name);
  return { source: `fn main(){}\n${declaration}\n${body}`, missingCrates };
}

/** libtest prints this after every test ran; `count` tests must all have passed. */
export function rustCompletionLine(test: string): string {
  const count = (test.match(/#\[test\]/g) ?? []).length;
  return `test result: ok. ${count} passed; 0 failed`;
}

const CARGO_BIN = join(homedir(), '.cargo', 'bin');

/**
 * Rust: `rustc --test` (edition 2021) per sample — no Cargo project, since the crates cannot be
 * fetched offline — then the test binary in the sandbox. A pass needs libtest's own summary line
 * (printed after the last test) with every test passed: `std::process::exit(0)` cannot fake it,
 * because test output is captured and the summary never comes.
 */
export class RustRunner implements LanguageRunner {
  readonly language = 'rust' as const;
  readonly batchSize = 1;
  private rustc = 'rustc';
  private ctx: RunnerContext | undefined;
  private buildEnv: Record<string, string> = {};

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
    return {
      available: true,
      version,
      notes: ['crates rand, regex, md5 unavailable offline: samples that use them count as missing_dependency'],
    };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const base = { taskId: job.sample.taskId, index: job.sample.index };
      const program = assembleRust(job.problem, job.sample.generation);
      if (program.missingCrates.length > 0) {
        const detail = `rust: crate ${program.missingCrates.join(', ')} unavailable offline`;
        out.push({ ...base, outcome: 'missing_dependency', detail, durationMs: 0 });
        continue;
      }
      const uid = ctx.uidBase + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, ctx.caps, uid);
      writeFileSync(join(dir, 'main.rs'), program.source);
      const build = await runLimited(
        [
          this.rustc,
          '--edition',
          '2021',
          '--test',
          '-C',
          'opt-level=0',
          '-C',
          'debuginfo=0',
          '-A',
          'warnings',
          '-o',
          'test.bin',
          'main.rs',
        ],
        {
          cwd: dir,
          env: this.buildEnv,
          limits: { timeoutMs: 120_000, maxProcesses: 4096, maxFileBytes: 512 * 1024 ** 2 },
          uid,
          caps: ctx.caps,
          sandboxed: false,
        },
      );
      if (build.exitCode !== 0) {
        const detail = build.timedOut ? 'compilation timed out' : firstErrorLine(build.stderr);
        out.push({ ...base, outcome: 'compile_error', detail, durationMs: Date.now() - started });
        continue;
      }
      const run = await runLimited(['./test.bin'], {
        cwd: dir,
        env: sandboxEnv(dir),
        limits: {
          timeoutMs: ctx.timeoutMs,
          memoryBytes: 2 * 1024 ** 3,
          maxProcesses: 64,
          maxFileBytes: 16 * 1024 ** 2,
        },
        uid,
        caps: ctx.caps,
      });
      out.push({ ...base, ...judge(run, rustCompletionLine(job.problem.test)), durationMs: Date.now() - started });
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
