/**
 * `npm run bench`: prints one JSON object of figures, each with its comparator and the ratio (ours /
 * theirs for times: below 1 is faster; "x_vs_y" throughput ratios: above 1 is faster). Each benchmark
 * runs on its own; one that fails reports its error instead of sinking the others.
 * `npm run bench -- startup search` runs a subset. Search sizes: LITMUS_BENCH_SEARCH_SIZES (default
 * "10000,100000,1000000"; generated databases are kept in .tmp/bench/, the 1M one takes minutes to build). search_postgres_<size> runs the same on Postgres
 * (LITMUS_BENCH_DATABASE_URL, or Debian's postgresql started in .tmp/bench/postgres).
 */
import { benchSearchAt } from './search.ts';

type Bench = () => Promise<Record<string, unknown>>;

const searchSizes = (process.env.LITMUS_BENCH_SEARCH_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0);

const benches: Record<string, Bench> = {
  startup: async () => (await import('./startup.ts')).benchStartup(),
  ...Object.fromEntries(searchSizes.map((size) => [`search_${size}`, () => benchSearchAt(size)])),
  ...Object.fromEntries(
    searchSizes.map((size) => [
      `search_postgres_${size}`,
      async () => (await import('./search-postgres.ts')).benchPostgresSearchAt(size),
    ]),
  ),
  ingest_pdf: async () => (await import('./ingest-pdf.ts')).benchIngestPdf(),
  pdf_structure: async () => (await import('./pdf-structure.ts')).benchPdfStructure(),
  report: async () => (await import('./report.ts')).benchReport(),
  claims: async () => (await import('./claims.ts')).benchClaims(),
  verify: async () => (await import('./verify.ts')).benchVerify(),
  verify_review: async () => (await import('./verify-review.ts')).benchVerifyReview(),
  humaneval_x: async () => (await import('./humaneval.ts')).benchHumanEval(),
  refresh_noop: async () => (await import('./refresh.ts')).benchRefresh(),
  workers: async () => (await import('./workers.ts')).benchWorkers(),
  integrity: async () => (await import('./integrity.ts')).benchIntegrity(),
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
