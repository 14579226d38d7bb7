import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { detectBwrap } from './bwrap.ts';
import { runSandboxed, type SandboxRun } from './sandbox.ts';
import type { Limits } from './bwrap.ts';
import type { Outcome } from './types.ts';

export { findExecutable } from './find-executable.ts';

/** The environment sandboxed programs see: nothing inherited but a PATH, a HOME and a locale. */
export function sandboxEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: dir,
    TMPDIR: '/tmp',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/** First non-empty output line of `argv` (e.g. `g++ --version`), or undefined when it fails. */
export function toolVersion(argv: string[], env?: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 20_000, env: env ?? process.env });
  if (r.status !== 0) return undefined;
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  return text
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

/** A fresh host directory for a sandbox step, owned by the sandbox uid so the step may write in it. */
export function sampleDir(root: string, name: string, uid: number): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  if (detectBwrap().privileged) chownSync(dir, uid, uid);
  return dir;
}

export function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

/** Reads at most the last `limit` bytes of a file (program output may be large). */
export function readTail(path: string, limit = 64 * 1024): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, limit);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * A pass needs the tests to have run to their end: exit 0 AND the per-run secret, which the test
 * driver reads from stdin before any sample code runs (it is in no file the sample can read) and
 * prints only after the last test. A sample that exits early, or writes to stdout/stderr, does not
 * know it.
 */
export function judge(run: SandboxRun, sentinel: string): { outcome: Outcome; detail?: string } {
  if (run.timedOut) return { outcome: 'timeout', detail: 'time limit exceeded' };
  if (run.exitCode === 0 && run.stdout.includes(sentinel)) return { outcome: 'passed' };
  if (run.exitCode === 0) return { outcome: 'failed', detail: 'exited with status 0 before the tests finished' };
  const why = run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`;
  const line = telltaleLine(run.stderr) || telltaleLine(run.stdout);
  return { outcome: 'failed', detail: line ? `${why}: ${line}` : why };
}

/** The per-sample secret: bare hex, so no marker in the program's memory points at it. */
export function randomSentinel(): string {
  return randomBytes(16).toString('hex');
}

/** A random identifier suffix, so sample code cannot name the driver's variables or functions. */
export function randomTag(): string {
  return randomBytes(6).toString('hex');
}

/** The first line that says "error" (compilers print context first and a summary last). */
export function firstErrorLine(text: string): string {
  const line = text.split('\n').find((l) => /\berror\b/i.test(l));
  return (line ?? lastLine(text)).trim().slice(0, 300);
}

/** The line that best says why a run failed: the last error/assertion/panic line, else the last line. */
function telltaleLine(text: string): string {
  const lines = text.split('\n').filter((l) => /Error|error:|panicked|FAIL|Exception|Assertion/.test(l));
  return (lines[lines.length - 1] ?? lastLine(text)).trim().slice(0, 300);
}

/**
 * Runs a compiled sample's binary in a fresh sandbox (only the binary bound in, its work directory the
 * one writable place) and judges it: the per-run sentinel goes in on stdin and must come back after
 * the last test.
 */
export async function runCompiledSample(
  dir: string,
  binary: string,
  limits: Limits,
  uid: number,
  sentinel: string,
): Promise<{ outcome: Outcome; detail?: string }> {
  const run = await runSandboxed({
    spec: {
      argv: [`/work/${binary}`],
      binds: [{ host: join(dir, binary), dest: `/work/${binary}` }],
      work: { dest: '/work' },
      env: sandboxEnv('/work'),
      limits,
      uid,
    },
    stdin: `${sentinel}\n`,
  });
  return judge(run, sentinel);
}

/** Cap on what a sample's program may report on its results channel (fd 3). */
export const RESULTS_MAX_BYTES = 16 * 1024 ** 2;

/**
 * The verdict of a sample judged outside its own process (a lockstep replay): `sampleRun` is the sample's program, which ran the benchmark's test calls and wrote
 * each value its entry point returned on fd 3; `runDriver` runs the trusted driver — the test with the
 * entry point replaced by a replayer — in a fresh sandbox with `stdin` = the per-run secret's line
 * followed by those values. Only the driver's run decides: exit 0 and the secret printed after the last
 * test. The sample never sees the secret and is gone before the driver starts.
 */
export async function judgeReplayed(
  sampleRun: SandboxRun,
  runDriver: (stdin: Buffer) => Promise<SandboxRun>,
  sentinel: string,
): Promise<{ outcome: Outcome; detail?: string }> {
  if (sampleRun.timedOut) return { outcome: 'timeout', detail: 'time limit exceeded' };
  if (sampleRun.resultsOverflow || !sampleRun.results) {
    return { outcome: 'failed', detail: `returned more than ${RESULTS_MAX_BYTES} bytes of values` };
  }
  const driverRun = await runDriver(Buffer.concat([Buffer.from(`${sentinel}\n`), sampleRun.results]));
  const verdict = judge(driverRun, sentinel);
  if (verdict.outcome === 'passed') return verdict;
  if (driverRun.timedOut) return { outcome: 'failed', detail: 'the test driver did not finish' };
  // The sample's own failure (a crash, an exception) says more than "the values ran out" in the driver.
  if (sampleRun.exitCode !== 0) {
    const why = sampleRun.signal ? `killed by ${sampleRun.signal}` : `exit code ${sampleRun.exitCode}`;
    const line = telltaleLine(sampleRun.stderr) || telltaleLine(sampleRun.stdout);
    return { outcome: 'failed', detail: line ? `${why}: ${line}` : why };
  }
  return verdict;
}
