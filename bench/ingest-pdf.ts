/**
 * PDF ingest, side by side on the real papers in ../shared/data/pdfs:
 * - raw pdf-parse text extraction, one file after another: a warm pass in a process of its own, and
 *   end to end in a fresh process (module loading included, like `litmus add`) — the comparator of
 *   issue 18;
 * - pdftotext (poppler), one process per file, one after another;
 * - litmus's parse stage, a warm pass in a process of its own, from the build (pdf.js + normalisation
 *   and structure), one after another;
 * - `litmus add <the PDFs>` end to end from the build (worker pool on every core, writes, start-up
 *   included), with the default pool and with one worker (LITMUS_PARSE_THREADS=1);
 * - the same end-to-end comparison on a batch four times as large (`batch_*`);
 * - what the second core is worth here: two raw processes side by side against one.
 * Run alone with `npx tsx bench/ingest-pdf.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isBuildFresh } from '../bin/build-stamp.js';
import { buildDist } from '../scripts/build.ts';
import { sharedData } from '../test/support/shared-data.ts';
import { litmusBin, processCost, processCostAsync, ratio, repoRoot, round } from './measure.ts';

/**
 * One warm pass over the files in a fresh process, after one file to load and set up the modules:
 * raw pdf-parse's text extraction, or litmus's parse as a `litmus add` worker runs it (the built
 * worker module). Each runs in its own process because pdf-parse's pdf.js build replaces built-ins
 * (Array.prototype.push among them) for the whole process when it loads, which litmus undoes only
 * when it loads pdf.js itself (src/ingest/pdfjs-runtime.ts): measured in one process, whichever
 * loaded first would set the footing for both, and for every bench that ran after.
 */
function warmPassInChild(kind: 'raw' | 'litmus', paths: string[]): { seconds: number; pages: number } {
  const parseOne =
    kind === 'raw'
      ? `const { PDFParse } = await import('pdf-parse');
         const parse = async (bytes) => { const parser = new PDFParse({ data: bytes });
           try { return (await parser.getText()).pages.length; } finally { await parser.destroy(); } };`
      : `const { default: task } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'parse-worker.js')).href)});
         const parse = async (bytes) => { const outcome = await task({ name: 'bench.pdf', bytes, kind: 'pdf' });
           if (!outcome.ok) throw new Error(outcome.message); return 0; };`;
  const script = `import { readFileSync } from 'node:fs';
    ${parseOne}
    const files = JSON.parse(process.argv[1]).map((path) => new Uint8Array(readFileSync(path)));
    await parse(files[0].slice());
    const start = performance.now();
    let pages = 0;
    for (const bytes of files) pages += await parse(bytes.slice());
    process.stdout.write(JSON.stringify({ seconds: (performance.now() - start) / 1000, pages }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(paths)], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (result.status !== 0) throw new Error(`${kind} parse pass failed: ${result.stderr.trim().split('\n').pop()}`);
  return JSON.parse(result.stdout) as { seconds: number; pages: number };
}

/** `litmus add <paths>` into a fresh database, end to end from the build; `threads` sets the pool size. */
function addCost(paths: string[], threads?: number) {
  const tmp = mkdtempSync(join(tmpdir(), 'litmus-bench-ingest-'));
  try {
    const env = { ...process.env, ...(threads ? { LITMUS_PARSE_THREADS: String(threads) } : {}) };
    const cost = processCost(process.execPath, [litmusBin, '--db', join(tmp, 'x.db'), '--quiet', 'add', ...paths], env);
    if (cost.code !== 0) throw new Error(`litmus add exited ${cost.code}`);
    return cost;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The same footing as `litmus add`: one fresh process that loads pdf-parse and extracts every file. */
function rawProcessArgs(paths: string[]): string[] {
  const rawScript = `import { PDFParse } from 'pdf-parse'; import { readFileSync } from 'node:fs';
    for (const path of JSON.parse(process.argv[1])) {
      const parser = new PDFParse({ data: new Uint8Array(readFileSync(path)) });
      await parser.getText(); await parser.destroy();
    }`;
  return ['--input-type=module', '-e', rawScript, JSON.stringify(paths)];
}

function rawProcessCost(paths: string[]) {
  const cost = processCost(process.execPath, rawProcessArgs(paths));
  if (cost.code !== 0) throw new Error('raw pdf-parse process failed');
  return cost;
}

/**
 * What a second core is worth for this work on this machine: two raw pdf-parse processes over the
 * same files started together, against one. 2.0 would be two full cores; a shared or throttled
 * virtual core gives less, and no split of the work across cores can beat it.
 */
async function parallelThroughput(paths: string[]): Promise<number> {
  const one = rawProcessCost(paths);
  const start = performance.now();
  const both = await Promise.all([1, 2].map(() => processCostAsync(process.execPath, rawProcessArgs(paths))));
  if (both.some((cost) => cost.code !== 0)) throw new Error('raw pdf-parse process failed');
  return round((2 * one.wallS) / ((performance.now() - start) / 1000), 2);
}

export async function benchIngestPdf(): Promise<Record<string, number>> {
  if (!isBuildFresh(repoRoot)) await buildDist();
  const dir = sharedData('pdfs');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((name) => ({ name, path: join(dir, name), bytes: new Uint8Array(readFileSync(join(dir, name))) }));

  const paths = files.map((file) => file.path);
  const raw = warmPassInChild('raw', paths);
  const pages = raw.pages;
  const rawS = raw.seconds;
  const parseS = warmPassInChild('litmus', paths).seconds;

  const start = performance.now();
  for (const file of files) {
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file.path, '-'], { maxBuffer: 64 << 20 });
    if (result.status !== 0) throw new Error(`pdftotext failed on ${file.name} (apt-get install poppler-utils)`);
  }
  const pdftotextS = (performance.now() - start) / 1000;

  const addPool = addCost(files.map((file) => file.path));
  const addOne = addCost(
    files.map((file) => file.path),
    1,
  );
  const rawProcess = rawProcessCost(files.map((file) => file.path));
  const twoProcesses = await parallelThroughput(files.map((file) => file.path));

  // A batch four times as large (each PDF four times, made distinct by a trailing PDF comment, so
  // none is skipped as already stored): start-up and each worker's warm-up weigh less per page.
  const batchDir = mkdtempSync(join(tmpdir(), 'litmus-bench-batch-'));
  let batch: Record<string, number>;
  try {
    const paths = files.flatMap((file) =>
      [1, 2, 3, 4].map((copy) => {
        const path = join(batchDir, `${copy}-${file.name}`);
        writeFileSync(path, Buffer.concat([Buffer.from(file.bytes), Buffer.from(`\n%copy ${copy}\n`)]));
        return path;
      }),
    );
    const batchRaw = rawProcessCost(paths);
    const batchPool = addCost(paths);
    const batchOne = addCost(paths, 1);
    const batchPages = pages * 4;
    batch = {
      batch_pdf_files: paths.length,
      batch_raw_pdfparse_process_pages_per_s: round(batchPages / batchRaw.wallS, 1),
      batch_raw_pdfparse_process_cpu_s: batchRaw.cpuS,
      batch_litmus_add_pool_pages_per_s: round(batchPages / batchPool.wallS, 1),
      batch_litmus_add_pool_vs_raw_pdfparse_process: ratio(batchRaw.wallS, batchPool.wallS),
      batch_litmus_add_pool_cpu_s: batchPool.cpuS,
      batch_litmus_add_pool_peak_mib: batchPool.peakMiB,
      batch_litmus_add_1_worker_pages_per_s: round(batchPages / batchOne.wallS, 1),
      batch_litmus_add_pool_vs_1_worker: ratio(batchOne.wallS, batchPool.wallS),
    };
  } finally {
    rmSync(batchDir, { recursive: true, force: true });
  }

  const perS = (seconds: number) => round(pages / seconds, 1);
  return {
    pdf_files: files.length,
    pdf_pages: pages,
    cores: availableParallelism(),
    raw_pdfparse_pages_per_s: perS(rawS),
    pdftotext_pages_per_s: perS(pdftotextS),
    litmus_parse_in_thread_pages_per_s: perS(parseS),
    litmus_parse_in_thread_vs_raw: ratio(rawS, parseS),
    raw_pdfparse_process_pages_per_s: perS(rawProcess.wallS),
    raw_pdfparse_process_cpu_s: rawProcess.cpuS,
    raw_pdfparse_process_peak_mib: rawProcess.peakMiB,
    raw_pdfparse_2_processes_throughput_vs_1: twoProcesses,
    litmus_add_pool_pages_per_s: perS(addPool.wallS),
    litmus_add_pool_vs_raw_pdfparse_process: ratio(rawProcess.wallS, addPool.wallS),
    litmus_add_pool_vs_raw_pdfparse: ratio(rawS, addPool.wallS),
    litmus_add_pool_vs_pdftotext: ratio(pdftotextS, addPool.wallS),
    litmus_add_pool_cpu_s: addPool.cpuS,
    litmus_add_pool_peak_mib: addPool.peakMiB,
    litmus_add_1_worker_pages_per_s: perS(addOne.wallS),
    litmus_add_1_worker_peak_mib: addOne.peakMiB,
    litmus_add_pool_vs_1_worker: ratio(addOne.wallS, addPool.wallS),
    ...batch,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchIngestPdf(), null, 2));
}
