import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../src/core/types.ts';
import { chunkPassages, type PassageDraft } from '../../../src/ingest/chunk-passages.ts';
import { parseHtml } from '../../../src/ingest/parse-html.ts';
import { parseMarkdown } from '../../../src/ingest/parse-markdown.ts';
import { parseText } from '../../../src/ingest/parse-text.ts';
import { repoRoot } from '../../support/shared-data.ts';

const fixture = (...parts: string[]): string => readFileSync(join(repoRoot, 'test', 'fixtures', ...parts), 'utf8');

const sentence = (index: number): string =>
  `Sentence number ${index} reports that accuracy rose by ${index % 7} points. `;
const longText = [
  'A Long Synthetic Paper',
  '',
  '1 Introduction',
  Array.from({ length: 60 }, (_, index) => sentence(index)).join(''),
  '',
  Array.from({ length: 25 }, (_, index) => sentence(100 + index)).join(''),
  '',
  '2 Method',
  Array.from({ length: 40 }, (_, index) => sentence(200 + index)).join(''),
  '',
  '2.1 Details',
  `${'x'.repeat(2500)} ends here. The vector 𝐱 has 𝐲 beside it.`,
].join('\n');

const documents: [string, ParsedDocument][] = [
  ['modern-arxiv.html', parseHtml(fixture('html', 'modern-arxiv.html'), { name: 'modern-arxiv.html' })],
  ['generic-article.html', parseHtml(fixture('html', 'generic-article.html'), { name: 'generic-article.html' })],
  ['paper.md', parseMarkdown(fixture('markdown', 'paper.md'), { name: 'paper.md' })],
  ['long.txt', parseText(longText, { name: 'long.txt' })],
];

/** Every chunk is its own slice of fullText, and together they cover all non-whitespace text. */
function expectPassageInvariants(doc: ParsedDocument, passages: PassageDraft[], targetChars = 1000): void {
  const covered = new Uint8Array(doc.fullText.length);
  passages.forEach((passage, index) => {
    expect(passage.ordinal).toBe(index);
    expect(passage.charStart).toBeGreaterThanOrEqual(0);
    expect(passage.charEnd).toBeLessThanOrEqual(doc.fullText.length);
    const text = doc.fullText.slice(passage.charStart, passage.charEnd);
    expect(text).toBe(text.trim());
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(targetChars);
    covered.fill(1, passage.charStart, passage.charEnd);
  });
  let uncovered = '';
  for (let index = 0; index < doc.fullText.length; index++) {
    if (covered[index] === 0 && /\S/.test(doc.fullText[index]!)) uncovered += doc.fullText[index];
  }
  expect(uncovered).toBe('');
}

describe('chunkPassages', () => {
  for (const [name, doc] of documents) {
    it(`keeps every passage an exact, covering slice of fullText (${name})`, async () => {
      expectPassageInvariants(doc, await chunkPassages(doc));
      expectPassageInvariants(doc, await chunkPassages(doc, { targetChars: 120, overlapChars: 30 }), 120);
    });
  }

  it('does not let a passage cross a section boundary', async () => {
    for (const [, doc] of documents) {
      for (const passage of await chunkPassages(doc, { targetChars: 200, overlapChars: 40 })) {
        for (const section of doc.sections) {
          const crossesStart = passage.charStart < section.start && passage.charEnd > section.start;
          const crossesEnd = passage.charStart < section.end && passage.charEnd > section.end;
          expect(crossesStart || crossesEnd).toBe(false);
        }
      }
    }
  });

  it('labels passages with the innermost section and starts them at sentences, not at ". "', async () => {
    const doc = documents[3]![1];
    const passages = await chunkPassages(doc, { targetChars: 300, overlapChars: 60 });
    const details = passages.filter((passage) => passage.sectionPath.join(' > ') === '2 Method > 2.1 Details');
    expect(details.length).toBeGreaterThan(5);
    expect(passages.some((passage) => passage.sectionPath.join() === '1 Introduction')).toBe(true);
    expect(passages[0]!.sectionPath).toEqual([]);
    for (const passage of passages) expect(doc.fullText.slice(passage.charStart, passage.charStart + 2)).not.toBe('. ');
    const intro = passages.filter((passage) => passage.sectionPath.join() === '1 Introduction');
    expect(intro.slice(1).every((passage) => doc.fullText.slice(passage.charStart).startsWith('Sentence'))).toBe(true);
  });

  it('overlaps consecutive passages within a section', async () => {
    const doc = documents[3]![1];
    const passages = (await chunkPassages(doc, { targetChars: 300, overlapChars: 100 })).filter(
      (passage) => passage.sectionPath.join() === '1 Introduction',
    );
    const overlapping = passages.slice(1).filter((passage, index) => passage.charStart < passages[index]!.charEnd);
    expect(overlapping.length).toBeGreaterThan(passages.length / 2);
  });

  it('gives each passage the page where it starts, or null without pages', async () => {
    const doc = documents[3]![1];
    const half = Math.floor(doc.fullText.length / 2);
    const paged: ParsedDocument = {
      ...doc,
      pages: [
        { page: 1, start: 0, end: half },
        { page: 2, start: half, end: doc.fullText.length },
      ],
    };
    const passages = await chunkPassages(paged, { targetChars: 400, overlapChars: 50 });
    for (const passage of passages) expect(passage.page).toBe(passage.charStart < half ? 1 : 2);
    expect((await chunkPassages(doc)).every((passage) => passage.page === null)).toBe(true);
  });

  it('rejects an overlap that is not smaller than the passage size', async () => {
    await expect(chunkPassages(documents[0]![1], { targetChars: 100, overlapChars: 100 })).rejects.toMatchObject({
      code: 'E_CHUNK_OPTIONS',
    });
  });
});
