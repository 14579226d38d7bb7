/**
 * `npm run bench`: prints one JSON object of figures. Each benchmark runs on its own; one that fails
 * reports its error instead of sinking the others. `npm run bench -- search verify` runs a subset.
 */
import { benchSearchAt } from './search.ts';

type Bench = () => Promise<Record<string, unknown>>;

const benches: Record<string, Bench> = {
  ingest_pdf: async () => (await import('./ingest-pdf.ts')).benchIngestPdf(),
  search_100k: () => benchSearchAt(100_000),
  search_1m: () => benchSearchAt(1_000_000),
  claims: async () => (await import('./claims.ts')).benchClaims(),
  verify: async () => (await import('./verify.ts')).benchVerify(),
  humaneval_x: async () => (await import('./humaneval.ts')).benchHumanEval(),
  refresh_noop: async () => (await import('./refresh.ts')).benchRefresh(),
};

const wanted = process.argv.slice(2);
const results: Record<string, unknown> = { node: process.version, cpus: (await import('node:os')).cpus().length };
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.some((w) => name.startsWith(w))) continue;
  const start = performance.now();
  try {
    results[name] = { ...(await bench()), wall_s: Number(((performance.now() - start) / 1000).toFixed(2)) };
  } catch (error) {
    results[name] = { error: (error as Error).message };
  }
  process.stderr.write(`bench ${name} done\n`);
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
