import { describe, expect, it } from 'vitest';
import { findVerbatim, normalizeForMatch, slugify } from '../../../src/core/text.ts';

describe('text helpers', () => {
  it('finds quotes verbatim up to whitespace, with exact offsets', () => {
    const text = 'We report a pass@1 of\n  71.8% on C++.';
    const found = findVerbatim(text, 'pass@1 of 71.8%');
    expect(found).not.toBeNull();
    expect(text.slice(found!.start, found!.end)).toBe('pass@1 of\n  71.8%');
    expect(findVerbatim(text, 'pass@1 of 71.3%')).toBeNull();
    expect(findVerbatim(text, '   ')).toBeNull();
  });

  it('normalises for matching and slugs for ids', () => {
    expect(normalizeForMatch('Müller’s “BERT”-base, 7.5%!')).toBe('müller s bert base 7 5');
    expect(slugify('What is the impact of English Intermediate-Task training?')).toBe('what-is-the-impact-of-english-intermediate-task-training');
    expect(slugify('???')).toBe('untitled');
  });
});
