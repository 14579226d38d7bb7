/**
 * Opens the store a URL names: a SQLite path (the default, `corpus/litmus.db`) or `postgres://…`
 * (from `--db` or LITMUS_DATABASE_URL). Backends register here; SQLite is always present.
 */
import { LitmusError } from '../core/errors.ts';
import { redactUrl } from './database-url.ts';
import { postgresBackend } from './postgres/postgres-backend.ts';
import { sqliteBackend } from './sqlite/sqlite-store.ts';
import type { OpenStoreOptions, Store, StoreBackend } from './store.ts';

export { absoluteDatabaseLocation, isDatabaseUrl, redactUrl } from './database-url.ts';

const backends: StoreBackend[] = [];

/** Adds a backend; the last registered that matches a URL wins, so a specific one overrides SQLite's catch-all. */
export function registerStoreBackend(backend: StoreBackend): void {
  backends.push(backend);
}

registerStoreBackend(sqliteBackend);
registerStoreBackend(postgresBackend);

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const backend = [...backends].reverse().find((candidate) => candidate.matches(url));
  if (!backend) {
    const postgres = backends.some((candidate) => candidate.dialect === 'postgres');
    throw new LitmusError('E_DB_URL', `database URL ${redactUrl(url)}: this litmus has no store for "${scheme}://"`, {
      hint: `pass --db (or LITMUS_DATABASE_URL) a SQLite file path${postgres ? ' or a postgres://… URL' : ''}`,
      exitCode: 2,
    });
  }
  return backend.open(url, options);
}
