import pg from 'pg';
import { LitmusError } from '../../core/errors.ts';
import { redactUrl } from '../database-url.ts';
import { latestPostgresVersion, postgresMigrations } from './migrations.ts';

/**
 * A litmus database on a Postgres server: a connection pool whose every connection works in one schema
 * (`?schema=` in the URL, default `public`), migrated to the latest version when opened.
 */
export interface PostgresDatabase {
  /** The URL without its password, for messages. */
  readonly label: string;
  readonly schema: string;
  readonly pool: pg.Pool;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint columns hold millisecond times and byte counts, far below 2^53: read back as numbers, as
 * better-sqlite3 does, so row mappers serve both backends. Per pool, not pg's global type table.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function parseUrl(url: string): { connectionString: string; schema: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LitmusError('E_DB_URL', `database URL ${redactUrl(url)} is not a valid URL`, {
      hint: 'write it as postgres://user:password@host:5432/database',
      exitCode: 2,
    });
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new LitmusError('E_DB_URL', `database URL ${redactUrl(url)}: schema "${schema}" is not a plain name`, {
      hint: 'use lower-case letters, digits and _ for ?schema=',
      exitCode: 2,
    });
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** Opens the pool and brings the schema up to date (or refuses one written by a newer litmus). */
export async function openPostgresDatabase(
  url: string,
  options: { max?: number; readonly?: boolean } = {},
): Promise<PostgresDatabase> {
  const { connectionString, schema } = parseUrl(url);
  const label = redactUrl(url);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    // Every connection of the pool works in the litmus schema; the schema name is checked above.
    options: `-c search_path=${schema}${options.readonly ? ' -c default_transaction_read_only=on' : ''}`,
    application_name: 'litmus',
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const database: PostgresDatabase = { label, schema, pool };
  try {
    if (options.readonly) await assertCurrent(database);
    else await migratePostgres(database);
  } catch (error) {
    await pool.end().catch(() => {});
    throw postgresError(label, error);
  }
  return database;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so workers starting
 * together migrate once. DDL is transactional in Postgres: a failed step leaves the previous version.
 */
export async function migratePostgres(database: PostgresDatabase): Promise<void> {
  const { pool, schema, label } = database;
  for (;;) {
    const applied = await withPostgresTransaction(pool, async (client) => {
      // Keyed by the schema's name: CREATE … IF NOT EXISTS alone races between two processes.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('litmus:migrate:' || $1))", [schema]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS litmus_schema (version integer NOT NULL)');
      const rows = (await client.query<{ version: number }>('SELECT version FROM litmus_schema')).rows;
      const current = rows[0]?.version ?? 0;
      if (current > latestPostgresVersion) throw tooNew(label, current);
      const next = postgresMigrations.find((m) => m.version > current);
      if (!next) return false;
      await client.query(next.sql);
      if (rows.length === 0) await client.query('INSERT INTO litmus_schema (version) VALUES ($1)', [next.version]);
      else await client.query('UPDATE litmus_schema SET version = $1', [next.version]);
      return true;
    });
    if (!applied) return;
  }
}

/** A read-only store migrates nothing: the schema must be there and current. */
async function assertCurrent(database: PostgresDatabase): Promise<void> {
  const exists = await database.pool.query<{ table: string | null }>('SELECT to_regclass($1)::text AS table', [
    `${database.schema}.litmus_schema`,
  ]);
  const version = exists.rows[0]?.table
    ? ((await database.pool.query<{ version: number }>('SELECT version FROM litmus_schema')).rows[0]?.version ?? null)
    : null;
  if (version === null) {
    throw new LitmusError('E_DB_MISSING', `database ${database.label} has no litmus schema "${database.schema}"`, {
      hint: 'open it once without read-only mode (e.g. `litmus add <file>`), or correct the URL',
      exitCode: 2,
    });
  }
  if (version > latestPostgresVersion) throw tooNew(database.label, version);
  if (version < latestPostgresVersion) {
    throw new LitmusError('E_DB_OLD', `database ${database.label} needs migrating (version ${version})`, {
      hint: 'open it once without read-only mode',
      exitCode: 2,
    });
  }
}

function tooNew(label: string, version: number): LitmusError {
  return new LitmusError(
    'E_DB_TOO_NEW',
    `database ${label} has schema version ${version}, newer than this litmus understands (${latestPostgresVersion})`,
    { hint: 'upgrade litmus; the database was left untouched', exitCode: 2 },
  );
}

/** `fn` on one pooled connection inside BEGIN … COMMIT; ROLLBACK when it throws. */
export async function withPostgresTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A server failure a user can act on (unreachable, auth, disk full) as a one-line error; else the error. */
export function postgresError(label: string, error: unknown): unknown {
  if (LitmusError.isInstance(error)) return error;
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  const reason = error instanceof Error ? error.message : String(error);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', '57P03'].includes(code)) {
    return new LitmusError('E_DB_UNREACHABLE', `database ${label} cannot be reached: ${reason}`, {
      hint: 'start the Postgres server or correct LITMUS_DATABASE_URL / --db',
      exitCode: 2,
      cause: error,
      retryable: true,
    });
  }
  if (code === '28P01' || code === '28000' || code === '3D000') {
    return new LitmusError('E_DB_AUTH', `database ${label} refused the connection: ${reason}`, {
      hint: 'check the user, password and database name in the URL (the database must exist)',
      exitCode: 2,
      cause: error,
    });
  }
  if (code === '53100') {
    return new LitmusError(
      'E_DISK_FULL',
      `database ${label}: the server's disk is full, nothing from the failed step was kept`,
      {
        hint: 'free space on the Postgres server, then run it again',
        cause: error,
      },
    );
  }
  return error;
}
