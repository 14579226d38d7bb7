import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkPassages } from '../../src/ingest/chunk-passages.ts';
import { parsePdf } from '../../src/ingest/parse-pdf.ts';
import {
  headingFixtures,
  headingKey,
  markdownHeadings,
  measureStructure,
  type StructureMeasure,
  sectionAgreement,
} from '../support/pdf-structure-oracle.ts';
import { sharedData } from '../support/shared-data.ts';

/**
 * Structure of the shared papers against headings read by hand (test/fixtures/pdf-headings, one file
 * per paper, read from `pdftotext -layout` and the bold runs of `pdftohtml -xml`): every heading found
 * with its label, no other heading, every passage in one of them; no passage or sentence opening with
 * a footnote marker, no word left broken at a line end ("im- portant"), footnotes in passages of their
 * own and body text free of their markers. `npm run bench -- pdf_structure` prints the same counts.
 */

const fixtures = headingFixtures();
const measures: (StructureMeasure & { paper: string })[] = [];

afterAll(() => {
  if (measures.length === 0) return;
  const sum = (pick: (m: StructureMeasure) => number) => measures.reduce((n, m) => n + pick(m), 0);
  const found = sum((m) => m.found);
  console.info(
    `pdf headings: recall ${found}/${sum((m) => m.expected)}, precision ${found}/${found + sum((m) => m.extra.length)}\n${measures
      .map(
        (m) =>
          `${m.paper}: ${m.found}/${m.expected}${m.missing.length ? `, missing ${m.missing.join(' | ')}` : ''}${m.extra.length ? `, not headings ${m.extra.join(' | ')}` : ''}`,
      )
      .join('\n')}`,
  );
});

describe('PDF structure of the shared papers against hand-read headings', () => {
  it.each(fixtures.map((f) => [f.paper, f] as const))('%s', async (_, fixture) => {
    const doc = await parsePdf(new Uint8Array(readFileSync(join(sharedData('pdfs'), fixture.paper))), {
      name: fixture.paper,
    });
    const passages = await chunkPassages(doc);
    const measure = measureStructure(fixture, doc, passages);
    measures.push({ ...measure, paper: fixture.paper });

    expect(measure.missing).toEqual([]);
    expect(measure.extra).toEqual([]);
    expect(measure.misplacedPassages).toBe(0);
    expect(measure.passagesOpeningWithMarker).toEqual([]);
    expect(measure.sentencesOpeningWithMarker).toEqual([]);
    expect(measure.brokenHyphens).toEqual([]);

    const spans = doc.footnotes ?? [];
    for (const note of fixture.footnotes ?? []) {
      const at = doc.fullText.indexOf(note);
      expect(at, note).toBeGreaterThanOrEqual(0);
      const span = spans.find((s) => s.start <= at && at + note.length <= s.end);
      expect(span, `footnote "${note}" is not a footnote span`).toBeDefined();
      const holding = passages.filter((p) => p.charStart < span!.end && span!.start < p.charEnd);
      for (const p of holding) expect([p.charStart, p.charEnd]).toEqual([span!.start, span!.end]);
    }
    const flat = doc.fullText.replace(/\s+/g, ' ');
    for (const body of fixture.bodyWithoutMarkers ?? []) expect(flat).toContain(body);
  });

  it("agrees with marker's and Nougat's Markdown of 1804.07821 on headings and on each passage's section", async () => {
    const file = '1804.07821v1.pdf';
    const doc = await parsePdf(new Uint8Array(readFileSync(join(sharedData('pdfs'), file))), { name: file });
    const passages = await chunkPassages(doc);
    const ours = doc.sections.map((s) => headingKey(s.path.at(-1)!));
    const marker = readFileSync(sharedData('pdfs', 'reference-extractions', '1804.07821v1.marker.md'), 'utf8');
    // marker's first heading is the paper's title, which is no section.
    expect(ours).toEqual(
      markdownHeadings(marker)
        .slice(1)
        .map((h) => headingKey(h.label)),
    );
    for (const tool of ['marker', 'nougat']) {
      const markdown = readFileSync(sharedData('pdfs', 'reference-extractions', `1804.07821v1.${tool}.md`), 'utf8');
      const agreement = sectionAgreement(doc, passages, markdown);
      console.info(`${tool}: ${agreement.agree}/${agreement.checked} passages in the same section`);
      expect(agreement.checked).toBeGreaterThanOrEqual(30);
      expect(agreement.disagreements).toEqual([]);
    }
  });
});
