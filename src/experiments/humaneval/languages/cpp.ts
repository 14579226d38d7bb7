import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, firstErrorLine, judge, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { type Limits, runLimited, SANDBOX_UID_BASE } from '../sandbox.ts';
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

/** Third-party headers some tasks need (CPP/22, CPP/137: Boost; CPP/162: OpenSSL). */
const DEPENDENCIES = [
  {
    pattern: /#\s*include\s*<boost\//,
    name: 'Boost headers',
    install: 'apt-get install libboost-dev',
    probe: '#include <boost/any.hpp>\nint main(){return 0;}\n',
    libs: [] as string[],
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

/** C++: g++ -std=c++11 (as the benchmark), -O0, with a precompiled header of the standard includes. */
export class CppRunner implements LanguageRunner {
  readonly language = 'cpp' as const;
  readonly batchSize = 1;
  private gxx = 'g++';
  private ctx: RunnerContext | undefined;
  private pchDir: string | undefined;
  private missing = new Map<RegExp, string>();

  detect(): Toolchain {
    const gxx = findExecutable('g++');
    if (!gxx) return { available: false, reason: 'cpp: g++ not installed — apt-get install g++', notes: [] };
    this.gxx = gxx;
    return { available: true, version: toolVersion([gxx, '--version']), notes: [] };
  }

  async prepare(ctx: RunnerContext): Promise<void> {
    this.ctx = ctx;
    const probeDir = join(ctx.workDir, 'probe');
    mkdirSync(probeDir, { recursive: true });
    for (const dep of DEPENDENCIES) {
      writeFileSync(join(probeDir, 'probe.cpp'), dep.probe);
      const r = spawnSync(this.gxx, [...FLAGS, 'probe.cpp', '-o', 'probe', ...dep.libs], {
        cwd: probeDir,
        timeout: 60_000,
      });
      if (r.status !== 0) this.missing.set(dep.pattern, `cpp: ${dep.name} missing — ${dep.install}`);
    }
    // Precompiled header: the standard includes every program gets anyway (include guards make the
    // prepended copies no-ops), compiled once with the same flags.
    const pchDir = join(ctx.workDir, 'pch');
    mkdirSync(pchDir, { recursive: true });
    writeFileSync(join(pchDir, 'litmus_std.h'), `${STANDARD_INCLUDES.join('\n')}\n`);
    const pch = spawnSync(this.gxx, [...FLAGS, '-x', 'c++-header', 'litmus_std.h', '-o', 'litmus_std.h.gch'], {
      cwd: pchDir,
      timeout: 120_000,
    });
    if (pch.status === 0) this.pchDir = pchDir;
  }

  notes(): string[] {
    return [...this.missing.values()];
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const source = assembleCpp(job.problem, job.sample.generation, job.sentinel);
      const base = { taskId: job.sample.taskId, index: job.sample.index };
      const missing = [...this.missing].find(([pattern]) => pattern.test(source));
      if (missing) {
        out.push({ ...base, outcome: 'missing_dependency', detail: missing[1], durationMs: 0 });
        continue;
      }
      const uid = SANDBOX_UID_BASE + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, ctx.caps, uid);
      writeFileSync(join(dir, 'test.cpp'), source);
      const libs = DEPENDENCIES.filter((d) => d.pattern.test(source)).flatMap((d) => d.libs);
      const pch = this.pchDir ? ['-I', this.pchDir, '-include', 'litmus_std.h'] : [];
      const compile = await runLimited([this.gxx, ...FLAGS, ...pch, 'test.cpp', '-o', 'a.out', ...libs], {
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
