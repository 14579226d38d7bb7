import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { LitmusError } from '../../src/core/errors.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openPostgresDatabase } from '../../src/store/postgres/connect.ts';
import { poolDb } from '../../src/store/postgres/db.ts';
import type { Store } from '../../src/store/store.ts';
import { startPostgresCluster } from '../support/postgres-cluster.ts';
import { repoRoot } from '../support/shared-data.ts';
import { arxivPaper, documentOf } from './store-fixtures.ts';
import { storeContract } from './store.contract.ts';

/**
 * The store contract on a real Postgres: the throwaway cluster of the `postgres` vitest project
 * (test/support/postgres-setup.ts). Every store opened here works in a schema of its own, so tests never
 * see each other's rows; cross-connection tests open two stores (two pools) on the same schema, which
 * is what two worker processes look like to the server.
 */
const base = inject('postgresUrl');
let n = 0;
const freshSchema = () => `contract_${process.pid}_${Date.now().toString(36)}_${++n}`;
const urlFor = (schema: string) => `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;

storeContract('postgres', () => openStore(urlFor(freshSchema())));

async function withStores<T>(count: number, work: (stores: Store[]) => Promise<T>): Promise<T> {
  const url = urlFor(freshSchema());
  const stores = await Promise.all(Array.from({ length: count }, () => openStore(url)));
  try {
    return await work(stores);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

describe('postgres store across connections', () => {
  it('migrates a fresh schema once when several processes open it at the same moment', async () => {
    await withStores(3, async (stores) => {
      expect(stores.every((store) => store.dialect === 'postgres')).toBe(true);
      await stores[0]!.papers.upsert(arxivPaper('2201.00001', 1, 'Seen by all'));
      for (const store of stores) expect(await store.papers.exists('arxiv:2201.00001v1')).toBe(true);
    });
  });

  it('gives one rate-limit slot to exactly one of many connections racing for it', async () => {
    await withStores(3, async (stores) => {
      const attempts = await Promise.all(
        stores.flatMap((store) =>
          Array.from({ length: 6 }, () => store.rateLimits.tryAcquire('arxiv', 3000, 60_000, 1_000)),
        ),
      );
      expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
    });
  });

  it('spaces requests across connections: leases never overlap and starts keep the delay', async () => {
    const delayMs = 40;
    await withStores(2, async (stores) => {
      const starts: { start: number; end: number }[] = [];
      const worker = async (store: Store) => {
        for (let taken = 0; taken < 4; ) {
          const now = Date.now();
          const attempt = await store.rateLimits.tryAcquire('spaced', delayMs, 5_000, now);
          if (!attempt.acquired) {
            await new Promise((resolve) => setTimeout(resolve, Math.min(attempt.waitMs, 20)));
            continue;
          }
          taken += 1;
          await new Promise((resolve) => setTimeout(resolve, 5)); // the request in flight
          const end = Date.now();
          starts.push({ start: now, end });
          await store.rateLimits.release('spaced', attempt.lease, delayMs, end);
        }
      };
      await Promise.all(stores.map(worker));
      starts.sort((a, b) => a.start - b.start);
      expect(starts).toHaveLength(8);
      for (let i = 1; i < starts.length; i++) {
        expect(starts[i]!.start).toBeGreaterThanOrEqual(starts[i - 1]!.end + delayMs);
      }
    });
  });

  it('spaces the slots two processes take: never two in flight, each start the delay after the last end', async () => {
    const url = urlFor(freshSchema());
    await (await openStore(url)).close(); // migrated once, so both start on an equal footing
    const worker = join(repoRoot, 'test/support/rate-slot-worker.ts');
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const startAt = String(Date.now() + 3000);
    const spawn = () => promisify(execFile)(tsx, [worker, url, 'arxiv', '60', '4', startAt], { cwd: repoRoot });
    const outputs = await Promise.all([spawn(), spawn()]);
    const held = outputs
      .flatMap((output) => JSON.parse(output.stdout) as [number, number][])
      .sort((a, b) => a[0] - b[0]);
    expect(held).toHaveLength(8);
    for (let i = 1; i < held.length; i++) expect(held[i]![0]).toBeGreaterThanOrEqual(held[i - 1]![1] + 60);
  });

  it('lets one of two connections take a free lock', async () => {
    await withStores(2, async ([a, b]) => {
      const options = (pid: number) => ({ pid, host: 'h', isAlive: () => true });
      const [first, second] = await Promise.all([
        a!.locks.acquire('refresh:t', options(1)),
        b!.locks.acquire('refresh:t', options(2)),
      ]);
      expect([first.acquired, second.acquired].sort()).toEqual([false, true]);
    });
  });

  it('hides a transaction’s writes from other connections until it commits', async () => {
    await withStores(2, async ([a, b]) => {
      await a!.transaction(async (tx) => {
        await tx.papers.upsert(arxivPaper('2201.00002', 1, 'Pending'));
        await tx.documents.insert(documentOf('arxiv:2201.00002v1', ['Pending text about gazelles.']));
        expect(await b!.papers.exists('arxiv:2201.00002v1')).toBe(false);
        expect(await b!.passages.search('gazelles')).toEqual([]);
      });
      expect((await b!.passages.search('gazelles')).map((hit) => hit.passage.paperId)).toEqual(['arxiv:2201.00002v1']);
    });
  });
});

describe('postgres store: claims (migration 5)', () => {
  it('keeps a claim’s centrality and further locations, and updates them on a re-save', async () => {
    await withStores(1, async ([store]) => {
      await store!.papers.upsert(arxivPaper('2204.00001', 1, 'Claims'));
      const claim = {
        paperId: 'arxiv:2204.00001v1',
        text: 'We reach 90% accuracy.',
        type: 'result' as const,
        numbers: [],
        passageId: null,
        charStart: 0,
        charEnd: 22,
        relevance: 0.5,
        engine: 'embedded@1',
        centrality: 0.75,
        locations: [{ passageId: null, charStart: 100, charEnd: 122 }],
      };
      const [saved] = await store!.claims.save([claim], null);
      expect(saved).toMatchObject({ centrality: 0.75, locations: claim.locations });
      await store!.claims.save([{ ...claim, centrality: 0.5, locations: [] }], null);
      const [listed] = await store!.claims.list(claim.paperId);
      expect(listed).toMatchObject({ id: saved!.id, centrality: 0.5, locations: [] });
    });
  });
});

describe('postgres store: search semantics', () => {
  it('matches every word, stop words included, by stem, and ranks all-words passages first', async () => {
    await withStores(1, async ([store]) => {
      await store!.transaction(async (tx) => {
        await tx.papers.upsert(arxivPaper('2202.00001', 1, 'Stems'));
        await tx.documents.insert(
          documentOf('arxiv:2202.00001v1', [
            'The models were trained for the benchmark.',
            'Training a model takes time.',
            'Of mice and men.',
          ]),
        );
      });
      expect((await store!.passages.search('of')).map((h) => h.passage.text)).toEqual(['Of mice and men.']);
      const hits = await store!.passages.search('model training');
      expect(hits.map((h) => h.passage.text)).toEqual([
        'Training a model takes time.',
        'The models were trained for the benchmark.',
      ]);
      expect(hits[1]!.snippet).toBe('The \u0002models\u0003 were \u0002trained\u0003 for the benchmark.');
      expect(await store!.passages.search("'); DROP TABLE passages; --")).toEqual([]);
      expect(await store!.passages.list('arxiv:2202.00001v1')).toHaveLength(3);
    });
  });
});

describe('postgres store: opening', () => {
  it('says clearly when the server cannot be reached', async () => {
    const error = await openStore('postgres://litmus:s3cret@127.0.0.1:1/litmus').catch((e: unknown) => e);
    expect(LitmusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'E_DB_UNREACHABLE', exitCode: 2 });
    expect((error as Error).message).toContain('postgres://litmus:***@127.0.0.1:1/litmus');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('refuses a read-only open of a schema litmus never created, and a malformed schema name', async () => {
    await expect(openStore(urlFor(freshSchema()), { readonly: true })).rejects.toMatchObject({ code: 'E_DB_MISSING' });
    await expect(openStore(urlFor('Robert; DROP'))).rejects.toMatchObject({ code: 'E_DB_URL' });
  });

  it('has the test cluster fail, naming the package to install, when the server binaries are missing', async () => {
    const previous = process.env.LITMUS_PG_BINDIR;
    process.env.LITMUS_PG_BINDIR = '/nonexistent/postgresql/bin';
    try {
      await expect(startPostgresCluster()).rejects.toThrow(/apt-get install postgresql/);
    } finally {
      if (previous === undefined) delete process.env.LITMUS_PG_BINDIR;
      else process.env.LITMUS_PG_BINDIR = previous;
    }
  });

  it('refuses, untouched, a schema written by a newer litmus', async () => {
    const url = urlFor(freshSchema());
    const database = await openPostgresDatabase(url);
    await poolDb(database.pool).changes('UPDATE litmus_schema SET version = 999');
    await database.pool.end();
    await expect(openStore(url)).rejects.toMatchObject({ code: 'E_DB_TOO_NEW', exitCode: 2 });
    await expect(openStore(url, { readonly: true })).rejects.toMatchObject({ code: 'E_DB_TOO_NEW' });
  });

  it('opens a migrated schema read-only: reads work, writes are refused by the server', async () => {
    const url = urlFor(freshSchema());
    const writer = await openStore(url);
    await writer.papers.upsert(arxivPaper('2203.00001', 1, 'Read me'));
    await writer.close();
    const reader = await openStore(url, { readonly: true });
    try {
      expect((await reader.papers.get('arxiv:2203.00001v1'))?.title).toBe('Read me');
      await expect(reader.papers.upsert(arxivPaper('2203.00002', 1, 'No'))).rejects.toThrow(/read-only/);
    } finally {
      await reader.close();
    }
  });
});
