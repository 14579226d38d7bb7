import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/core/sentences.ts';

function texts(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

describe('splitSentences', () => {
  it('returns offsets that slice the sentence back out, shifted by the offset', () => {
    const text = '  First one here.  Second one (with 7.5 points)!\nStill second? Third.';
    for (const offset of [0, 1234]) {
      const sentences = splitSentences(text, offset);
      expect(sentences.map((s) => s.text)).toEqual([
        'First one here.',
        'Second one (with 7.5 points)!',
        'Still second?',
        'Third.',
      ]);
      for (const s of sentences) expect(text.slice(s.start - offset, s.end - offset)).toBe(s.text);
    }
  });

  it('does not split after common abbreviations', () => {
    expect(
      texts(
        'Filters (e.g. dilated ones) help, i.e. atrous ones do. Results differ, cf. Fig. 3 and Eq. 2 in Sec. 4 and Tab. 1. ' +
          'A beats B vs. C by approx. 3 points (resp. 4 points) on No. 5. Done.',
      ),
    ).toEqual([
      'Filters (e.g. dilated ones) help, i.e. atrous ones do.',
      'Results differ, cf. Fig. 3 and Eq. 2 in Sec. 4 and Tab. 1.',
      'A beats B vs. C by approx. 3 points (resp. 4 points) on No. 5.',
      'Done.',
    ]);
  });

  it('keeps "et al." mid-sentence with numeric and author-year citations', () => {
    expect(
      texts('Lempitsky et al. [15] showed it. Smith et al. (2019) agree (Jones et al., 2020). As noted by Lee et al. The end.'),
    ).toEqual(['Lempitsky et al. [15] showed it.', 'Smith et al. (2019) agree (Jones et al., 2020).', 'As noted by Lee et al.', 'The end.']);
  });

  it('keeps decimals, version numbers and URLs whole', () => {
    expect(
      texts('Accuracy rose from 0.82 to 7.5 with v1.2.3 of the code. See https://doi.org/10.1145/3534678.3539043 for it. Python 3.10 ran.'),
    ).toEqual([
      'Accuracy rose from 0.82 to 7.5 with v1.2.3 of the code.',
      'See https://doi.org/10.1145/3534678.3539043 for it.',
      'Python 3.10 ran.',
    ]);
  });

  it('keeps citations glued after the period with their sentence', () => {
    expect(texts('Regressors are not reliable.[18] The most successful approaches [18, 28]. End.')).toEqual([
      'Regressors are not reliable.[18]',
      'The most successful approaches [18, 28].',
      'End.',
    ]);
  });

  it('treats initials as part of a name', () => {
    expect(texts('J. Smith and A. B. Jones wrote it. They agree.')).toEqual(['J. Smith and A. B. Jones wrote it.', 'They agree.']);
  });

  it('splits at an ellipsis before a capital but not before lower case', () => {
    expect(texts('We tried A, B... and C. It failed... The end… Really.')).toEqual([
      'We tried A, B... and C.',
      'It failed...',
      'The end…',
      'Really.',
    ]);
  });

  it('treats section numbers and list items at line starts as their own segments', () => {
    expect(texts('3.1. Dilated Convolutions\nWe use them. They help.\n\nSteps:\n- first item\n- second item.\n1. one\n2. two')).toEqual([
      '3.1. Dilated Convolutions',
      'We use them.',
      'They help.',
      'Steps:',
      '- first item',
      '- second item.',
      '1. one',
      '2. two',
    ]);
  });

  it('keeps a wrapped line that starts with a number inside its sentence', () => {
    expect(texts('The model is trained for\n10 epochs with a batch size of 24. Done.')).toEqual([
      'The model is trained for\n10 epochs with a batch size of 24.',
      'Done.',
    ]);
  });

  it('does not end a sentence at a newline inside a paragraph but does at a blank line', () => {
    expect(texts('The network is\nfully convolutional and fast\n\nA new paragraph starts here.')).toEqual([
      'The network is\nfully convolutional and fast',
      'A new paragraph starts here.',
    ]);
  });

  it('keeps Markdown headings, table rows and caption labels apart and whole', () => {
    expect(texts('## 4.1. Model architecture.\nThe encoder is a CNN.\n| 0 | 1 |\n|---|---|\nFigure 1. A diagram of it. Arrows show flow.')).toEqual([
      '## 4.1. Model architecture.',
      'The encoder is a CNN.',
      '| 0 | 1 |',
      '|---|---|',
      'Figure 1. A diagram of it.',
      'Arrows show flow.',
    ]);
  });

  it('keeps Markdown cross-reference links after a period in the sentence', () => {
    expect(texts('As explained in Section [3.2.2.](#page-3-0) Beyond that, we compare.')).toEqual([
      'As explained in Section [3.2.2.](#page-3-0)',
      'Beyond that, we compare.',
    ]);
  });

  it('handles question and exclamation marks with closing quotes and brackets', () => {
    expect(texts('Does it work? "Yes!" (It does.) Fine.')).toEqual(['Does it work?', '"Yes!"', '(It does.)', 'Fine.']);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n \t')).toEqual([]);
  });
});
