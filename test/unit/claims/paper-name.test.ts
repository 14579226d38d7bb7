import { describe, expect, it } from 'vitest';
import { findPaperName } from '../../../src/claims/paper-name.ts';

describe('findPaperName', () => {
  it('takes the name before a colon in the title, with its kind', () => {
    expect(findPaperName('TableFormer: Table Structure Understanding with Transformers', null, '')).toEqual({
      name: 'TableFormer',
      kind: 'method',
    });
    expect(findPaperName('DocLayNet: A Large Human-Annotated Dataset for Document-Layout Analysis', null, '')).toEqual({
      name: 'DocLayNet',
      kind: 'dataset',
    });
  });

  it('finds an acronym defined in the abstract by "we propose … (NAME)"', () => {
    const abstract = 'We propose a new, optimised table-structure language (OTSL) with a minimized vocabulary.';
    expect(findPaperName('Optimized Table Tokenization for Table Structure Recognition', abstract, '')).toEqual({
      name: 'OTSL',
      kind: 'method',
    });
  });

  it('finds "we propose … or NAME" and "called NAME" in the opening of the full text', () => {
    const text = 'Intro. We propose the "aggregated multicolumn dilated convolution network" or AMDCN which uses dilations.';
    expect(findPaperName('An Aggregated Multicolumn Dilated Convolution Network', 'We propose the use of filters.', text)?.name).toBe('AMDCN');
    expect(findPaperName('A Study', null, 'We developed a new model called TableFormer and a dataset.')?.name).toBe('TableFormer');
  });

  it('returns null when nothing is named, ignoring generic acronyms', () => {
    expect(findPaperName('A Study of Counting', 'We propose a CNN (CNN) for counting.', 'Nothing here.')).toBeNull();
    expect(findPaperName('On Counting', null, '')).toBeNull();
  });
});
