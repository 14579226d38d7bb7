import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { headingLevel, parseText } from '../../../src/ingest/parse-text.ts';

const paper = [
  'Counting Sheep at Scale',
  'A. Shepherd',
  '',
  'Abstract',
  'We count sheep',
  'with a new   method.',
  '',
  '1 Introduction',
  'Sheep are hard to count. The ﬁeld is old.',
  '',
  '2 Method',
  '',
  'We use drones.',
  '',
  '2.1 Data',
  'Photos from 12 farms.',
  '',
  'References',
  '[1] B. Peep. Lost sheep. 1900.',
  '[2] C. Wool. Found sheep. 1901.',
  '',
].join('\r\n');

describe('parseText', () => {
  const doc = parseText(paper, { name: 'sheep.txt' });

  it('takes the first short line as title and paragraphs by blank lines, collapsed', () => {
    expect(doc.kind).toBe('text');
    expect(doc.title).toBe('Counting Sheep at Scale');
    expect(
      doc.fullText.startsWith('Counting Sheep at Scale A. Shepherd\n\nAbstract\n\nWe count sheep with a new method.'),
    ).toBe(true);
    expect(doc.fullText).toContain('The field is old.');
  });

  it('finds sections from numbered heading lines, nested by their numbering', () => {
    expect(doc.sections.map((section) => section.path)).toEqual([
      ['Abstract'],
      ['1 Introduction'],
      ['2 Method'],
      ['2 Method', '2.1 Data'],
      ['References'],
    ]);
    for (const section of doc.sections) {
      expect(doc.fullText.slice(section.start, section.end).startsWith(section.path.at(-1)!)).toBe(true);
    }
    expect(doc.abstract).toBe('We count sheep with a new method.');
  });

  it('splits a numbered reference list into entries', () => {
    expect(doc.references).toEqual(['[1] B. Peep. Lost sheep. 1900.', '[2] C. Wool. Found sheep. 1901.']);
  });

  it('rejects whitespace-only input with E_EMPTY_DOCUMENT and exit code 1', () => {
    try {
      parseText(' \t\n', { name: 'blank.txt' });
      expect.unreachable();
    } catch (error) {
      expect(LitmusError.isInstance(error)).toBe(true);
      expect((error as LitmusError).code).toBe('E_EMPTY_DOCUMENT');
      expect((error as LitmusError).exitCode).toBe(1);
    }
  });
});

describe('headingLevel', () => {
  it('accepts numbered headings and rejects sentences and years', () => {
    expect(headingLevel('1 Introduction')).toBe(1);
    expect(headingLevel('2.1 Data')).toBe(2);
    expect(headingLevel('3.2.1. Training Details')).toBe(3);
    expect(headingLevel('2015 Results were good')).toBeNull();
    expect(headingLevel('3 We trained the model for ten epochs.')).toBeNull();
    expect(headingLevel('12 apples')).toBeNull();
  });
});
