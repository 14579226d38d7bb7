import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../src/store/open-store.ts';
import { openPostgresDatabase } from '../src/store/postgres/connect.ts';
import { type Db, poolDb } from '../src/store/postgres/db.ts';
import { toTsQuery } from '../src/store/postgres/search.ts';
import type { Store } from '../src/store/store.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { benchDir, percentile, ratio, round } from './measure.ts';
import { CORPUS_VERSION, syntheticDocuments, wordSource } from './search.ts';

/**
 * The Postgres twin of bench/search.ts: the same generated passages (~30 Zipf-like words, 1000 per
 * document) and the same queries, through the Postgres store's own write path. The server is
 * LITMUS_BENCH_DATABASE_URL, or a cluster of Debian's postgresql kept in .tmp/bench/postgres (durability
 * off, as in tests); each size is one schema, built once and kept (drop the folder to rebuild).
 */
async function server(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env.LITMUS_BENCH_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  return startPostgresCluster({ keepIn: join(benchDir(), 'postgres') });
}

async function passageCount(db: Db): Promise<number> {
  return (await db.rows<{ n: number }>('SELECT count(*)::int AS n FROM passages'))[0]!.n;
}

/** Through the store's own write path: one transaction per document, as `litmus add` writes. */
async function build(store: Store, db: Db, count: number): Promise<void> {
  await db.changes('TRUNCATE papers, documents, passages CASCADE');
  for (const { paper, document } of syntheticDocuments(count)) {
    await store.transaction(async (tx) => {
      await tx.papers.upsert(paper);
      await tx.documents.insert(document);
    });
  }
  await db.changes('VACUUM ANALYZE passages');
}

/**
 * litmus's Postgres search against the raw tsvector query it is built on (the same OR query, top 10 by
 * ts_rank_cd, ids only), interleaved query by query, plus raw ts_rank (the other built-in ranking) and
 * an unranked GIN match (what ranking costs). The SQLite figures at the same size are in search_<size>.
 */
export async function benchPostgresSearchAt(count: number, queries = 200): Promise<Record<string, unknown>> {
  const cluster = await server();
  try {
    const url = `${cluster.url}${cluster.url.includes('?') ? '&' : '?'}schema=bench_search_v${CORPUS_VERSION}_${count}`;
    const store = await openStore(url);
    // The raw comparators run on the store's own pool type, outside the spec.
    const database = await openPostgresDatabase(url);
    const db = poolDb(database.pool);
    try {
      const buildStart = performance.now();
      if ((await passageCount(db)) !== count) await build(store, db, count);
      const buildS = (performance.now() - buildStart) / 1000;
      const nextWord = wordSource(4242);
      const texts = Array.from({ length: queries }, () => `${nextWord()} ${nextWord()}`);
      const raw = (rank: string) => (text: string) =>
        db.rows(`SELECT id FROM passages WHERE tsv @@ to_tsquery('litmus_fts', $1) ORDER BY ${rank} DESC LIMIT 10`, [
          toTsQuery(text, 'any'),
        ]);
      const cases: Record<string, (text: string) => Promise<unknown>> = {
        raw: raw("ts_rank_cd(tsv, to_tsquery('litmus_fts', $1), 1)"),
        raw_ts_rank: raw("ts_rank(tsv, to_tsquery('litmus_fts', $1), 1)"),
        raw_unranked: (text) =>
          db.rows("SELECT id FROM passages WHERE tsv @@ to_tsquery('litmus_fts', $1) LIMIT 10", [
            toTsQuery(text, 'any'),
          ]),
        litmus_any: (text) => store.passages.search(text, { limit: 10, match: 'any' }),
        litmus: (text) => store.passages.search(text, { limit: 10 }),
      };
      const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
      for (const text of texts.slice(0, 20)) for (const run of Object.values(cases)) await run(text); // warm the cache
      for (const text of texts) {
        for (const [name, run] of Object.entries(cases)) {
          const start = performance.now();
          await run(text);
          samples[name]!.push(performance.now() - start);
        }
      }
      for (const times of Object.values(samples)) times.sort((a, b) => a - b);
      const p = (name: string, q: number) => percentile(samples[name]!, q);
      return {
        passages: count,
        queries,
        db_built_s: round(buildS, 1),
        litmus_p50_ms: round(p('litmus', 0.5)),
        litmus_p95_ms: round(p('litmus', 0.95)),
        litmus_any_p50_ms: round(p('litmus_any', 0.5)),
        litmus_any_p95_ms: round(p('litmus_any', 0.95)),
        raw_ts_rank_cd_p50_ms: round(p('raw', 0.5)),
        raw_ts_rank_cd_p95_ms: round(p('raw', 0.95)),
        raw_ts_rank_p50_ms: round(p('raw_ts_rank', 0.5)),
        raw_ts_rank_p95_ms: round(p('raw_ts_rank', 0.95)),
        raw_unranked_p50_ms: round(p('raw_unranked', 0.5)),
        raw_unranked_p95_ms: round(p('raw_unranked', 0.95)),
        litmus_vs_raw_p50: ratio(p('litmus', 0.5), p('raw', 0.5)),
        litmus_vs_raw_p95: ratio(p('litmus', 0.95), p('raw', 0.95)),
        ...(await agreementWithSqlite(store, db, count, texts.slice(0, 50))),
      };
    } finally {
      await store.close();
      await database.pool.end();
    }
  } finally {
    await cluster.stop();
  }
}

/**
 * How far Postgres's ranking agrees with SQLite's BM25 on the same passages and queries: of Postgres's
 * top 10, the share SQLite ranks at least as high as its own 10th (so a tie at SQLite's cut counts as
 * agreeing; mean over queries), in both match modes. Needs the SQLite database of the same size (bench
 * search_<count> builds it); left out without it.
 */
async function agreementWithSqlite(
  store: Store,
  db: Db,
  count: number,
  texts: string[],
): Promise<Record<string, number>> {
  const path = join(benchDir(), `search-v${CORPUS_VERSION}-${count}.db`);
  if (!existsSync(path)) return {};
  const sqlite = await openStore(path); // writable: brings a database kept from an older schema up to date
  try {
    const key = (hit: { passage: { paperId: string; ordinal: number } }) =>
      `${hit.passage.paperId}#${hit.passage.ordinal}`;
    // What ts_rank_cd alone would return (the ranking the issue names), for comparison.
    const byRankCd = async (text: string) =>
      db.rows<{ paperId: string; ordinal: number }>(
        `SELECT paper_id AS "paperId", ordinal FROM passages WHERE tsv @@ to_tsquery('litmus_fts', $1)
         ORDER BY ts_rank_cd(tsv, to_tsquery('litmus_fts', $1), 1) DESC, id LIMIT 10`,
        [toTsQuery(text, 'any')],
      );
    const agreement = async (match: 'any' | 'all-then-any', rankCd = false) => {
      let sum = 0;
      for (const text of texts) {
        const ranked = await sqlite.passages.search(text, { limit: 500, match });
        const scores = new Map(ranked.map((hit) => [key(hit), hit.score]));
        const cut = (ranked[Math.min(9, ranked.length - 1)]?.score ?? 0) - 1e-9;
        const got = rankCd
          ? (await byRankCd(text)).map((row) => `${row.paperId}#${row.ordinal}`)
          : (await store.passages.search(text, { limit: 10, match })).map(key);
        sum += got.length === 0 ? 1 : got.filter((k) => (scores.get(k) ?? -Infinity) >= cut).length / got.length;
      }
      return round(sum / texts.length);
    };
    return {
      top10_agreement_with_sqlite: await agreement('all-then-any'),
      top10_agreement_with_sqlite_any: await agreement('any'),
      ts_rank_cd_top10_agreement_with_sqlite_any: await agreement('any', true),
    };
  } finally {
    await sqlite.close();
  }
}
