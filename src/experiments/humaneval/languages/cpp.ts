import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, firstErrorLine, judge, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { type Limits, runLimited } from '../sandbox.ts';
import type { Job, LanguageRunner, Problem, RunnerContext, SampleResult, Toolchain } from '../types.ts';

/** The benchmark's standard includes, prepended when the prompt does not already have them. */
const STANDARD_INCLUDES = [
  '#include<stdlib.h>',
  '#include<algorithm>',
  '#include<math.h>',
  '#include<stdio.h>',
  '#include<vector>',
  '#include<string>',
  '#include<climits>',
  '#include<cstring>',
  '#include<iostream>',
];

const FLAGS = ['-std=c++11', '-O0', '-w'];

/** Prints the sentinel; its call is placed as the last statement of the test's main(). */
const SENTINEL_FN = (sentinel: string) =>
  `static void litmus_tests_completed(){ fputs(${JSON.stringify(`${sentinel}\n`)}, stdout); fflush(stdout); }\n`;

export function assembleCpp(problem: Problem, generation: string, sentinel: string): string {
  const includes = STANDARD_INCLUDES.filter((line) => !problem.prompt.includes(line));
  const test = problem.test;
  const close = test.lastIndexOf('}');
  const testWithSentinel =
    close < 0 ? test : `${test.slice(0, close)}    litmus_tests_completed();\n${test.slice(close)}`;
  return `${includes.join('\n')}\n${problem.prompt}${generation}\n${SENTINEL_FN(sentinel)}${testWithSentinel}`;
}

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
  maxProcesses: 4096,
  maxFileBytes: 256 * 1024 ** 2,
};

/** Runs a trusted build step (PCH, probes) as us; true when it exits 0. */
function builds(argv: string[], cwd: string, timeoutMs = 120_000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { cwd, timeout: timeoutMs }, (error) => resolve(error === null));
  });
}

/**
 * C++: g++ -std=c++11 (as the benchmark), -O0, with a precompiled header of the standard includes
 * and, when binutils has it, the gold linker (a third faster to link than ld.bfd at -O0). Boost and
 * OpenSSL are probed only when a program includes them (most runs never need either).
 */
export class CppRunner implements LanguageRunner {
  readonly language = 'cpp' as const;
  readonly batchSize = 1;
  private gxx = 'g++';
  private ctx: RunnerContext | undefined;
  private pchDir: string | undefined;
  private linker: string[] = [];
  private probes = new Map<Dependency, Promise<string | undefined>>();
  private missing = new Set<string>();

  detect(): Toolchain {
    const gxx = findExecutable('g++');
    if (!gxx) return { available: false, reason: 'cpp: g++ not installed — apt-get install g++', notes: [] };
    this.gxx = gxx;
    return { available: true, version: toolVersion([gxx, '--version']), notes: [] };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    // Precompiled header: the standard includes every program gets anyway (include guards make the
    // prepended copies no-ops), compiled once with the same flags.
    const pchDir = join(ctx.workDir, 'pch');
    mkdirSync(pchDir, { recursive: true });
    writeFileSync(join(pchDir, 'litmus_std.h'), `${STANDARD_INCLUDES.join('\n')}\n`);
    const goldDir = join(ctx.workDir, 'probe-gold');
    mkdirSync(goldDir, { recursive: true });
    writeFileSync(join(goldDir, 'probe.cpp'), '#include <cstdio>\nint main(){ std::puts("ok"); return 0; }\n');
    const [pch, gold] = await Promise.all([
      builds([this.gxx, ...FLAGS, '-x', 'c++-header', 'litmus_std.h', '-o', 'litmus_std.h.gch'], pchDir),
      builds([this.gxx, ...FLAGS, '-fuse-ld=gold', 'probe.cpp', '-o', 'probe'], goldDir, 60_000),
    ]);
    if (pch) this.pchDir = pchDir;
    if (gold) this.linker = ['-fuse-ld=gold'];
  }

  notes(): string[] {
    return [...this.missing];
  }

  /** Why `dep` cannot be used (probed once, on first need), or undefined when it can. */
  private probe(dep: Dependency): Promise<string | undefined> {
    let result = this.probes.get(dep);
    if (!result) {
      const dir = join(this.ctx!.workDir, `probe-${this.probes.size}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'probe.cpp'), dep.probe);
      result = builds([this.gxx, ...FLAGS, ...this.linker, 'probe.cpp', '-o', 'probe', ...dep.libs], dir, 60_000).then(
        (ok) => {
          if (ok) return undefined;
          const reason = `cpp: ${dep.name} missing — ${dep.install}`;
          this.missing.add(reason);
          return reason;
        },
      );
      this.probes.set(dep, result);
    }
    return result;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const source = assembleCpp(job.problem, job.sample.generation, job.sentinel);
      const base = { taskId: job.sample.taskId, index: job.sample.index };
      const needed = DEPENDENCIES.filter((d) => d.pattern.test(source));
      const missing = (await Promise.all(needed.map((d) => this.probe(d)))).find((reason) => reason !== undefined);
      if (missing) {
        out.push({ ...base, outcome: 'missing_dependency', detail: missing, durationMs: 0 });
        continue;
      }
      const uid = ctx.uidBase + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, ctx.caps, uid);
      writeFileSync(join(dir, 'test.cpp'), source);
      const libs = needed.flatMap((d) => d.libs);
      const pch = this.pchDir ? ['-I', this.pchDir, '-include', 'litmus_std.h'] : [];
      const argv = [this.gxx, ...FLAGS, ...pch, ...this.linker, 'test.cpp', '-o', 'a.out', ...libs];
      const compile = await runLimited(argv, {
        cwd: dir,
        env: { ...sandboxEnv(dir), PATH: process.env.PATH ?? '/usr/bin:/bin' },
        limits: COMPILE_LIMITS,
        uid,
        caps: ctx.caps,
        sandboxed: false,
      });
      if (compile.exitCode !== 0) {
        const detail = compile.timedOut ? 'compilation timed out' : firstErrorLine(compile.stderr);
        out.push({ ...base, outcome: 'compile_error', detail, durationMs: Date.now() - started });
        continue;
      }
      const run = await runLimited(['./a.out'], {
        cwd: dir,
        env: sandboxEnv(dir),
        limits: { timeoutMs: ctx.timeoutMs, memoryBytes: 1024 ** 3, maxProcesses: 32, maxFileBytes: 16 * 1024 ** 2 },
        uid,
        caps: ctx.caps,
      });
      out.push({ ...base, ...judge(run, job.sentinel), durationMs: Date.now() - started });
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
