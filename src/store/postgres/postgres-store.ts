/**
 * The store spec on a Postgres connection pool. Single operations run on any pooled connection (each
 * statement, or `atomic` group, is its own transaction), so many can be in flight at once. A
 * `transaction(work)` holds one pooled client from BEGIN to COMMIT; transactions of one store take
 * turns (a gate, as on SQLite), so two never interleave their reads and writes; a nested
 * `tx.transaction` is a savepoint. Calls on the outer store while a transaction is open run beside it on
 * other connections and see only committed rows — never its uncommitted work.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { LitmusError } from '../../core/errors.ts';
import { Gate } from '../sqlite/gate.ts';
import type { OpenStoreOptions, Store } from '../store.ts';
import { openPostgresDatabase, type PostgresDatabase, postgresError } from './connect.ts';
import { documentOperations, paperOperations, passageOperations, tableOperations } from './content-operations.ts';
import {
  httpCacheOperations,
  llmCacheOperations,
  lockOperations,
  rateLimitOperations,
} from './coordination-operations.ts';
import { clientDb, type Db, poolDb } from './db.ts';
import {
  claimOperations,
  experimentOperations,
  ingestFailureOperations,
  runOperations,
  topicOperations,
  verdictOperations,
} from './record-operations.ts';
import { TermStatistics } from './search.ts';

type Operations = Omit<Store, 'dialect' | 'location' | 'transaction' | 'close'>;

function postgresOperations(db: Db, statistics: TermStatistics): Operations {
  const passages = passageOperations(db, statistics);
  return {
    papers: paperOperations(db, passages),
    documents: documentOperations(db),
    passages,
    tables: tableOperations(db),
    claims: claimOperations(db),
    verdicts: verdictOperations(db),
    runs: runOperations(db),
    topics: topicOperations(db),
    locks: lockOperations(db),
    httpCache: httpCacheOperations(db),
    llmCache: llmCacheOperations(db),
    rateLimits: rateLimitOperations(db),
    ingestFailures: ingestFailureOperations(db),
    experiments: experimentOperations(db),
  };
}

interface Scope {
  database: PostgresDatabase;
  ended: boolean;
}

/** The open transaction (if any) of the code now running, to catch calls on the outer store inside it. */
const currentScope = new AsyncLocalStorage<Scope>();

/** `db` with a guard before every call and failures a user can act on turned into one-line errors. */
function guarded(db: Db, label: string, guard: () => void): Db {
  const mapped = async <R>(call: () => Promise<R>): Promise<R> => {
    guard();
    try {
      return await call();
    } catch (error) {
      throw postgresError(label, error);
    }
  };
  return {
    rows: (sql, params) => mapped(() => db.rows(sql, params)),
    changes: (sql, params) => mapped(() => db.changes(sql, params)),
    atomic: (work) => mapped(() => db.atomic(work)),
  };
}

export function createPostgresStore(database: PostgresDatabase): Store {
  const gate = new Gate();
  const statistics = new TermStatistics();
  let closed = false;
  const outerDb = guarded(poolDb(database.pool), database.label, () => {
    const scope = currentScope.getStore();
    // Through the outer store, the call would wait on rows the transaction holds: a deadlock.
    if (scope && !scope.ended && scope.database === database) {
      throw new LitmusError(
        'E_INTERNAL',
        'a store call inside store.transaction must go through its tx, not the outer store',
      );
    }
  });
  return {
    dialect: 'postgres',
    location: database.label,
    ...postgresOperations(outerDb, statistics),
    transaction: async (work) => {
      const scope = currentScope.getStore();
      if (scope && !scope.ended && scope.database === database) {
        throw new LitmusError('E_INTERNAL', 'store.transaction inside store.transaction must be tx.transaction');
      }
      const release = await gate.acquire();
      try {
        const client = await database.pool.connect();
        const state = { broken: false };
        try {
          return await runInTransaction(database, client, state, 'BEGIN', 'COMMIT', 'ROLLBACK', work, 1, statistics);
        } finally {
          // A connection that could not even roll back is closed, never handed to the next caller.
          client.release(state.broken);
        }
      } catch (error) {
        throw postgresError(database.label, error);
      } finally {
        release();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await gate.idle();
      await database.pool.end();
    },
  };
}

async function runInTransaction<T>(
  database: PostgresDatabase,
  client: pg.PoolClient,
  state: { broken: boolean },
  begin: string,
  commit: string,
  rollback: string,
  work: (tx: Store) => Promise<T>,
  depth: number,
  statistics: TermStatistics,
): Promise<T> {
  const scope: Scope = { database, ended: false };
  await client.query(begin);
  try {
    const result = await currentScope.run(scope, () =>
      work(transactionStore(database, client, state, scope, depth, statistics)),
    );
    await client.query(commit);
    return result;
  } catch (error) {
    await client.query(rollback).catch(() => {
      state.broken = true;
    });
    throw error;
  } finally {
    scope.ended = true;
  }
}

function transactionStore(
  database: PostgresDatabase,
  client: pg.PoolClient,
  state: { broken: boolean },
  scope: Scope,
  depth: number,
  statistics: TermStatistics,
): Store {
  const nested = new Gate();
  const assertOpen = () => {
    if (scope.ended)
      throw new LitmusError('E_INTERNAL', 'a transaction store (tx) was used after its transaction ended');
  };
  return {
    dialect: 'postgres',
    location: database.label,
    ...postgresOperations(guarded(clientDb(client, depth), database.label, assertOpen), statistics),
    transaction: async (work) => {
      assertOpen();
      const release = await nested.acquire();
      const name = `litmus_${depth}`;
      try {
        return await runInTransaction(
          database,
          client,
          state,
          `SAVEPOINT ${name}`,
          `RELEASE SAVEPOINT ${name}`,
          `ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`,
          work,
          depth + 1,
          statistics,
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

export async function openPostgresStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  return createPostgresStore(await openPostgresDatabase(url, { readonly: options.readonly ?? false }));
}
