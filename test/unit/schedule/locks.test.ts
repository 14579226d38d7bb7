import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { lockTopic, pidAlive } from '../../../src/pipeline/refresh/topic-lock.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { acquireLock, getLock, releaseLock } from '../../../src/store/locks.ts';

describe('topic refresh locks', () => {
  let store: Store;
  const alive = new Set<number>();
  const isAlive = (pid: number) => alive.has(pid);
  beforeEach(() => {
    store = openStore(':memory:');
    alive.clear();
  });
  afterEach(() => store.close());

  it('gives a free lock, refuses it while the holder lives, and is re-entrant for the holder', () => {
    alive.add(100);
    expect(acquireLock(store, 'refresh:t', { pid: 100, host: 'h', isAlive })).toMatchObject({ acquired: true, takenOverFrom: null });
    const refused = acquireLock(store, 'refresh:t', { pid: 200, host: 'h', isAlive });
    expect(refused).toMatchObject({ acquired: false, holder: { pid: 100, host: 'h' } });
    expect(acquireLock(store, 'refresh:t', { pid: 100, host: 'h', isAlive }).acquired).toBe(true);
    // Another name is another lock.
    expect(acquireLock(store, 'refresh:u', { pid: 200, host: 'h', isAlive }).acquired).toBe(true);
  });

  it('takes over a lock whose process is dead on this host, but never one held on another host', () => {
    acquireLock(store, 'refresh:t', { pid: 100, host: 'h', isAlive });
    const taken = acquireLock(store, 'refresh:t', { pid: 200, host: 'h', isAlive });
    expect(taken).toMatchObject({ acquired: true, takenOverFrom: { pid: 100 } });
    expect(getLock(store, 'refresh:t')).toMatchObject({ pid: 200, host: 'h' });
    acquireLock(store, 'refresh:v', { pid: 300, host: 'elsewhere', isAlive });
    expect(acquireLock(store, 'refresh:v', { pid: 200, host: 'h', isAlive }).acquired).toBe(false);
  });

  it('releases only a lock it holds', () => {
    acquireLock(store, 'refresh:t', { pid: 100, host: 'h', isAlive });
    expect(releaseLock(store, 'refresh:t', { pid: 200, host: 'h' })).toBe(false);
    expect(releaseLock(store, 'refresh:t', { pid: 100, host: 'h' })).toBe(true);
    expect(getLock(store, 'refresh:t')).toBeUndefined();
  });

  it('refuses a busy topic with exit code 3 and a message naming the holder', () => {
    alive.add(100);
    lockTopic(store, 't', { pid: 100, host: 'h', isAlive });
    let caught: unknown;
    try {
      lockTopic(store, 't', { pid: 200, host: 'h', isAlive });
    } catch (error) {
      caught = error;
    }
    expect(LitmusError.isInstance(caught)).toBe(true);
    expect((caught as LitmusError).exitCode).toBe(3);
    expect((caught as LitmusError).message).toMatch(/topic "t" is being refreshed by process 100/);
  });

  it('tells live from dead processes', () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(2 ** 22 + 12345)).toBe(false);
  });
});
