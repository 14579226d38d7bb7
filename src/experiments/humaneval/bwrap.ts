import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { findExecutable } from './find-executable.ts';

/**
 * The isolation every sample gets, built with bubblewrap (`bwrap`): fresh PID, network, IPC and UTS
 * namespaces (so no network, no view of other processes, and the whole process tree dies with the
 * sandbox's init), a private mount namespace whose root is an empty tmpfs holding only read-only
 * binds of the toolchain (/usr, a few /etc files, the language's own install) and the sample's one
 * writable directory, a size-bounded private /tmp, a read-only /dev with the usual devices, and no
 * environment but what the runner sets. Inside, `setpriv` switches to an unprivileged uid with an
 * empty capability bounding set and no_new_privs, then `prlimit` applies the resource limits.
 *
 * As root (this harness' usual case) bwrap runs in its privileged mode without a user namespace, so
 * the sample's processes are a plain unprivileged uid on the host: host files it could name are
 * still checked against that uid. As another user bwrap needs unprivileged user namespaces
 * (`--unshare-user`); setpriv is then skipped (the uid is already unprivileged) and
 * `--disable-userns` stops nested namespaces.
 *
 * Flags that do not work as root here (checked in this container, bwrap 0.8): `--unshare-all`
 * implies `--unshare-user-try`, and in a user namespace the sandbox uid is unmapped (setresuid fails
 * with EINVAL); `--cap-drop ALL` drops CAP_SETUID before setpriv runs (EPERM). Hence the explicit
 * namespace list, and capabilities dropped by setpriv itself. Mount points under a 0700 directory
 * (/root/.pyenv, /root/.rustup) need their parents created 0755 with `--perms 0755 --dir`.
 */
export interface Bind {
  host: string;
  dest?: string; // defaults to the host path
  rw?: boolean;
}

export interface Limits {
  timeoutMs: number;
  memoryBytes?: number; // RLIMIT_AS; omitted for runtimes that reserve huge address ranges
  maxProcesses: number; // RLIMIT_NPROC of the sandbox uid (threads count too)
  maxFileBytes: number; // RLIMIT_FSIZE
}

export interface SandboxSpec {
  argv: string[]; // run inside the sandbox
  binds: Bind[];
  /**
   * The working directory: a host directory (kept for a later step), a bounded tmpfs, or read-only —
   * then /tmp is read-only too and nothing in the sandbox is writable.
   */
  work: { dest: string; host?: string; tmpfsBytes?: number; readOnly?: boolean };
  env: Record<string, string>;
  limits: Limits;
  uid: number;
  proc?: boolean; // mount a /proc of the sandbox's own PID namespace (JVM, Node, Go need it)
  asPid1?: boolean; // the program is the namespace's init: signals from its children cannot reach it
}

export interface SandboxSupport {
  available: boolean;
  privileged: boolean; // root: setpriv drops to the sandbox uid
  version?: string;
  reason?: string;
}

const SYSTEM_DIRS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** /etc entries toolchains read; nothing else of /etc (passwd, shadow, ssl keys…) is visible. */
const ETC_FILES = ['/etc/alternatives', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/localtime'];
const TMP_BYTES = 16 * 1024 ** 2;

let cached: SandboxSupport | undefined;
let tools = { bwrap: 'bwrap', setpriv: 'setpriv', prlimit: 'prlimit' };

/** Whether bwrap can build the sandbox here; checked once by running `true` inside it. */
export function detectBwrap(): SandboxSupport {
  if (cached) return cached;
  const privileged = typeof process.getuid === 'function' && process.getuid() === 0;
  tools = {
    bwrap: findExecutable('bwrap') ?? 'bwrap',
    setpriv: findExecutable('setpriv') ?? 'setpriv',
    prlimit: findExecutable('prlimit') ?? 'prlimit',
  };
  const version = spawnSync(tools.bwrap, ['--version'], { encoding: 'utf8', timeout: 5000 });
  if (version.status !== 0) {
    cached = {
      available: false,
      privileged,
      reason: 'bubblewrap not installed: samples are never run unsandboxed — apt-get install bubblewrap',
    };
    return cached;
  }
  const probe = bwrapArgv(
    {
      argv: ['/bin/true'],
      binds: [],
      work: { dest: '/work', tmpfsBytes: 1024 * 1024 },
      env: {},
      limits: { timeoutMs: 5000, maxProcesses: 16, maxFileBytes: 1024 },
      uid: 65534,
    },
    privileged,
  );
  const run = spawnSync(probe[0]!, probe.slice(1), { encoding: 'utf8', timeout: 10_000, env: {} });
  cached =
    run.status === 0
      ? { available: true, privileged, version: version.stdout.trim() }
      : {
          available: false,
          privileged,
          reason: `bubblewrap cannot create a sandbox here (${(run.stderr ?? '').trim().split('\n')[0]}) — run as root, or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)`,
        };
  return cached;
}

/** The full argv (bwrap … -- setpriv … -- prlimit … -- program) for one sandboxed program. */
export function bwrapArgv(spec: SandboxSpec, privileged = detectBwrap().privileged): string[] {
  const out = [tools.bwrap, '--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try'];
  if (!privileged) out.push('--unshare-user', '--disable-userns', '--uid', '1000', '--gid', '1000');
  out.push('--die-with-parent', '--new-session', '--hostname', 'sandbox', '--clearenv');
  for (const [key, value] of Object.entries(spec.env)) out.push('--setenv', key, value);
  out.push('--ro-bind', '/usr', '/usr');
  for (const dir of SYSTEM_DIRS) {
    if (!existsSync(dir)) continue;
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) out.push('--symlink', readlinkSync(dir), dir);
    else if (stat.isDirectory()) out.push('--ro-bind', dir, dir);
  }
  const made = new Set(['/', '/usr', '/etc', '/tmp', '/dev', '/proc', ...SYSTEM_DIRS]);
  // Parents of mount points are created 0755 explicitly: bwrap would copy the host's modes (/root is 0700).
  const parents = (path: string) => {
    const missing: string[] = [];
    for (let dir = dirname(path); !made.has(dir) && dir !== '/'; dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) {
      out.push('--perms', '0755', '--dir', dir);
      made.add(dir);
    }
  };
  out.push('--perms', '0755', '--dir', '/etc');
  for (const file of ETC_FILES) if (existsSync(file)) out.push('--ro-bind', file, file);
  out.push('--dev', '/dev', '--remount-ro', '/dev');
  if (spec.proc) out.push('--proc', '/proc');
  if (spec.work.readOnly) out.push('--perms', '0555', '--dir', '/tmp');
  else out.push('--perms', '1777', '--size', String(TMP_BYTES), '--tmpfs', '/tmp');
  parents(spec.work.dest);
  if (spec.work.readOnly) out.push('--perms', '0555', '--dir', spec.work.dest);
  else if (spec.work.host) out.push('--bind', spec.work.host, spec.work.dest);
  else out.push('--perms', '0777', '--size', String(spec.work.tmpfsBytes ?? 64 * 1024 ** 2), '--tmpfs', spec.work.dest);
  made.add(spec.work.dest);
  for (const bind of spec.binds) {
    const dest = bind.dest ?? bind.host;
    if (!dest.startsWith('/etc/')) parents(dest);
    out.push(bind.rw ? '--bind' : '--ro-bind', bind.host, dest);
    made.add(dest);
  }
  out.push('--remount-ro', '/', '--chdir', spec.work.dest);
  if (spec.asPid1) out.push('--as-pid-1');
  out.push('--');
  if (privileged) {
    out.push(tools.setpriv, `--reuid=${spec.uid}`, `--regid=${spec.uid}`, '--clear-groups');
    out.push('--bounding-set=-all', '--inh-caps=-all', '--no-new-privs', '--');
  }
  const { limits } = spec;
  out.push(tools.prlimit, `--nproc=${limits.maxProcesses}`, `--fsize=${limits.maxFileBytes}`, '--core=0');
  out.push(`--cpu=${Math.ceil(limits.timeoutMs / 1000) + 5}`);
  if (limits.memoryBytes !== undefined) out.push(`--as=${limits.memoryBytes}`);
  out.push('--', ...spec.argv);
  return out;
}
