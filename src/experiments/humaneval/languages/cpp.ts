import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Limits } from '../bwrap.ts';
import { findExecutable, firstErrorLine, randomTag, runCompiledSample, sampleDir, sandboxEnv, toolVersion } from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
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

/**
 * The test driver's secret: read from stdin by a .preinit_array entry (before every constructor of
 * the sample, which comes later in the same file), kept in a variable whose name is random per
 * program, and written to stdout as the last statement of the test's main(). No function prints it,
 * so a sample cannot call one; the secret is in no file, so it cannot read it.
 */
const DRIVER = (t: string) =>
  [
    '#include <unistd.h>',
    '#include <sys/syscall.h>',
    // Raw system calls: a sample that defines its own read()/write() must not see the secret go by.
    '#if defined(__x86_64__)',
    `static long litmus_sys_${t}(long n, long a, long b, long c){ long r; __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory"); return r; }`,
    '#else',
    `static long litmus_sys_${t}(long n, long a, long b, long c){ return n == SYS_read ? (long)read((int)a, (void*)b, (size_t)c) : n == SYS_write ? (long)write((int)a, (const void*)b, (size_t)c) : n == SYS_exit_group ? (_exit((int)a), 0L) : (long)close((int)a); }`,
    '#endif',
    `static char litmus_s_${t}[128];`,
    `static long litmus_n_${t} = 0;`,
    `static void litmus_r_${t}(){ long k; while (litmus_n_${t} < 127 && (k = litmus_sys_${t}(SYS_read, 0, (long)(litmus_s_${t} + litmus_n_${t}), 127 - litmus_n_${t})) > 0) litmus_n_${t} += k; litmus_sys_${t}(SYS_close, 0, 0, 0); }`,
    `__attribute__((section(".preinit_array"), used)) static void (*litmus_p_${t})() = litmus_r_${t};`,
    // The test's assert(): a failure exits through the raw system call, so a sample that defines
    // its own __assert_fail(), abort() or exit() cannot make failed assertions pass.
    `static void litmus_fail_${t}(const char* m){ litmus_sys_${t}(SYS_write, 2, (long)"Assertion failed: ", 18); long n = 0; while (m[n]) n++; litmus_sys_${t}(SYS_write, 2, (long)m, n); litmus_sys_${t}(SYS_write, 2, (long)"\\n", 1); litmus_sys_${t}(SYS_exit_group, 134, 0, 0); }`,
    `#define LITMUS_ASSERT_${t}(c) (static_cast<bool>(c) ? (void)0 : litmus_fail_${t}(#c))`,
    '',
  ].join('\n');

const DRIVER_END = (t: string) =>
  `    fflush(stdout); litmus_sys_${t}(SYS_write, 1, (long)litmus_s_${t}, litmus_n_${t});\n`;

export function assembleCpp(problem: Problem, generation: string, tag = randomTag()): string {
  const includes = STANDARD_INCLUDES.filter((line) => !problem.prompt.includes(line));
  const test = problem.test.replace(/\bassert\s*\(/g, `LITMUS_ASSERT_${tag}(`);
  const close = test.lastIndexOf('}');
  const testWithEnd = close < 0 ? test : `${test.slice(0, close)}${DRIVER_END(tag)}${test.slice(close)}`;
  return `${includes.join('\n')}\n${DRIVER(tag)}${problem.prompt}${generation}\n${testWithEnd}`;
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
  maxProcesses: 64,
  maxFileBytes: 256 * 1024 ** 2,
};

const PCH_DEST = '/opt/litmus-pch';

/**
 * C++: g++ -std=c++11 (as the benchmark), -O0, with a precompiled header of the standard includes
 * and, when binutils has it, the gold linker (a third faster to link than ld.bfd at -O0). Boost and
 * OpenSSL are probed only when a program includes them (most runs never need either). The compiler
 * runs in a sandbox of its own (only the sample's directory and the toolchain visible: an
 * `#include "/etc/…"` or `.incbin` finds nothing), the program in another, whose writable directory
 * is a bounded tmpfs holding nothing but a read-only copy of the binary.
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
    // prepended copies no-ops), compiled once with the same flags, in the sandbox.
    const pchDir = sampleDir(ctx.workDir, 'pch', ctx.uidBase);
    writeFileSync(join(pchDir, 'litmus_std.h'), `${STANDARD_INCLUDES.join('\n')}\n`);
    const goldDir = sampleDir(ctx.workDir, 'probe-gold', ctx.uidBase + 1);
    writeFileSync(join(goldDir, 'probe.cpp'), '#include <cstdio>\nint main(){ std::puts("ok"); return 0; }\n');
    const [pch, gold] = await Promise.all([
      this.compile([...FLAGS, '-x', 'c++-header', 'litmus_std.h', '-o', 'litmus_std.h.gch'], pchDir, ctx.uidBase),
      this.compile([...FLAGS, '-fuse-ld=gold', 'probe.cpp', '-o', 'probe'], goldDir, ctx.uidBase + 1),
    ]);
    if (pch.exitCode === 0) this.pchDir = pchDir;
    if (gold.exitCode === 0) this.linker = ['-fuse-ld=gold'];
  }

  /** g++ with `args` in a sandbox whose writable directory is `dir`; the PCH (if any) read-only. */
  private compile(args: string[], dir: string, uid: number) {
    return runSandboxed({
      spec: {
        argv: [this.gxx, ...args],
        binds: this.pchDir ? [{ host: this.pchDir, dest: PCH_DEST }] : [],
        work: { dest: '/work', host: dir },
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
      result = this.compile(
        [...FLAGS, ...this.linker, 'probe.cpp', '-o', 'probe', ...dep.libs],
        dir,
        this.ctx!.uidBase,
      ).then((run) => {
        if (run.exitCode === 0) return undefined;
        const reason = `cpp: ${dep.name} missing — ${dep.install}`;
        this.missing.add(reason);
        return reason;
      });
      this.probes.set(dep, result);
    }
    return result;
  }

  async evaluate(jobs: Job[], slot: number): Promise<SampleResult[]> {
    const ctx = this.ctx!;
    const out: SampleResult[] = [];
    for (const job of jobs) {
      const started = Date.now();
      const source = assembleCpp(job.problem, job.sample.generation);
      const base = { taskId: job.sample.taskId, index: job.sample.index };
      const needed = DEPENDENCIES.filter((d) => d.pattern.test(source));
      const missing = (await Promise.all(needed.map((d) => this.probe(d)))).find((reason) => reason !== undefined);
      if (missing) {
        out.push({ ...base, outcome: 'missing_dependency', detail: missing, durationMs: 0 });
        continue;
      }
      const uid = ctx.uidBase + slot;
      const dir = sampleDir(ctx.workDir, `${job.problem.number}-${job.sample.index}`, uid);
      try {
        writeFileSync(join(dir, 'test.cpp'), source);
        const libs = needed.flatMap((d) => d.libs);
        const pch = this.pchDir ? ['-I', PCH_DEST, '-include', 'litmus_std.h'] : [];
        const compile = await this.compile(
          [...FLAGS, ...pch, ...this.linker, 'test.cpp', '-o', 'a.out', ...libs],
          dir,
          uid,
        );
        if (compile.exitCode !== 0) {
          const detail = compile.timedOut ? 'compilation timed out' : firstErrorLine(compile.stderr);
          out.push({ ...base, outcome: 'compile_error', detail, durationMs: Date.now() - started });
          continue;
        }
        const verdict = await runCompiledSample(dir, 'a.out', {
              timeoutMs: ctx.timeoutMs,
              memoryBytes: 1024 ** 3,
              maxProcesses: 32,
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
