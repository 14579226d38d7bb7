/**
 * The store spec on one better-sqlite3 connection. Queries are synchronous, so a single call never
 * interleaves with another; a transaction spans awaits, so it holds a gate: BEGIN IMMEDIATE when it
 * gets its turn, COMMIT when its work resolves, ROLLBACK when it throws. Calls on the outer store
 * wait while a transaction is open; a nested `tx.transaction` is a savepoint.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LitmusError } from '../../core/errors.ts';
import { isDatabaseUrl } from '../database-url.ts';
import {
  type OpenStoreOptions as HandleOptions,
  openStore as openHandle,
  type Store as SqliteHandle,
  storeError,
} from '../db.ts';
import type { OpenStoreOptions, Store, StoreBackend } from '../store.ts';
import { Gate } from './gate.ts';
import { type Call, sqliteOperations } from './sqlite-operations.ts';

interface Scope {
  handle: SqliteHandle;
  ended: boolean;
}

/** The open transaction (if any) of the code now running, to catch calls on the outer store inside it. */
const currentScope = new AsyncLocalStorage<Scope>();

export function createSqliteStore(handle: SqliteHandle): Store {
  const gate = new Gate();
  const mapError = (error: unknown) => storeError(handle.path, error) ?? error;

  const outerCall: Call = async (query) => {
    const scope = currentScope.getStore();
    if (scope && !scope.ended && scope.handle === handle) {
      throw new LitmusError(
        'E_INTERNAL',
        'a store call inside store.transaction must go through its tx, not the outer store',
      );
    }
    await gate.idle();
    try {
      return query(handle);
    } catch (error) {
      throw mapError(error);
    }
  };

  const outer: Store = {
    dialect: 'sqlite',
    location: handle.path,
    ...sqliteOperations(outerCall),
    transaction: async (work) => {
      if (currentScope.getStore()?.handle === handle && !currentScope.getStore()?.ended) {
        throw new LitmusError('E_INTERNAL', 'store.transaction inside store.transaction must be tx.transaction');
      }
      const release = await gate.acquire();
      try {
        return await runInTransaction(handle, 'BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK', work, 1);
      } catch (error) {
        throw mapError(error);
      } finally {
        release();
      }
    },
    close: async () => {
      await gate.idle();
      handle.close();
    },
  };
  return outer;
}

async function runInTransaction<T>(
  handle: SqliteHandle,
  begin: string,
  commit: string,
  rollback: string,
  work: (tx: Store) => Promise<T>,
  depth: number,
): Promise<T> {
  const scope: Scope = { handle, ended: false };
  handle.db.exec(begin);
  try {
    const result = await currentScope.run(scope, () => work(transactionStore(handle, scope, depth)));
    handle.db.exec(commit);
    return result;
  } catch (error) {
    // A failed COMMIT (disk full) may already have ended the transaction.
    if (handle.db.inTransaction) handle.db.exec(rollback);
    throw error;
  } finally {
    scope.ended = true;
  }
}

function transactionStore(handle: SqliteHandle, scope: Scope, depth: number): Store {
  const nested = new Gate();
  const call: Call = async (query) => {
    if (scope.ended)
      throw new LitmusError('E_INTERNAL', 'a transaction store (tx) was used after its transaction ended');
    return query(handle);
  };
  return {
    dialect: 'sqlite',
    location: handle.path,
    ...sqliteOperations(call),
    transaction: async (work) => {
      if (scope.ended)
        throw new LitmusError('E_INTERNAL', 'a transaction store (tx) was used after its transaction ended');
      const release = await nested.acquire();
      const name = `litmus_${depth}`;
      try {
        return await runInTransaction(
          handle,
          `SAVEPOINT ${name}`,
          `RELEASE ${name}`,
          `ROLLBACK TO ${name}; RELEASE ${name}`,
          work,
          depth + 1,
        );
      } finally {
        release();
      }
    },
    close: async () => {
      throw new LitmusError('E_INTERNAL', 'close the store, not a transaction (tx)');
    },
  };
}

/** Any URL that is not another backend's: a file path (created on first use) or `:memory:`. */
export const sqliteBackend: StoreBackend = {
  dialect: 'sqlite',
  matches: (url) => !isDatabaseUrl(url),
  open: async (url: string, options: OpenStoreOptions) => {
    const path = /^file:\/\//i.test(url) ? new URL(url).pathname : url;
    const handleOptions: HandleOptions = options;
    return createSqliteStore(openHandle(path, handleOptions));
  },
};
