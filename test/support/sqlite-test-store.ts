import { type OpenStoreOptions, openStore as openSqliteHandle, type SqliteDatabase } from '../../src/store/db.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

/** A SQLite store for tests, opened synchronously, with its raw connection for assertions in SQL. */
export type SqliteTestStore = Store & { readonly db: SqliteDatabase; readonly path: string };

export function openSqliteStore(path = ':memory:', options: OpenStoreOptions = {}): SqliteTestStore {
  const handle = openSqliteHandle(path, options);
  return Object.assign(createSqliteStore(handle), { db: handle.db, path: handle.path });
}
