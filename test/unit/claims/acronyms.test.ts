import { describe, expect, it } from 'vitest';
import { definedAcronyms, withExpansions } from '../../../src/claims/acronyms.ts';

describe('definedAcronyms', () => {
  it('reads "long form (ACRONYM)" when the initials spell it, hyphenated words included', () => {
    const text =
      'Here, we present a novel formulation for a neural network joint model (NNJM). Unsupervised word segmentation (UWS) helps. ' +
      'We use a state-of-the-art (SOTA) system. The results (Table 2) are good.';
    const acronyms = definedAcronyms(text);
    expect(acronyms.get('NNJM')).toBe('neural network joint model');
    expect(acronyms.get('UWS')).toBe('Unsupervised word segmentation');
    expect(acronyms.get('SOTA')).toBe('state-of-the-art');
    expect(acronyms.has('Table')).toBe(false);
  });

  it('expands only the acronyms a text uses, for scoring', () => {
    const acronyms = new Map([
      ['NNJM', 'neural network joint model'],
      ['UWS', 'unsupervised word segmentation'],
    ]);
    expect(withExpansions('The NNJM features produce a gain of +3.0 BLEU.', acronyms)).toBe(
      'The NNJM features produce a gain of +3.0 BLEU. neural network joint model',
    );
    expect(withExpansions('BLEU rises.', acronyms)).toBe('BLEU rises.');
  });
});
