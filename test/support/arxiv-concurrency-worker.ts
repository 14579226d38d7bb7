/**
 * A litmus process for the cross-process rate-limit test: `tsx arxiv-concurrency-worker.ts <db> <api>
 * <delayMs> <count> <label> [startAtMs]` makes <count> arXiv searches through the polite fetch against a stand-in,
 * sharing the database (and so the rate_limits table) with its sibling processes; <db> is a path or a URL.
 */
import { createHttpClientFromConfig } from '../../src/http/client-from-config.ts';
import { createArxivSource } from '../../src/sources/arxiv/arxiv-source.ts';
import { openStore } from '../../src/store/open-store.ts';
import { standInConfig } from './arxiv-stand-in.ts';

const [db, api, delay, count, label, startAt] = process.argv.slice(2);
const base = new URL(api!).origin;
const config = standInConfig({ db, arxiv: { api, base, oai: `${base}/oai`, delayMs: Number(delay) } });
const store = await openStore(config.db); // a SQLite file or a postgres:// URL
const http = createHttpClientFromConfig(store, config);
const source = createArxivSource({ http, config });
// Both workers begin together, whatever their start-up time was.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt ?? 0) - Date.now())));
for (let i = 0; i < Number(count); i += 1) {
  await source.searchEntries(`${label}${i}`, { max: 1, refresh: true });
}
await store.close();
process.stdout.write(`${JSON.stringify({ label, requests: http.requestCount })}\n`);
