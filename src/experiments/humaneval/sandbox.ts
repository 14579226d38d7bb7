import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TailBuffer } from '../tail-buffer.ts';

/**
 * Runs untrusted programs with the containment this host allows: a fresh network namespace
 * (`unshare -n`, root only), resource limits (`prlimit`: address space, processes, file size, CPU)
 * and — when we are root, where RLIMIT_NPROC is not enforced — a dedicated unprivileged uid per
 * worker slot (`setpriv`), so a fork bomb hits its own process limit and one `kill -1` as that uid
 * clears anything that escaped the process group. Each piece is detected and skipped when missing.
 */
export interface SandboxCapabilities {
  netns: boolean;
  prlimit: boolean;
  dropUid: boolean;
  notes: string[];
}

export interface Limits {
  timeoutMs: number;
  memoryBytes?: number; // RLIMIT_AS; omitted for runtimes that reserve huge address ranges
  maxProcesses: number; // RLIMIT_NPROC (threads count too)
  maxFileBytes: number; // RLIMIT_FSIZE
}

export interface SandboxRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Unprivileged uids used for sandboxed runs: a block of UID_BLOCK_SIZE per harness run (see
 * acquireUidBlock); within it, block base + worker slot for one-shot programs, +100 + slot for the
 * Python servers, +200 + slot for the Node servers.
 */
export const SANDBOX_UID_BASE = 61000;
export const UID_BLOCK_SIZE = 1000;
const UID_BLOCKS = 32;

export interface UidBlock {
  base: number;
  release(): void;
}

/**
 * Claims a block of sandbox uids for one harness run. Every run kills all processes of its uids
 * (between samples, on timeouts), so two runs at once — parallel test files, two CLI runs — must
 * never share one. A block is claimed by an atomic mkdir of a lock directory that records the
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
  throw new Error(`all ${UID_BLOCKS} sandbox uid blocks under ${lockRoot} are in use`);
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

let cached: SandboxCapabilities | undefined;

export function detectSandbox(): SandboxCapabilities {
  if (cached) return cached;
  const notes: string[] = [];
  const ok = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 5000 });
    return r.status === 0;
  };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prlimit = ok('prlimit', ['--nofile=64', '--', 'true']);
  if (!prlimit) notes.push('prlimit not found (util-linux): no memory/process/file-size limits, timeouts only');
  const netns = ok('unshare', ['-n', '--', 'true']);
  if (!netns) notes.push('unshare -n unavailable (needs root or user namespaces): samples run with network');
  const dropUid = isRoot && ok('setpriv', ['--reuid=61000', '--regid=61000', '--clear-groups', '--', 'true']);
  if (isRoot && !dropUid) notes.push('setpriv unavailable: running as root, where RLIMIT_NPROC is not enforced');
  if (!isRoot) notes.push('not root: RLIMIT_NPROC counts every process of this user');
  cached = { netns, prlimit, dropUid, notes };
  return cached;
}

/** The argv prefix that applies the sandbox to `argv` for worker `slot`. */
export function sandboxArgv(caps: SandboxCapabilities, limits: Limits, uid: number, argv: string[]): string[] {
  const out: string[] = [];
  if (caps.netns) out.push('unshare', '-n', '--');
  if (caps.prlimit) {
    out.push('prlimit', `--nproc=${limits.maxProcesses}`, `--fsize=${limits.maxFileBytes}`, '--core=0');
    out.push(`--cpu=${Math.ceil(limits.timeoutMs / 1000) + 5}`);
    if (limits.memoryBytes !== undefined) out.push(`--as=${limits.memoryBytes}`);
    out.push('--');
  }
  if (caps.dropUid) {
    // dac_read_search lets the uid reach toolchains under /root (e.g. pyenv) without write access.
    out.push('setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups');
    out.push('--inh-caps=+dac_read_search', '--ambient-caps=+dac_read_search', '--');
  }
  return [...out, ...argv];
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  limits: Limits;
  uid: number;
  caps: SandboxCapabilities;
  stdin?: string;
  maxOutputBytes?: number;
  /** false for trusted build steps (compilers) that run as us, with a timeout and the same limits. */
  sandboxed?: boolean;
}

/** Spawns without a shell in its own process group; on timeout the whole group is killed. */
export function runLimited(argv: string[], options: RunOptions): Promise<SandboxRun> {
  const sandboxed = options.sandboxed ?? true;
  const full = sandboxed
    ? sandboxArgv(options.caps, options.limits, options.uid, argv)
    : sandboxArgv({ ...options.caps, netns: false, dropUid: false }, options.limits, options.uid, argv);
  const started = Date.now();
  return new Promise((resolve) => {
    const stdout = new TailBuffer(options.maxOutputBytes ?? 64 * 1024);
    const stderr = new TailBuffer(options.maxOutputBytes ?? 64 * 1024);
    const child = spawn(full[0]!, full.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const killAll = (): Promise<void> => {
      killGroup();
      return sandboxed && options.caps.dropUid ? killAllOfUid(options.uid) : Promise.resolve();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      void killAll();
    }, options.limits.timeoutMs);
    let exitInfo: { code: number | null; signal: string | null } | undefined;
    let settled = false;
    let reaped: Promise<void> = Promise.resolve();
    let closed = false;
    const finish = async () => {
      if (settled || !exitInfo || !closed) return;
      settled = true;
      await reaped;
      clearTimeout(timer);
      clearTimeout(closeGuard);
      resolve({
        exitCode: exitInfo.code,
        signal: exitInfo.signal,
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: Date.now() - started,
      });
    };
    let closeGuard: NodeJS.Timeout | undefined;
    child.stdout?.on('data', (c: Buffer) => stdout.push(c));
    child.stderr?.on('data', (c: Buffer) => stderr.push(c));
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    child.on('error', (error) => {
      clearTimeout(timer);
      settled = true;
      resolve({ exitCode: null, signal: null, timedOut, stdout: '', stderr: error.message, durationMs: 0 });
    });
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      reaped = killAll(); // stragglers that would keep the pipes open after the leader exited
      // Pipes held by something we could not kill must not hang the harness.
      closeGuard = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        closed = true;
        void finish();
      }, 2000);
      void finish();
    });
    child.on('close', () => {
      closed = true;
      void finish();
    });
  });
}

/** Kills every process of a sandbox uid (processes that left the group with setsid, daemons). */
export function killAllOfUid(uid: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', 'kill', '-9', '-1'], {
      stdio: 'ignore',
    });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}
