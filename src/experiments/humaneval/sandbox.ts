import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LitmusError } from '../../core/errors.ts';
import { TailBuffer } from '../tail-buffer.ts';
import { bwrapArgv, type SandboxSpec } from './bwrap.ts';

export type { Limits } from './bwrap.ts';

export interface SandboxRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** What the program wrote on fd 3 (the results channel), when RunOptions.resultsChannel asked for one. */
  results?: Buffer;
  /** The program wrote more than resultsChannel.maxBytes on fd 3; `results` then holds nothing. */
  resultsOverflow?: boolean;
}

/**
 * Unprivileged uids used for sandboxed runs: a block of UID_BLOCK_SIZE per harness run (see
 * acquireUidBlock); within it, block base + worker slot. RLIMIT_NPROC counts per uid, so a fork
 * bomb in one slot cannot starve another slot or another run.
 */
export const SANDBOX_UID_BASE = 61000;
export const UID_BLOCK_SIZE = 1000;
const UID_BLOCKS = 32;

export interface UidBlock {
  base: number;
  release(): void;
}

/**
 * Claims a block of sandbox uids for one harness run, so that two runs at once — parallel test
 * files, two CLI runs — never share a process limit. A block is claimed by an atomic mkdir of a lock directory that records the
 * owner's pid; a lock whose owner is gone (crashed run) is taken over.
 */
export function acquireUidBlock(lockRoot = join(tmpdir(), 'litmus-sandbox-uids')): UidBlock {
  mkdirSync(lockRoot, { recursive: true });
  for (let k = 0; k < UID_BLOCKS; k++) {
    const lock = join(lockRoot, `block-${k}`);
    if (claim(lock) || (ownerGone(lock) && takeOver(lock) && claim(lock))) {
      return {
        base: SANDBOX_UID_BASE + k * UID_BLOCK_SIZE,
        release: () => rmSync(lock, { recursive: true, force: true }),
      };
    }
  }
  throw new LitmusError('E_BUSY', `all ${UID_BLOCKS} sandbox uid blocks under ${lockRoot} are in use`);
}

function claim(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  return true;
}

function ownerGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // being claimed right now (pid not written yet)
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Moves a stale lock aside (rename is atomic: of two runs taking over, one wins). */
function takeOver(lock: string): boolean {
  const aside = `${lock}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(lock, aside);
  } catch {
    return false;
  }
  rmSync(aside, { recursive: true, force: true });
  return true;
}

export interface RunOptions {
  spec: SandboxSpec;
  /** Written to the program's stdin, then closed (the per-run secret of the test driver, or the results it replays). */
  stdin?: string | Buffer;
  maxOutputBytes?: number;
  /**
   * Opens fd 3 as a pipe and collects everything written on it, whole (not a tail), up to maxBytes:
   * the channel on which a sample's program reports the values its entry point returned, kept apart
   * from stdout/stderr so the sample's own prints cannot corrupt it. Past maxBytes the pipe is
   * closed and the run marked resultsOverflow.
   */
  resultsChannel?: { maxBytes: number };
}

/**
 * Runs one program in a fresh sandbox (bwrap.ts) and collects its exit status and output tails. The
 * outer bwrap leads its own process group; killing it on timeout makes the sandbox's init die
 * (--die-with-parent), and with it the whole PID namespace: nothing the program started survives.
 * bwrap is started with an empty environment, so not even the sandbox's init holds litmus' variables.
 */
export function runSandboxed(options: RunOptions): Promise<SandboxRun> {
  const argv = bwrapArgv(options.spec);
  const started = Date.now();
  return new Promise((resolve) => {
    const stdout = new TailBuffer(options.maxOutputBytes ?? 64 * 1024);
    const stderr = new TailBuffer(options.maxOutputBytes ?? 64 * 1024);
    const child = spawn(argv[0]!, argv.slice(1), {
      env: {},
      detached: true,
      stdio: options.resultsChannel ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
    });
    const results = options.resultsChannel
      ? collectResults(child.stdio[3] as NodeJS.ReadableStream & { destroy(): void }, options.resultsChannel.maxBytes)
      : undefined;
    let timedOut = false;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.spec.limits.timeoutMs);
    let exitInfo: { code: number | null; signal: string | null } | undefined;
    let settled = false;
    let closed = false;
    let closeGuard: NodeJS.Timeout | undefined;
    const finish = () => {
      if (settled || !exitInfo || !closed) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(closeGuard);
      resolve({
        exitCode: exitInfo.code,
        signal: exitInfo.signal,
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: Date.now() - started,
        ...(results ? results.value() : {}),
      });
    };
    child.stdout?.on('data', (c: Buffer) => stdout.push(c));
    child.stderr?.on('data', (c: Buffer) => stderr.push(c));
    child.stdin?.on('error', () => {
      // the program exited without reading its stdin
    });
    child.stdin?.end(options.stdin ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      settled = true;
      resolve({ exitCode: null, signal: null, timedOut, stdout: '', stderr: error.message, durationMs: 0 });
    });
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      killGroup(); // bwrap's own helpers, if any lingered
      closeGuard = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        (child.stdio[3] as { destroy?: () => void } | null)?.destroy?.();
        closed = true;
        finish();
      }, 2000);
      finish();
    });
    child.on('close', () => {
      closed = true;
      finish();
    });
  });
}

/** Gathers fd 3 whole up to `maxBytes`; past it, drops what it has and stops reading. */
function collectResults(
  stream: NodeJS.ReadableStream & { destroy(): void },
  maxBytes: number,
): { value(): { results?: Buffer; resultsOverflow?: boolean } } {
  const chunks: Buffer[] = [];
  let held = 0;
  let overflow = false;
  stream.on('data', (chunk: Buffer) => {
    if (overflow) return;
    held += chunk.length;
    if (held > maxBytes) {
      overflow = true;
      chunks.length = 0;
      stream.destroy();
      return;
    }
    chunks.push(chunk);
  });
  stream.on('error', () => {
    // the program closed its end early; what arrived is kept
  });
  return {
    value: () => (overflow ? { resultsOverflow: true } : { results: Buffer.concat(chunks) }),
  };
}
