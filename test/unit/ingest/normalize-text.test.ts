import { describe, expect, it } from 'vitest';
import {
  buildVocabulary,
  collapseLine,
  composeSpacingAccents,
  dehyphenateLines,
  expandLigatures,
  isArxivStamp,
  normalizeChars,
  pageNumberValue,
  removeRunningLines,
  shouldJoinHyphenated,
} from '../../../src/ingest/normalize-text.ts';

describe('expandLigatures', () => {
  it('expands every code point U+FB00–FB06', () => {
    expect(expandLigatures('\uFB00 \uFB01 \uFB02 \uFB03 \uFB04 \uFB05 \uFB06')).toBe('ff fi fl ffi ffl st st');
    expect(expandLigatures('e\uFB03cient de\uFB01ne')).toBe('efficient define');
  });

  it('leaves no ligature in any string', () => {
    let all = '';
    for (let code = 0xfb00; code <= 0xfb06; code++) all += `x${String.fromCodePoint(code)}y`;
    expect(expandLigatures(all)).not.toMatch(/[\uFB00-\uFB06]/);
  });
});

describe('composeSpacingAccents', () => {
  it('composes pdfTeX spacing diacritics with the following letter', () => {
    expect(composeSpacingAccents('M¨uller')).toBe('Müller');
    expect(composeSpacingAccents('F¨arber and L´opez-Sastre')).toBe('Färber and López-Sastre');
    expect(composeSpacingAccents('O˜noro, Segu´ı, Dvoˇr´ak, Fran¸cois')).toBe('Oñoro, Seguí, Dvořák, François');
    expect(composeSpacingAccents('M¨ uller')).toBe('Müller');
  });

  it('keeps accents that have no precomposed letter, and plain backticks in code', () => {
    expect(composeSpacingAccents('ˆyi is the prediction')).toBe('ŷi is the prediction');
    expect(composeSpacingAccents('ˆq')).toBe('ˆq');
    expect(composeSpacingAccents('run `npm test`')).toBe('run `npm test`');
    expect(composeSpacingAccents('Universit`a')).toBe('Università');
  });
});

describe('normalizeChars', () => {
  it('removes soft hyphens and zero-width characters, turns no-break spaces into spaces', () => {
    expect(normalizeChars('hy\u00ADphen\u200B a\u00A0b\uFEFF')).toBe('hyphen a b');
  });

  it('composes decomposed accents (NFC) and keeps tabs and newlines', () => {
    expect(normalizeChars('Mu\u0308ller\tx\ny')).toBe('Müller\tx\ny');
  });

  it('turns the long s (pdf.js output for the ſt ligature) into s', () => {
    expect(normalizeChars('\u017Ftop \uFB05op')).toBe('stop stop');
  });

  it('maps Arabic presentation forms to letters', () => {
    expect(normalizeChars('\uFEDF\uFECC\uFEAE\uFE91\uFEF4\uFE94')).toBe('لعربية');
  });
});

describe('collapseLine', () => {
  it('collapses runs of spaces and tabs and trims', () => {
    expect(collapseLine('  a \t\t b  ')).toBe('a b');
  });
});

describe('page furniture', () => {
  it('recognises the arXiv side stamp, not arXiv references', () => {
    expect(isArxivStamp('arXiv:2206.10883v3 [cs.CL] 17 Oct 2022')).toBe(true);
    expect(isArxivStamp('arXiv:1708.05894v1  [stat.ML]  19 Aug 2017')).toBe(true);
    expect(isArxivStamp('arXiv:hep-th/9901001v2 [hep-th] 3 Jan 1999')).toBe(true);
    expect(isArxivStamp('arXiv:2108.07258 [cs], August 2021. URL http://arxiv.org/abs/2108.07258.')).toBe(false);
    expect(isArxivStamp('arXiv preprint arXiv:2004.05150, 2020.')).toBe(false);
  });

  it('reads bare page numbers', () => {
    expect(pageNumberValue('12')).toBe(12);
    expect(pageNumberValue('- 3 -')).toBe(3);
    expect(pageNumberValue('Page 4 of 10')).toBe(4);
    expect(pageNumberValue('12 people')).toBeNull();
  });

  it('removes running headers, footers, page numbers and stamps but keeps body lines and page 1', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => [
      ...(n === 1 ? ['A Great Paper Title', 'arXiv:2101.00001v1 [cs.CL] 1 Jan 2021'] : ['Smith et al.']),
      ['Intro text.', 'Method text.', 'Results text.', 'Discussion text.', 'Closing text.'][n - 1]!,
      'Conference on Things 2021',
      String(4968 + n),
    ]);
    const { pages: cleaned, removed } = removeRunningLines(pages, 'A Great Paper Title');
    expect(cleaned).toEqual([
      ['A Great Paper Title', 'Intro text.', 'Conference on Things 2021'],
      ['Method text.'],
      ['Results text.'],
      ['Discussion text.'],
      ['Closing text.'],
    ]);
    expect(removed).toBe(4 * 3 + 2);
  });

  it('removes a later page header repeating the title, and leaves isolated numbers alone', () => {
    const pages = [
      ['Beyond Summarization:', 'Designing AI', 'Intro text.'],
      ['Beyond Summarization', 'Method text.', '7'],
      ['Results text with a table', 'Model', '42'],
    ];
    const { pages: cleaned } = removeRunningLines(pages, 'Beyond Summarization');
    expect(cleaned[1]).toEqual(['Method text.', '7']);
    expect(cleaned[2]).toContain('42');
  });
});

describe('hyphenation', () => {
  const vocabulary = buildVocabulary([
    'The corpus is large; a corpus of papers.',
    'We use state-of-the-art models and BERT-based encoders; all are detected automatically.',
    'The multiscale and GROBID output, RefSeer data.',
    'It was detected and annotated, which matters.',
  ]);

  it('joins words broken across lines that occur whole elsewhere', () => {
    expect(shouldJoinHyphenated('cor', 'pus', vocabulary)).toBe(true);
    expect(shouldJoinHyphenated('multi', 'scale', vocabulary)).toBe(true);
    expect(shouldJoinHyphenated('GRO', 'BID', vocabulary)).toBe(true);
    expect(shouldJoinHyphenated('Ref', 'Seer', vocabulary)).toBe(true);
  });

  it('joins unknown words when the tail is a syllable or a word ending', () => {
    expect(shouldJoinHyphenated('classifica', 'tion', vocabulary)).toBe(true);
    expect(shouldJoinHyphenated('high', 'er', vocabulary)).toBe(true);
    expect(shouldJoinHyphenated('analy', 'ses', vocabulary)).toBe(true);
  });

  it('keeps real compounds', () => {
    expect(shouldJoinHyphenated('state-of-the', 'art', vocabulary)).toBe(false);
    expect(shouldJoinHyphenated('automatically', 'detected', vocabulary)).toBe(false);
    expect(shouldJoinHyphenated('BERT', 'based', vocabulary)).toBe(false);
    expect(shouldJoinHyphenated('task', 'specific', vocabulary)).toBe(false);
    expect(shouldJoinHyphenated('Multi', 'LexSum', vocabulary)).toBe(false);
    expect(shouldJoinHyphenated('GPT', '3', vocabulary)).toBe(false);
  });

  it('keeps a compound written hyphenated elsewhere in the document', () => {
    const withCompound = buildVocabulary(['a long-tail distribution']);
    expect(shouldJoinHyphenated('long', 'tail', withCompound)).toBe(false);
    expect(shouldJoinHyphenated('dis', 'tribution', withCompound)).toBe(true);
  });

  it('rewrites the lines: the tail moves up with its punctuation', () => {
    const lines = [
      'We release a new cor-',
      'pus, with state-of-the-',
      'art results and automatically-',
      'detected spans.',
    ];
    const result = dehyphenateLines(lines, buildVocabulary([...lines, 'the corpus', 'it is detected']));
    expect(result.lines).toEqual([
      'We release a new corpus,',
      'with state-of-the-art',
      'results and automatically-detected',
      'spans.',
    ]);
    expect(result).toMatchObject({ joined: 1, kept: 2 });
  });

  it('does not join where the caller says the lines are separate flows', () => {
    const lines = ['1 Intro-', 'duction text'];
    expect(dehyphenateLines(lines, buildVocabulary(lines), () => false).lines).toEqual(lines);
  });
});
