import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LitmusError } from '../core/errors.ts';
import { latestVersion, migrations } from './migrations.ts';

export type SqliteDatabase = Database.Database;

/**
 * An open litmus database. Query modules in this folder take a Store; nothing outside src/store
 * touches SQL. `transaction(fn)` is the unit of atomicity: a process killed inside it leaves nothing.
 */
export interface Store {
  readonly path: string;
  readonly db: SqliteDatabase;
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenStoreOptions {
  readonly?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (path !== ':memory:') {
    if (existsSync(path)) assertLooksLikeSqlite(path);
    else if (options.readonly) {
      throw new LitmusError('E_DB_MISSING', `database ${path} does not exist`, {
        hint: 'run `litmus add <file>` first, or pass --db <path>',
        exitCode: 2,
      });
    } else mkdirSync(dirname(path), { recursive: true });
  }
  let db: SqliteDatabase;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
    db.pragma('busy_timeout = 10000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw corruptError(path, error);
  }
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    if (LitmusError.isInstance(error)) throw error;
    throw corruptError(path, error);
  }
  return {
    path,
    db,
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close: () => {
      if (db.open) db.close();
    },
  };
}

function assertLooksLikeSqlite(path: string): void {
  // Only the 16-byte header is read: reading the whole file cost as much memory as the database.
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (length === 0) return; // an empty file is a fresh database to SQLite
  if (head.toString('latin1') !== SQLITE_MAGIC) {
    throw new LitmusError('E_DB_CORRUPT', `database ${path} is not a SQLite file (corrupt or wrong path)`, {
      hint: 'point --db at a litmus database, or move the file away to start a new one',
      exitCode: 2,
    });
  }
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
  if (current > latestVersion) {
    throw new LitmusError(
      'E_DB_TOO_NEW',
      `database ${path} has schema version ${current}, newer than this litmus understands (${latestVersion})`,
      { hint: 'upgrade litmus; the database was left untouched', exitCode: 2 },
    );
  }
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
