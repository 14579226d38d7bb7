import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../src/core/errors.ts';
import type { ParsedDocument } from '../../src/core/types.ts';
import { chunkPassages } from '../../src/ingest/chunk-passages.ts';
import { parseHtml } from '../../src/ingest/parse-html.ts';
import { sharedData } from '../support/shared-data.ts';

const dir = sharedData('html');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const parse = (name: string): ParsedDocument => parseHtml(read(name), { name });
const titles = (doc: ParsedDocument): string[] => doc.sections.map((section) => section.path.join(' > '));

/** Real section titles and table captions read from each file. */
const expected: Record<string, { title: string; sections: string[]; captions: string[]; references: number }> = {
  'acl-P14-2054.latexml-0.8.0.html': {
    title: 'Polynomial Time Joint Structural Inference for Sentence Compression',
    sections: [
      '1 Introduction',
      '3 Proposed Method > 3.1 Eisner’s Cubic Time Parsing Algorithm',
      '4 Experiments > 4.3 Results',
      '5 Conclusion',
      'References',
    ],
    captions: ['Table 1: Feature templates.', 'Table 2: Comparison results under various quality metrics'],
    references: 17,
  },
  'acl-P14-1129.latexml-0.8.0.html': {
    title: 'Fast and Robust Neural Network Joint Models for Statistical Machine Translation',
    sections: [
      '2 Neural Network Joint Model (NNJM) > 2.3 Self-Normalized Neural Network',
      '6 Experimental Results > 6.6 Effect of Speedups',
      '8 Discussion',
    ],
    captions: ['Table 2: Speed of the neural network computation on a single CPU thread.', 'Table 7:'],
    references: 29,
  },
  'acl-P14-1133.latexml-0.8.0.html': {
    title: 'Semantic Parsing via Paraphrasing',
    sections: [
      '5 Paraphrasing > 5.2 Vector space model',
      '6 Empirical evaluation > 6.2 Results > Error analysis',
      'Acknowledgments',
    ],
    captions: ['Table 4: Statistics on WebQuestions and Free917.', 'Table 5: Results on the test set.'],
    references: 36,
  },
  'acl-P14-2122.latexml-0.8.0.html': {
    title: 'Empirical Study of Unsupervised Chinese Word Segmentation Methods for SMT on Large-scale Corpora',
    sections: [
      '2 Methods > 2.1 Expectation > 2.1.2 Bilingual Expectation',
      '4 Experiments > 4.3 Bilingual Segmentation Results',
      '5 Conclusion',
    ],
    captions: [
      'Table 2: Experimental Corpora',
      'Table 3: Results on Monolingual Corpora.',
      'Table 5: Time Costs on Bilingual Corpora.',
    ],
    references: 0,
  },
  'acl-P14-2054.prettified.html': {
    title: 'Polynomial Time Joint Structural Inference for Sentence Compression.',
    sections: ['1 Introduction', '4 Experiments > 4.1 Data and Settings'],
    captions: [],
    references: 0,
  },
};

describe('HTML ingestion of the shared LaTeXML papers', () => {
  it('covers every file in the shared html folder', () => {
    const files = readdirSync(dir).filter((name) => name.endsWith('.html'));
    expect(files.sort()).toEqual([...Object.keys(expected), 'arxiv-2608.30667v1.failed-conversion.html'].sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`parses ${name} with its sections, tables and references`, async () => {
      const doc = parse(name);
      expect(doc.title).toBe(want.title);
      expect(doc.abstract?.length ?? 0).toBeGreaterThan(200);
      expect(titles(doc)).toEqual(expect.arrayContaining(want.sections));
      for (const caption of want.captions) {
        const table = doc.tables.find((candidate) => candidate.caption.startsWith(caption));
        expect(table, caption).toBeDefined();
        expect(doc.fullText.slice(table!.start, table!.end).startsWith(table!.caption)).toBe(true);
        expect(doc.sections.some((section) => section.start <= table!.start && table!.end <= section.end)).toBe(true);
      }
      expect(doc.tables.length).toBeGreaterThanOrEqual(want.captions.length);
      expect(doc.references).toHaveLength(want.references);
      expect(doc.fullText).not.toMatch(/<\/?(math|mrow|mi|mo|semantics)\b/);
      expect(doc.fullText).not.toMatch(/[\u2061-\u2064]/);
      const passages = await chunkPassages(doc);
      expect(passages.length).toBeGreaterThan(5);
      const covered = new Uint8Array(doc.fullText.length);
      for (const passage of passages) {
        const text = doc.fullText.slice(passage.charStart, passage.charEnd);
        expect(text.length).toBeGreaterThan(0);
        expect(text).toBe(text.trim());
        covered.fill(1, passage.charStart, passage.charEnd);
      }
      // Index by UTF-16 unit (as offsets are), not by code point: the papers hold astral math letters.
      let uncovered = '';
      for (let index = 0; index < doc.fullText.length; index++) {
        if (covered[index] === 0 && /\S/.test(doc.fullText[index]!)) uncovered += doc.fullText[index];
      }
      expect(uncovered).toBe('');
    });
  }

  it('keeps numeric table cells as " | "-joined rows under their caption', () => {
    const doc = parse('acl-P14-1129.latexml-0.8.0.html');
    const speed = doc.tables.find((table) => table.caption.startsWith('Table 2:'))!;
    expect(doc.fullText.slice(speed.start, speed.end)).toContain('+ Pre-Computation | 1,430,000 | 0.0008');
    const results = parse('acl-P14-1133.latexml-0.8.0.html');
    expect(results.fullText).toMatch(/This work \| 68\.5 \| 39\.9/);
  });

  it('gives the prettified copy the same section titles as its original (minus the parts it removed)', () => {
    const original = parse('acl-P14-2054.latexml-0.8.0.html');
    const prettified = parse('acl-P14-2054.prettified.html');
    // The copy flattened MathML to plain text ("O(n6)" for O(n^{6})); compare titles without TeX markup.
    const plain = (title: string): string => title.replace(/[\\^_{}]/g, '');
    const removed = ['5 Conclusion', 'Acknowledgments', 'References'];
    expect(titles(prettified).map(plain)).toEqual(
      titles(original)
        .filter((title) => !removed.includes(title))
        .map(plain),
    );
    expect(titles(original)).toEqual(expect.arrayContaining(removed));
    expect(prettified.abstract).toBe(original.abstract?.replace(/\^\{(\d)\}/g, '$1'));
  });

  it('rejects the failed arXiv conversion with E_HTML_CONVERSION_FAILED', () => {
    const name = 'arxiv-2608.30667v1.failed-conversion.html';
    let error: unknown;
    try {
      parse(name);
    } catch (caught) {
      error = caught;
    }
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).code).toBe('E_HTML_CONVERSION_FAILED');
    expect((error as LitmusError).exitCode).toBe(1);
    expect((error as LitmusError).message).toContain(name);
  });

  it('parses the paper whose bibliography is empty with references: [] and says so', () => {
    const doc = parse('acl-P14-2122.latexml-0.8.0.html');
    expect(doc.references).toEqual([]);
    expect(doc.warnings.join(' ')).toMatch(/bibliography/);
  });
});
