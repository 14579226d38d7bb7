import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { LitmusError } from '../core/errors.ts';
import { latestVersion, migrations } from './migrations.ts';

export type SqliteDatabase = Database.Database;

// SQLite reads `file:` URIs only if told when the native addon loads; the one URI litmus opens is
// `immutable=1`, for a WAL database on a read-only mount (see sqliteFilename). Loaded here, once, with
// the switch set only for that moment, so nothing else inherits it.
{
  const previous = process.env['SQLITE_USE_URI'];
  process.env['SQLITE_USE_URI'] = '1';
  new Database(':memory:').close();
  if (previous === undefined) delete process.env['SQLITE_USE_URI'];
  else process.env['SQLITE_USE_URI'] = previous;
}

/**
 * An open SQLite database: the handle the query modules in this folder take. Callers outside
 * src/store never see it; they hold the async spec (store.ts), which sqlite/sqlite-store.ts builds
 * over this handle. `transaction(fn)` is the unit of atomicity: a process killed inside it leaves nothing.
 */
export interface Store {
  readonly path: string;
  readonly db: SqliteDatabase;
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenStoreOptions {
  /** Open read-only, always (fails when the file is missing or needs migrating). */
  readonly?: boolean;
  /** The command only reads: open read-only when the file or its folder cannot be written. */
  onlyReads?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** The database header: magic, page size, journal versions, …, user_version at offset 60. */
const HEADER_BYTES = 100;

export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  let readonly = options.readonly ?? false;
  if (path !== ':memory:') {
    if (existsSync(path)) {
      // Everything is checked from the header alone, before SQLite touches the file (no WAL switch).
      assertSupportedHeader(path, readHeader(path));
      const blocked = readOnlyReason(path);
      if (blocked && options.onlyReads) readonly = true;
      else if (blocked && !readonly) throw readOnlyError(path, blocked);
    } else if (readonly) {
      throw new LitmusError('E_DB_MISSING', `database ${path} does not exist`, {
        hint: 'run `litmus add <file>` first, or pass --db <path>',
        exitCode: 2,
      });
    } else {
      mkdirSync(dirname(path), { recursive: true });
      if (!canWrite(dirname(path))) throw readOnlyError(path, `its folder ${dirname(path)} is read-only`);
    }
  }
  let db: SqliteDatabase;
  try {
    db = new Database(readonly ? sqliteFilename(path) : path, { readonly });
    db.pragma('busy_timeout = 10000');
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw storeError(path, error) ?? corruptError(path, error);
  }
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    if (LitmusError.isInstance(error)) throw error;
    throw storeError(path, error) ?? corruptError(path, error);
  }
  return {
    path,
    db,
    transaction: <T>(fn: () => T): T => {
      try {
        return db.transaction(fn).immediate();
      } catch (error) {
        throw storeError(path, error) ?? error;
      }
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * A WAL database needs its -shm file beside it even to be read; on a read-only mount where none was
 * left behind, SQLite cannot create one and refuses to open. Nothing can change the file there, so it
 * is opened as immutable (no locks, no -shm).
 */
function sqliteFilename(path: string): string {
  if (path === ':memory:' || existsSync(`${path}-shm`) || !existsSync(path)) return path;
  const header = readHeader(path);
  const wal = header[18] === 2 || header[19] === 2;
  if (!wal || systemAllowsWrite(dirname(path))) return path;
  return `${pathToFileURL(resolve(path)).href}?immutable=1`;
}

function systemAllowsWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first 100 bytes only: a database of any size (2 GiB and more) opens without reading it whole. */
export function readHeader(path: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function assertSupportedHeader(path: string, header: Buffer): void {
  if (header.length === 0) return; // an empty file is a fresh database to SQLite
  if (header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new LitmusError('E_DB_CORRUPT', `database ${path} is not a SQLite file (corrupt or wrong path)`, {
      hint: 'point --db at a litmus database, or move the file away to start a new one',
      exitCode: 2,
    });
  }
  if (header.length >= 64) assertKnownVersion(path, header.readUInt32BE(60));
}

function assertKnownVersion(path: string, version: number): void {
  if (version > latestVersion) {
    throw new LitmusError(
      'E_DB_TOO_NEW',
      `database ${path} has schema version ${version}, newer than this litmus understands (${latestVersion})`,
      { hint: 'upgrade litmus; the database was left untouched', exitCode: 2 },
    );
  }
}

/**
 * Why the database cannot be written, or null. Permission bits count even for root (who could write
 * anyway): a file or folder marked read-only is treated as such, as is a read-only mount (EROFS).
 * SQLite needs the folder too, for the -wal and -shm files beside the database.
 */
export function readOnlyReason(path: string): string | null {
  const folder = dirname(path);
  if (!canWrite(path)) return 'the file is read-only';
  if (!canWrite(folder)) return `its folder ${folder} is read-only`;
  return null;
}

function canWrite(path: string): boolean {
  return systemAllowsWrite(path) && (statSync(path).mode & 0o222) !== 0;
}

function readOnlyError(path: string, reason: string): LitmusError {
  return new LitmusError('E_DB_READONLY', `database ${path} cannot be written: ${reason}`, {
    hint: 'make it writable (chmod u+w on the file and its folder), or copy it somewhere writable and pass --db',
    exitCode: 2,
  });
}

/**
 * A SQLite failure a user can act on (disk full, read-only file) as a one-line error naming the file,
 * or null for anything else. Commands' writes outside `transaction` reach run-cli, which asks here too.
 */
export function storeError(path: string, error: unknown): LitmusError | null {
  if (LitmusError.isInstance(error)) return error;
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  if (code === 'SQLITE_FULL') {
    return new LitmusError('E_DISK_FULL', `database ${path}: the disk is full, nothing from the failed step was kept`, {
      hint: `free space on the disk holding ${dirname(path) || '.'} (old reports/ folders, other large files), then run it again`,
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return readOnlyError(path, readOnlyReason(path) ?? 'the file system refused the write');
  }
  return null;
}

function corruptError(path: string, error: unknown): LitmusError {
  const reason = error instanceof Error ? error.message : String(error);
  return new LitmusError('E_DB_CORRUPT', `database ${path} cannot be opened: ${reason}`, {
    hint: 'restore it from a backup, or move it away to start a new one',
    exitCode: 2,
    cause: error,
  });
}

/** Applies pending migrations, one transaction each; refuses databases from a newer litmus. */
export function migrate(db: SqliteDatabase, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertKnownVersion(path, current);
  if (db.readonly) {
    if (current < latestVersion) {
      throw new LitmusError('E_DB_OLD', `database ${path} needs migrating (version ${current})`, {
        hint: 'open it once without read-only mode',
        exitCode: 2,
      });
    }
    return;
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
