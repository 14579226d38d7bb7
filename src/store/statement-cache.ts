import type { Statement } from 'better-sqlite3';
import type { Store } from './db.ts';

/** What the read-only search code needs of a store: its connection. */
export type SearchableStore = Pick<Store, 'db'>;

const statements = new WeakMap<Store['db'], Map<string, Statement<unknown[]>>>();

/**
 * The store's compiled statement for `sql`, compiled once per connection: searches repeat the same
 * few statements, and compiling an FTS5 query costs as much as running a small one.
 */
export function prepared(store: SearchableStore, sql: string): Statement<unknown[]> {
  let cache = statements.get(store.db);
  if (!cache) statements.set(store.db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = store.db.prepare(sql)));
  return statement;
}
