import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { lockTopic, pidAlive } from '../../../src/pipeline/refresh/topic-lock.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

describe('topic refresh locks', () => {
  let store: SqliteTestStore;
  const alive = new Set<number>();
  const isAlive = (pid: number) => alive.has(pid);
  beforeEach(() => {
    store = openSqliteStore(':memory:');
    alive.clear();
  });
  afterEach(() => store.close());

  it('gives a free lock, refuses it while the holder lives, and is re-entrant for the holder', async () => {
    alive.add(100);
    expect(await store.locks.acquire('refresh:t', { pid: 100, host: 'h', isAlive })).toMatchObject({ acquired: true, takenOverFrom: null });
    const refused = await store.locks.acquire('refresh:t', { pid: 200, host: 'h', isAlive });
    expect(refused).toMatchObject({ acquired: false, holder: { pid: 100, host: 'h' } });
    expect((await store.locks.acquire('refresh:t', { pid: 100, host: 'h', isAlive })).acquired).toBe(true);
    // Another name is another lock.
    expect((await store.locks.acquire('refresh:u', { pid: 200, host: 'h', isAlive })).acquired).toBe(true);
  });

  it('takes over a lock whose process is dead on this host, but never one held on another host', async () => {
    await store.locks.acquire('refresh:t', { pid: 100, host: 'h', isAlive });
    const taken = await store.locks.acquire('refresh:t', { pid: 200, host: 'h', isAlive });
    expect(taken).toMatchObject({ acquired: true, takenOverFrom: { pid: 100 } });
    expect(await store.locks.get('refresh:t')).toMatchObject({ pid: 200, host: 'h' });
    await store.locks.acquire('refresh:v', { pid: 300, host: 'elsewhere', isAlive });
    expect((await store.locks.acquire('refresh:v', { pid: 200, host: 'h', isAlive })).acquired).toBe(false);
  });

  it('releases only a lock it holds', async () => {
    await store.locks.acquire('refresh:t', { pid: 100, host: 'h', isAlive });
    expect(await store.locks.release('refresh:t', { pid: 200, host: 'h' })).toBe(false);
    expect(await store.locks.release('refresh:t', { pid: 100, host: 'h' })).toBe(true);
    expect(await store.locks.get('refresh:t')).toBeUndefined();
  });

  it('refuses a busy topic with exit code 3 and a message naming the holder', async () => {
    alive.add(100);
    await lockTopic(store, 't', { pid: 100, host: 'h', isAlive });
    let caught: unknown;
    try {
      await lockTopic(store, 't', { pid: 200, host: 'h', isAlive });
    } catch (error) {
      caught = error;
    }
    expect(LitmusError.isInstance(caught)).toBe(true);
    expect((caught as LitmusError).exitCode).toBe(3);
    expect((caught as LitmusError).message).toMatch(/topic "t" is being refreshed by process 100/);
  });

  it('tells live from dead processes', async () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(2 ** 22 + 12345)).toBe(false);
  });
});
