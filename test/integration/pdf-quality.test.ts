import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/core/text.ts';
import type { ParsedDocument } from '../../src/core/types.ts';
import { isArxivStamp } from '../../src/ingest/normalize-text.ts';
import { parsePdf } from '../../src/ingest/parse-pdf.ts';
import { sharedData } from '../support/shared-data.ts';

/**
 * Quality of parsePdf on the real papers in ../shared/data/pdfs, measured against poppler:
 * page counts against `pdfinfo`, and how many of the long sentences `pdftotext` finds are also in
 * our fullText (case, punctuation and whitespace ignored). pdftotext reorders captions, tables and
 * figure labels differently from pdf.js, so 100% is not reachable; the floors are 90% overall and
 * 80% in every file. Raw pdf-parse text is measured alongside as the baseline.
 */

const dir = sharedData('pdfs');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.pdf'))
  .sort();

function pdfinfoPages(path: string): number {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(out)![1]);
}

/**
 * Sentences of 8+ words from pdftotext, normalised for matching. Bare page-number lines and the
 * arXiv side stamp are dropped first: parsePdf keeps them out of sentences on purpose, and poppler
 * otherwise glues them onto the neighbouring sentence.
 */
function popplerSentences(path: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n')
    .filter((line) => !/^\s*\d{1,5}\s*$/.test(line) && !isArxivStamp(line))
    .join('\n');
  const sentences = new Set<string>();
  for (const block of text.normalize('NFKC').split(/\n\s*\n|\f/)) {
    const joined = block.replace(/\s+/g, ' ').trim();
    for (const sentence of joined.split(/(?<=[.!?])\s+(?=[\p{Lu}\d"“([])/u)) {
      const normalised = normalizeForMatch(sentence);
      if (normalised.split(' ').length >= 8) sentences.add(normalised);
    }
  }
  return [...sentences];
}

/** pdf-parse's own text of the file, untouched: the baseline our normalisation must not fall below. */
async function rawPdfParseText(path: string): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(path)) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** Whitespace-insensitive form: small caps split by poppler (`G ROBID`) and line-end hyphens still match. */
const compact = (text: string): string => text.replace(/ /g, '');

interface Measure {
  file: string;
  pages: number;
  total: number;
  found: number; // whitespace-insensitive matches in our fullText
  foundWords: number; // word-boundary matches (normalizeForMatch as is)
  foundRaw: number; // whitespace-insensitive matches in raw pdf-parse text
}

const measures: Measure[] = [];
const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}%`;

afterAll(() => {
  if (measures.length === 0) return;
  const rows = measures.map(
    (m) =>
      `${m.file}: pages ${m.pages}, sentences ${m.total}, recall ${pct(m.found, m.total)}, word-exact ${pct(m.foundWords, m.total)}, raw pdf-parse ${pct(m.foundRaw, m.total)}`,
  );
  const sum = (key: 'found' | 'foundWords' | 'foundRaw' | 'total') => measures.reduce((acc, m) => acc + m[key], 0);
  console.info(
    `pdftotext sentence recall\n${rows.join('\n')}\noverall ${pct(sum('found'), sum('total'))}, word-exact ${pct(sum('foundWords'), sum('total'))}, raw pdf-parse ${pct(sum('foundRaw'), sum('total'))}`,
  );
});

describe('parsePdf on real papers', () => {
  it.each(files)('%s: pages match pdfinfo, no ligatures, long pdftotext sentences found', async (file) => {
    const path = join(dir, file);
    const doc: ParsedDocument = await parsePdf(new Uint8Array(readFileSync(path)), { name: file });

    const pageCount = pdfinfoPages(path);
    const ours = normalizeForMatch(doc.fullText);
    const oursCompact = compact(ours);
    const rawCompact = compact(normalizeForMatch(await rawPdfParseText(path)));
    const sentences = popplerSentences(path);
    const measure: Measure = {
      file,
      pages: pageCount,
      total: sentences.length,
      found: sentences.filter((s) => oursCompact.includes(compact(s))).length,
      foundWords: sentences.filter((s) => ours.includes(s)).length,
      foundRaw: sentences.filter((s) => rawCompact.includes(compact(s))).length,
    };
    measures.push(measure);

    expect(doc.pages).toHaveLength(pageCount);
    expect(doc.pages.map((p) => p.page)).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    expect(doc.pages[0]!.start).toBe(0);
    expect(doc.pages.at(-1)!.end).toBe(doc.fullText.length);
    for (let i = 1; i < doc.pages.length; i++) expect(doc.pages[i]!.start).toBe(doc.pages[i - 1]!.end);
    expect(doc.pages.filter((p) => p.end - p.start < 100)).toEqual([]);

    expect(doc.fullText).not.toMatch(/[\uFB00-\uFB06]/);
    expect(doc.fullText).not.toMatch(/arXiv:\d{4}\.\d{4,5}v\d+ \[[^\]]+\] \d{1,2} \w{3} \d{4}/);
    expect(doc.fullText).not.toMatch(/[ \t]{2,}|\n{3,}/);
    expect(doc.title).toBeTruthy();
    expect(doc.sections.length).toBeGreaterThanOrEqual(4);
    for (const section of doc.sections) expect(section.end).toBeGreaterThanOrEqual(section.start);
    expect(doc.sections.some((s) => /^references$/i.test(s.path[0]!))).toBe(true);
    expect(doc.references.length).toBeGreaterThanOrEqual(10);

    expect(measure.total).toBeGreaterThan(20);
    expect(measure.found / measure.total).toBeGreaterThanOrEqual(0.8);
    // Normalisation must not lose text pdf-parse had, and must not glue words together. The 2% slack:
    // poppler glues running headers, page numbers and captions into some of its "sentences", and we
    // remove or move exactly those.
    expect(measure.found).toBeGreaterThanOrEqual(measure.foundRaw - Math.ceil(measure.total * 0.02));
    expect(measure.foundWords / measure.total).toBeGreaterThanOrEqual(0.7);
  });

  it('finds at least 90% of the long pdftotext sentences over the whole set', () => {
    expect(measures).toHaveLength(files.length);
    const found = measures.reduce((sum, m) => sum + m.found, 0);
    const total = measures.reduce((sum, m) => sum + m.total, 0);
    expect(found / total).toBeGreaterThanOrEqual(0.9);
  });

  it('gets titles, abstracts and numbered sections of known papers', async () => {
    const parse = async (file: string) => parsePdf(new Uint8Array(readFileSync(join(dir, file))), { name: file });
    const s2orc = await parse('2020.acl-main.447.pdf');
    expect(s2orc.title).toBe('S2ORC: The Semantic Scholar Open Research Corpus');
    expect(s2orc.abstract).toMatch(/^We introduce S2ORC/);
    expect(s2orc.fullText.slice(s2orc.sections[0]!.start, s2orc.sections[0]!.end)).toMatch(/^Abstract/);
    const paths = s2orc.sections.map((s) => s.path.join(' > '));
    expect(paths).toContain('2 Constructing the corpus > 2.1 Processing PDFs');
    expect(paths).toContain('A Background & Terminology');
    expect(s2orc.fullText).toContain('Saier and Färber');

    const lexsum = await parse('2206.10883v3.pdf'); // no Info Title: from the biggest text on page 1
    expect(lexsum.title).toBe('Multi-LexSum: Real-World Summaries of Civil Rights Lawsuits at Multiple Granularities');
    expect(lexsum.abstract).toMatch(/^With the advent of large language models/);
    expect(lexsum.fullText).toContain('state-of-the-art');
  });
});
