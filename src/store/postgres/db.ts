/**
 * What the Postgres operations run on: a pool (outside a transaction) or one pooled client inside one.
 * `atomic` makes a multi-statement operation one unit: its own transaction on the pool, or a savepoint
 * inside an open transaction (so a failure undoes only that operation, and the transaction can go on).
 */
import type pg from 'pg';
import { withPostgresTransaction } from './connect.ts';

export interface Db {
  rows<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Rows changed by an UPDATE/DELETE/INSERT. */
  changes(sql: string, params?: unknown[]): Promise<number>;
  atomic<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

export function clientDb(client: pg.ClientBase, depth = 0): Db {
  return {
    rows: async (sql, params) => (await client.query(sql, params)).rows,
    changes: async (sql, params) => (await client.query(sql, params)).rowCount ?? 0,
    atomic: async (work) => {
      const name = `litmus_op_${depth}`;
      await client.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(clientDb(client, depth + 1));
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await client.query(`RELEASE SAVEPOINT ${name}`);
        throw error;
      }
    },
  };
}

export function poolDb(pool: pg.Pool): Db {
  return {
    rows: async (sql, params) => (await pool.query(sql, params)).rows,
    changes: async (sql, params) => (await pool.query(sql, params)).rowCount ?? 0,
    atomic: (work) => withPostgresTransaction(pool, (client) => work(clientDb(client, 1))),
  };
}
