import { describe, expect, it } from 'vitest';
import { acquireSlot, effectiveDelayMs, isArxivHost } from '../../../src/http/rate-limiter.ts';
import { parseRetryAfter } from '../../../src/http/retry-policy.ts';
import { openSqliteStore } from '../../support/sqlite-test-store.ts';

describe('rate limits', () => {
  it('takes a slot only when none is in flight and delayMs has passed', async () => {
    const store = openSqliteStore(':memory:');
    const first = await store.rateLimits.tryAcquire('arxiv', 300, 5000, 1000);
    expect(first).toEqual({ acquired: true, lease: 6000 });
    // in flight: another process must wait, however long ago the request started
    expect(await store.rateLimits.tryAcquire('arxiv', 300, 5000, 1400)).toEqual({ acquired: false, waitMs: 4600, reason: 'busy' });
    expect(await store.rateLimits.tryAcquire('other', 300, 5000, 1000)).toMatchObject({ acquired: true });
    await store.rateLimits.release('arxiv', 6000, 300, 1500);
    expect(await store.rateLimits.tryAcquire('arxiv', 300, 5000, 1700)).toEqual({ acquired: false, waitMs: 100, reason: 'spacing' });
    expect(await store.rateLimits.tryAcquire('arxiv', 300, 5000, 1800)).toMatchObject({ acquired: true });
    // an expired lease (a crashed process) no longer blocks
    expect(await store.rateLimits.tryAcquire('arxiv', 300, 5000, 6801)).toMatchObject({ acquired: true });
    await store.close();
  });

  it('serialises requests of one group in one process and pushes the next slot after a slow response', async () => {
    const store = openSqliteStore(':memory:');
    let clock = 0;
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock += ms;
    };
    const group = { name: 'g', delayMs: 100 };
    const release1 = await acquireSlot(store, group, 100, { sleep, now: () => clock, random: () => 0 });
    let secondStarted = false;
    const second = acquireSlot(store, group, 100, { sleep, now: () => clock, random: () => 0 }).then((release) => {
      secondStarted = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(secondStarted).toBe(false); // one connection at a time
    clock += 500; // a slow response
    await release1();
    await (await second)();
    expect(secondStarted).toBe(true);
    expect(await store.rateLimits.nextAllowed('g')).toBe(700);
    expect(clock).toBe(600);
    await store.close();
  });

  it('never lets arxiv.org go below 3 s, but a loopback stand-in may', () => {
    expect(isArxivHost('https://export.arxiv.org/api/query')).toBe(true);
    expect(isArxivHost('https://arxiv.org/pdf/1')).toBe(true);
    expect(isArxivHost('http://127.0.0.1:8080/api/query')).toBe(false);
    expect(isArxivHost('https://notarxiv.org/')).toBe(false);
    expect(effectiveDelayMs({ name: 'arxiv', delayMs: 50 }, 'https://export.arxiv.org/api/query')).toBe(3000);
    expect(effectiveDelayMs({ name: 'arxiv', delayMs: 5000 }, 'https://export.arxiv.org/api/query')).toBe(5000);
    expect(effectiveDelayMs({ name: 'arxiv', delayMs: 50 }, 'http://127.0.0.1:1/api/query')).toBe(50);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
