import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../support/sqlite-test-store.ts';

/** What only the SQLite backend promises about its one connection (the contract covers the rest). */
describe('SQLite store on one connection', () => {
  it('refuses a call on the outer store from inside its transaction instead of deadlocking', async () => {
    const store = openSqliteStore();
    await expect(store.transaction(async () => store.papers.exists('x'))).rejects.toThrow(/through its tx/);
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(/tx\.transaction/);
    expect(await store.papers.exists('x')).toBe(false);
    await store.close();
  });

  it('refuses a tx used after its transaction ended', async () => {
    const store = openSqliteStore();
    const tx = await store.transaction(async (inner) => inner);
    await expect(tx.papers.exists('x')).rejects.toThrow(/after its transaction ended/);
    await expect(tx.close()).rejects.toThrow(/not a transaction/);
    await store.close();
  });

  it('leaves no transaction open on the connection after a rollback', async () => {
    const store = openSqliteStore();
    await expect(store.transaction(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(store.db.inTransaction).toBe(false);
    await store.close();
  });
});
