import { describe, expect, it } from 'vitest';
import { markedLines, splitReferenceEntries } from '../../../src/core/reference-entries.ts';

describe('splitReferenceEntries', () => {
  it('starts an entry at each marker and joins the lines after it', () => {
    const lines = [
      '[1] A. Author. A first title. 2020.',
      '    continued on a second line.',
      '',
      '2. B. Author. Second title, 2021.',
      '3) C. Author. Third.',
      '- D. Author. A bullet.',
    ];
    const entries = splitReferenceEntries(lines);
    expect(entries.map((e) => e.key)).toEqual(['1', '2', '3', null]);
    expect(entries[0]).toEqual({
      key: '1',
      text: 'A. Author. A first title. 2020. continued on a second line.',
      raw: '[1] A. Author. A first title. 2020.     continued on a second line.',
      lines: [0, 1],
    });
    expect(entries[3]!.text).toBe('D. Author. A bullet.');
  });

  it('opens an entry at an unindented line only when asked (hanging-indent lists)', () => {
    const lines = ['Vaswani et al. Attention is all you need. 2017.', 'Devlin et al. BERT. 2019.', '  (NAACL)'];
    expect(splitReferenceEntries(lines)).toHaveLength(1);
    const hanging = splitReferenceEntries(lines, { unindentedStartsEntry: true });
    expect(hanging.map((e) => e.text)).toEqual([
      'Vaswani et al. Attention is all you need. 2017.',
      'Devlin et al. BERT. 2019. (NAACL)',
    ]);
  });

  it('does not take a year at the start of a line for a marker', () => {
    expect(markedLines(['2019. A title', '[2] Another'])).toBe(1);
  });
});
