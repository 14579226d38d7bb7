/**
 * PDF ingest throughput: pages/s of parsePdf (pdf-parse + our normalisation and structure) over the
 * real papers in ../shared/data/pdfs, against pages/s of raw pdf-parse text extraction of the same
 * files in the same run, and the ratio (how much our layer costs on top of extraction).
 * Run alone with `npx tsx bench/ingest-pdf.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { PDFParse } from 'pdf-parse';
import { parsePdf } from '../src/ingest/parse-pdf.ts';
import { sharedData } from '../test/support/shared-data.ts';

const ROUNDS = 2;

async function rawExtract(bytes: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).pages.length;
  } finally {
    await parser.destroy();
  }
}

export async function benchIngestPdf(): Promise<Record<string, number>> {
  const dir = sharedData('pdfs');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

  // Warm-up: module loading and pdf.js worker set-up are not per-page costs.
  await rawExtract(files[0]!.bytes);
  await parsePdf(files[0]!.bytes, { name: files[0]!.name });

  let pages = 0;
  let parseMs = 0;
  let rawMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const file of files) {
      // Alternate which goes first so neither always runs on a warmer cache.
      const order = round % 2 === 0 ? ['raw', 'parse'] : ['parse', 'raw'];
      for (const which of order) {
        const start = performance.now();
        if (which === 'raw') {
          pages += await rawExtract(file.bytes);
          rawMs += performance.now() - start;
        } else {
          await parsePdf(file.bytes, { name: file.name });
          parseMs += performance.now() - start;
        }
      }
    }
  }
  const pagesPerRun = pages; // counted once per round, from the raw runs
  const parsePagesPerS = pagesPerRun / (parseMs / 1000);
  const rawPagesPerS = pagesPerRun / (rawMs / 1000);
  return {
    pdf_files: files.length,
    pdf_pages: pagesPerRun / ROUNDS,
    pdf_parse_pages_per_s: round1(parsePagesPerS),
    pdf_raw_pdfparse_pages_per_s: round1(rawPagesPerS),
    pdf_parse_vs_raw_ratio: Math.round((parsePagesPerS / rawPagesPerS) * 1000) / 1000,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchIngestPdf(), null, 2));
}
