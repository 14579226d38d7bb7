import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/core/sentences.ts';
import { normalizeForMatch } from '../../src/core/text.ts';
import { chunkPassages } from '../../src/ingest/chunk-passages.ts';
import { parsePdf } from '../../src/ingest/parse-pdf.ts';
import { sharedData } from '../support/shared-data.ts';

/**
 * Structure of the shared papers against headings read by hand (test/fixtures/pdf-headings, one file
 * per paper, read from `pdftotext -layout` and the bold runs of `pdftohtml -xml`): every heading found
 * with its label, no other heading, every passage in one of them; no passage or sentence opening with
 * a footnote marker, no word left broken at a line end ("im- portant"), footnotes apart from body
 * prose and body text free of their markers.
 */

interface HeadingFixture {
  paper: string;
  headings: string[];
  /** Labels printed like headings that are neither required nor an error (run-in front-matter labels). */
  optional?: string[];
  /** Footnote text that must sit in passages of its own. */
  footnotes?: string[];
  /** Body text that must read without the footnote markers the PDF prints in it. */
  bodyWithoutMarkers?: string[];
}

const fixtureDir = join(import.meta.dirname, '../fixtures/pdf-headings');
const fixtures: HeadingFixture[] = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(fixtureDir, f), 'utf8')) as HeadingFixture);

/** A footnote marker opening a passage or sentence: `1If …`, `3UDPOS …`, `2, no …`, `∗ denotes …`. */
const MARKER_START = /^(?:\d{1,2}(?!(?:st|nd|rd|th)\b)\p{L}{2}|\d{1,2}[,;](?=\s)|[∗†‡¶]|§(?!\s?\d))/u;
/**
 * A word broken at a line end and never re-joined: `im- portant` (the joined word is written elsewhere
 * in the paper, or the tail is no word of it) or `im- 3UDPOS` (a footnote in between). A suspended
 * hyphen (`single- or multi-doc`, `Vancouver-, and Chicago- style`) is not one.
 */
function brokenHyphens(text: string, words: Set<string>): string[] {
  const broken: string[] = [];
  for (const match of text.matchAll(/(\p{L}{2,})- ([\p{Ll}\d][\p{L}\d]*)/gu)) {
    const [whole, head, tail] = match as unknown as [string, string, string];
    if (/^(?:and|or|to|vs|nor|as|but)$/.test(tail)) continue;
    const joined = (head + tail).toLowerCase();
    if (/^\d/.test(tail) || words.has(joined) || !words.has(tail.toLowerCase())) broken.push(whole);
  }
  return broken;
}

const key = (label: string): string => normalizeForMatch(label);
const figures: { paper: string; expected: number; found: number; extra: string[]; missing: string[] }[] = [];

afterAll(() => {
  if (figures.length === 0) return;
  const expected = figures.reduce((n, f) => n + f.expected, 0);
  const found = figures.reduce((n, f) => n + f.found, 0);
  const extra = figures.reduce((n, f) => n + f.extra.length, 0);
  console.info(
    `pdf headings: recall ${found}/${expected}, precision ${found}/${found + extra}\n${figures
      .map(
        (f) =>
          `${f.paper}: ${f.found}/${f.expected}${f.missing.length ? `, missing ${f.missing.join(' | ')}` : ''}${f.extra.length ? `, not headings ${f.extra.join(' | ')}` : ''}`,
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

    const labels = doc.sections.map((s) => s.path.at(-1)!);
    const found = new Set(labels.map(key));
    const allowed = new Set([...fixture.headings, ...(fixture.optional ?? [])].map(key));
    const missing = fixture.headings.filter((h) => !found.has(key(h)));
    const extra = labels.filter((l) => !allowed.has(key(l)));
    figures.push({
      paper: fixture.paper,
      expected: fixture.headings.length,
      found: fixture.headings.length - missing.length,
      extra,
      missing,
    });
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);

    // Every passage lies in one of the paper's headings (front matter before the first has none).
    const firstHeading = Math.min(...doc.sections.map((s) => s.start));
    for (const passage of passages) {
      const section = passage.sectionPath.at(-1);
      if (section === undefined) expect(passage.charEnd).toBeLessThanOrEqual(firstHeading);
      else expect(allowed.has(key(section)), section).toBe(true);
    }

    const words = new Set(doc.fullText.toLowerCase().match(/\p{L}+/gu) ?? []);
    for (const passage of passages.filter((p) => p.kind !== 'table')) {
      const text = doc.fullText.slice(passage.charStart, passage.charEnd);
      expect(text, 'passage opens with a footnote marker').not.toMatch(MARKER_START);
      expect(brokenHyphens(text, words), 'broken hyphenation').toEqual([]);
      for (const sentence of splitSentences(text)) {
        expect(sentence.text, 'sentence opens with a footnote marker').not.toMatch(MARKER_START);
      }
    }

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
});
