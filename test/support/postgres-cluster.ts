import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A throwaway Postgres cluster for tests: initdb into a temp folder, started on a free loopback port with
 * its socket in that folder, trust authentication (nothing listens beyond 127.0.0.1), durability off (a
 * crash loses a test database, nothing else). Needs the server binaries of Debian's `postgresql` package;
 * without them it fails with what to install — a Postgres test never skips silently. As root (CI
 * containers) the server runs as the `postgres` system user, since initdb refuses to run as root.
 */
export interface PostgresCluster {
  /** postgres://litmus@127.0.0.1:<port>/litmus_test */
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'litmus_test';
const USER = 'litmus';

/** The folder holding initdb, pg_ctl and postgres: LITMUS_PG_BINDIR, the newest Debian version, or PATH. */
export function findPostgresBinDir(): string | null {
  const fromEnv = process.env.LITMUS_PG_BINDIR;
  if (fromEnv) return existsSync(join(fromEnv, 'pg_ctl')) ? fromEnv : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl')) && existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  return found && existsSync(join(found, '..', 'initdb')) ? join(found, '..') : null;
}

function missingBinariesError(): Error {
  return new Error(
    'Postgres tests need the server binaries (initdb, pg_ctl) of the `postgresql` package and none were found ' +
      'in /usr/lib/postgresql/*/bin, LITMUS_PG_BINDIR or PATH: run `apt-get install postgresql` (.ci/run does), ' +
      'or set LITMUS_TEST_DATABASE_URL=postgres://… to a server where the tests may create schemas',
  );
}

/** The uid/gid to run the server as: ours, or the `postgres` user's when we are root. */
function serverIdentity(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Postgres tests run as root but there is no `postgres` system user to run the server as (initdb refuses root): ' +
        "install Debian's `postgresql` package, which creates it, or run the tests as a normal user",
    );
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function run(binary: string, args: string[], identity: { uid: number; gid: number } | null): void {
  const result = spawnSync(binary, args, {
    encoding: 'utf8',
    cwd: tmpdir(),
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    ...(identity ?? {}),
  });
  if (result.status !== 0) {
    throw new Error(
      `${binary} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}${result.stdout}`.trim(),
    );
  }
}

/**
 * Starts a cluster in a new temp folder, removed on stop; or, given `keepIn` (benchmarks: a 1M-passage
 * database takes minutes to build), in that folder, created once and kept.
 */
export async function startPostgresCluster(options: { keepIn?: string } = {}): Promise<PostgresCluster> {
  const bin = findPostgresBinDir();
  if (!bin) throw missingBinariesError();
  const identity = serverIdentity();
  const root = options.keepIn ? resolve(options.keepIn) : mkdtempSync(join(tmpdir(), 'litmus-pg-'));
  const data = join(root, 'data');
  const socket = join(root, 'socket');
  mkdirSync(socket, { recursive: true });
  if (identity) {
    chownSync(root, identity.uid, identity.gid);
    chownSync(socket, identity.uid, identity.gid);
  }
  const remove = () => {
    if (!options.keepIn) rmSync(root, { recursive: true, force: true });
  };
  try {
    if (!existsSync(join(data, 'PG_VERSION'))) {
      run(
        join(bin, 'initdb'),
        ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N'],
        identity,
      );
    }
    // A port can be taken between asking and binding: try a few.
    let port = 0;
    for (let attempt = 0; ; attempt += 1) {
      port = await freeLoopbackPort();
      const options = [
        `-p ${port}`,
        `-k ${socket}`,
        "-c listen_addresses='127.0.0.1'",
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      try {
        run(
          join(bin, 'pg_ctl'),
          ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start'],
          identity,
        );
        break;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
    const created = spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER, DATABASE], {
      encoding: 'utf8',
    });
    if (created.status !== 0 && !created.stderr.includes('already exists')) {
      throw new Error(`createdb ${DATABASE} failed: ${created.stderr}`);
    }
    return {
      url: `postgres://${USER}@127.0.0.1:${port}/${DATABASE}`,
      stop: async () => {
        try {
          run(join(bin, 'pg_ctl'), ['-D', data, '-m', options.keepIn ? 'fast' : 'immediate', '-w', 'stop'], identity);
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...(identity ?? {}) });
    remove();
    throw error;
  }
}
