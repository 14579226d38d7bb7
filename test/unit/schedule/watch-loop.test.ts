import { describe, expect, it } from 'vitest';
import { runWatch, type WatchedTopic } from '../../../src/schedule/watch-loop.ts';

describe('watch loop', () => {
  const now = () => new Date('2026-03-10T07:30:00Z');
  const topics: WatchedTopic[] = [
    { name: 'missed', schedule: '0 6 * * *', lastRefreshAt: '2026-03-09T06:00:03Z' },
    { name: 'fresh', schedule: '0 6 * * *', lastRefreshAt: '2026-03-10T06:00:03Z' },
    { name: 'never', schedule: '0 * * * *', lastRefreshAt: null },
    { name: 'manual', schedule: null, lastRefreshAt: null },
    { name: 'broken', schedule: '0 6 * * *', lastRefreshAt: null },
  ];

  it('with --once runs exactly the due and missed topics, one at a time, and carries on after a failure', async () => {
    const order: string[] = [];
    let running = 0;
    const lines: string[] = [];
    const result = await runWatch(
      { once: true },
      {
        listTopics: () => topics,
        refresh: async (name) => {
          running += 1;
          expect(running).toBe(1);
          order.push(name);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
          if (name === 'broken') throw new Error('arXiv is down');
          return 'no changes';
        },
        log: (line) => lines.push(line),
        now,
        signal: new AbortController().signal,
        schedule: { timezone: 'UTC' },
      },
    );
    expect(order).toEqual(['missed', 'never', 'broken']);
    expect(result).toEqual({ refreshed: ['missed', 'never'], failed: ['broken'] });
    expect(lines.some((l) => l.includes('missed the run at 2026-03-10T06:00:00.000Z'))).toBe(true);
    expect(lines.some((l) => l.includes('refresh broken failed: arXiv is down'))).toBe(true);
  });

  it('keeps running until aborted, then stops cleanly', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const watching = runWatch(
      { once: false },
      {
        listTopics: () => [{ name: 'fresh', schedule: '0 6 * * *', lastRefreshAt: '2026-03-10T06:00:03Z' }],
        refresh: async () => 'no changes',
        log: (line) => lines.push(line),
        now,
        signal: controller.signal,
        schedule: { timezone: 'UTC' },
      },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.some((l) => l.startsWith('fresh: scheduled "0 6 * * *"'))).toBe(true);
    controller.abort();
    await expect(watching).resolves.toEqual({ refreshed: [], failed: [] });
    expect(lines.at(-1)).toContain('stopping');
  });
});
