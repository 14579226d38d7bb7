import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, firstErrorLine, randomTag, runCompiledSample, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
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

/**
 * The test module's `#[test]` functions become plain public functions that a generated main() calls
 * in order: main reads the per-run secret from stdin first (safe Rust runs no code before main) and
 * prints it after the last test returned; a failed assertion panics and exits 101. libtest's fixed
 * summary line, which any program can print, is no longer what counts.
 */
export function assembleRust(problem: Problem, generation: string, tag = randomTag()): RustProgram {
  let declaration = problem.declaration;
  for (const crate of CRATES) declaration = declaration.replace(crate.use, '');
  const names = [...problem.test.matchAll(/#\[test\]\s*fn\s+(\w+)/g)].map((m) => m[1]!);
  const test = problem.test
    .replace(/#\[cfg\(test\)\]\s*mod\s+tests/, 'pub mod tests')
    .replace(/#\[test\]\s*fn\s+/g, 'pub fn ')
    // By path: a sample's own `macro_rules! assert_eq` cannot stand in for the real one.
    .replace(/(?<![\w:])(assert|assert_eq|assert_ne)!/g, '::core::$1!');
  const body = `${problem.prompt}${generation}\n${test}`;
  const missingCrates = CRATES.filter((c) => c.refers.test(`${problem.prompt}${generation}\n${problem.test}`)).map(
    (c) => c.name,
  );
  const calls = names.map((name) => `    tests::${name}();\n`).join('');
  const main = `fn main() {\n    let mut litmus_s_${tag} = Vec::new();\n    { use std::io::Read; let _ = std::io::stdin().lock().read_to_end(&mut litmus_s_${tag}); }\n${calls}    { use std::io::Write; let mut o = std::io::stdout().lock(); let _ = o.flush(); let _ = o.write_all(&litmus_s_${tag}); let _ = o.flush(); }\n}\n`;
  return { source: `${main}${declaration}\n${body}`, missingCrates };
}

const CARGO_BIN = join(homedir(), '.cargo', 'bin');

/**
 * Rust: rustc (edition 2021) per sample — no Cargo project, since the crates cannot be fetched
 * offline — in a sandbox that sees the toolchain (its sysroot, bound read-only) and the sample's
 * directory only, so `include_str!("/etc/…")` finds nothing; then the binary in a sandbox of its own.
 */
export class RustRunner implements LanguageRunner {
  readonly language = 'rust' as const;
  readonly batchSize = 1;
  private rustc = 'rustc';
  private ctx: RunnerContext | undefined;
  private buildEnv: Record<string, string> = {};
  private sysroot: string | undefined;

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
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, uid);
      try {
        writeFileSync(join(dir, 'main.rs'), program.source);
        const build = await runSandboxed({
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
              'test.bin',
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
        if (build.exitCode !== 0) {
          const detail = build.timedOut ? 'compilation timed out' : firstErrorLine(build.stderr);
          out.push({ ...base, outcome: 'compile_error', detail, durationMs: Date.now() - started });
          continue;
        }
        const verdict = await runCompiledSample(dir, 'test.bin', {
              timeoutMs: ctx.timeoutMs,
              memoryBytes: 2 * 1024 ** 3,
              maxProcesses: 64,
              maxFileBytes: 16 * 1024 ** 2,
            }, uid, job.sentinel);
        out.push({ ...base, ...verdict, durationMs: Date.now() - started });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
