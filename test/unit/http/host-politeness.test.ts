import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { createHttpClientFromConfig, hostDelaysFromConfig } from '../../../src/http/client-from-config.ts';
import { hostSlot } from '../../../src/http/rate-limiter.ts';
import { arxivHostGroup } from '../../../src/sources/arxiv/arxiv-source.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

// A stand-in serving the arXiv API and base, with the OAI endpoint left at its arxiv.org default.
const env = {
  LITMUS_ARXIV_API: 'http://127.0.0.1:9/api/query',
  LITMUS_ARXIV_BASE: 'http://127.0.0.1:9',
  LITMUS_ARXIV_DELAY_MS: '100',
};

describe('politeness by host', () => {
  let store: SqliteTestStore;
  let clock: number;
  beforeEach(() => {
    store = openSqliteStore(':memory:');
    clock = 1_000_000;
  });
  afterEach(() => store.close());

  it('spaces the stand-in by its own setting while arxiv.org hosts keep 3 s', async () => {
    const config = loadConfig({ env });
    const started: Record<string, number[]> = {};
    const http = createHttpClientFromConfig(store, config, {
      fetch: (async (input: string | URL | Request) => {
        const host = new URL(String(input)).host;
        (started[host] ??= []).push(clock);
        return new Response('ok');
      }) as typeof fetch,
      now: () => clock,
      random: () => 0,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const group = arxivHostGroup(config); // the group default takes arxiv.org's floor
    for (let i = 0; i < 3; i++) await http.get(`http://127.0.0.1:9/api/query?start=${i}`, { group });
    for (let i = 0; i < 2; i++) await http.get(`https://oaipmh.arxiv.org/oai?verb=Identify&n=${i}`, { group });
    await http.get('https://export.arxiv.org/api/query?x=1', { group });
    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps(started['127.0.0.1:9']!)).toEqual([100, 100]);
    // All arxiv.org hosts share one slot: ≥ 3 s between any two of their requests.
    const arxiv = [...started['oaipmh.arxiv.org']!, ...started['export.arxiv.org']!];
    expect(gaps(arxiv).every((gap) => gap >= 3000)).toBe(true);
  });

  it('keys arxiv.org hosts to one shared slot and other hosts to their own', () => {
    const config = loadConfig({ env });
    const delays = hostDelaysFromConfig(config);
    expect(delays.get('127.0.0.1:9')).toBe(100);
    expect(delays.has('oaipmh.arxiv.org')).toBe(false);
    const group = { name: 'arxiv', delayMs: 50 };
    expect(hostSlot(group, 'https://arxiv.org/pdf/1', delays)).toEqual({ key: 'arxiv', delayMs: 3000 });
    expect(hostSlot({ name: 'open-access', delayMs: 1000 }, 'https://export.arxiv.org/x', delays).key).toBe('arxiv');
    expect(hostSlot(group, 'http://127.0.0.1:9/pdf/1', delays)).toEqual({ key: 'arxiv@127.0.0.1:9', delayMs: 100 });
    expect(hostSlot(group, 'http://mirror.example:8080/pdf/1', delays)).toEqual({
      key: 'arxiv@mirror.example:8080',
      delayMs: 50,
    });
  });
});
