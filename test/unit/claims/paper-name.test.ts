import { describe, expect, it } from 'vitest';
import { findPaperName, shortCitation, yearOf } from '../../../src/claims/paper-name.ts';

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
    const text =
      'Intro. We propose the "aggregated multicolumn dilated convolution network" or AMDCN which uses dilations.';
    expect(
      findPaperName('An Aggregated Multicolumn Dilated Convolution Network', 'We propose the use of filters.', text)
        ?.name,
    ).toBe('AMDCN');
    expect(findPaperName('A Study', null, 'We developed a new model called TableFormer and a dataset.')?.name).toBe(
      'TableFormer',
    );
  });

  it('returns null when nothing is named, ignoring generic acronyms', () => {
    expect(findPaperName('A Study of Counting', 'We propose a CNN (CNN) for counting.', 'Nothing here.')).toBeNull();
    expect(findPaperName('On Counting', null, '')).toBeNull();
  });
});

describe('shortCitation', () => {
  it('names a paper as "Lee et al. (2021)", two authors by both names, one by the one', () => {
    const authors = (...names: string[]) => names.map((name) => ({ name }));
    expect(shortCitation(authors('Jae Lee', 'Ann Kim', 'Bo Park'), 2021)).toBe('Lee et al. (2021)');
    expect(shortCitation(authors('Jonathan Berant', 'Percy Liang'), 2014)).toBe('Berant and Liang (2014)');
    expect(shortCitation(authors('Xian Qian'), null)).toBe('Qian');
    expect(shortCitation(authors('TAL AUGUST', 'LUCY LU WANG', 'KYLE LO'), yearOf('2022-03-01'))).toBe(
      'August et al. (2022)',
    );
    expect(shortCitation(authors('Wang, Lucy Lu', 'Lo, Kyle'), 2020)).toBe('Wang and Lo (2020)');
  });

  it('is null without authors: claims then say "the authors", never the title', () => {
    expect(shortCitation([], 2020)).toBeNull();
    expect(shortCitation(undefined, null)).toBeNull();
    expect(yearOf(null)).toBeNull();
  });
});

describe('findPaperName: the paper’s own system named after its noun', () => {
  it('finds "Our system ParaSempre"', () => {
    const abstract =
      'We turn semantic parsing on its head. Our system ParaSempre improves state-of-the-art accuracies.';
    expect(findPaperName('Semantic Parsing via Paraphrasing', abstract, '')?.name).toBe('ParaSempre');
  });
});
