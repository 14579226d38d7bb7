import { describe, expect, it } from 'vitest';
import { detectTruncation } from '../../../src/claims/document/truncation.ts';

describe('detectTruncation', () => {
  it('finds claims cut mid-word', () => {
    expect(detectTruncation('Fine-tuning with translated problems improves the accura')).toBe('mid-word');
    expect(detectTruncation('CodeBridge outperforms the StarCoder basel')).toBe('mid-word');
    // A fragment of a word only the papers use.
    const vocabulary = new Set(['racket', 'ocaml', 'julia']);
    expect(detectTruncation('The benchmark adds Rack', { vocabulary })).toBe('mid-word');
  });

  it('finds claims cut mid-sentence', () => {
    expect(detectTruncation('CodeBridge improves pass@1 over the')).toBe('mid-sentence');
    expect(detectTruncation('The model is better than')).toBe('mid-sentence');
    expect(detectTruncation('Accuracy rises from 64.2% to 71.8% when…')).toBe('mid-sentence');
    expect(detectTruncation('Accuracy rises, ')).toBe('mid-sentence');
    expect(detectTruncation('Accuracy rises (on Python')).toBe('mid-sentence');
    expect(
      detectTruncation('Training on translated problems helps low-resource languages', { requireTerminal: true }),
    ).toBe('mid-sentence');
  });

  it('leaves complete claims alone', () => {
    expect(detectTruncation('CodeBridge reaches a pass@1 of 71.8% on Python')).toBeNull();
    expect(detectTruncation('Fine-tuning with translated problems improves the accuracy')).toBeNull();
    expect(
      detectTruncation('The translated benchmark covers 18 programming languages.', { requireTerminal: true }),
    ).toBeNull();
    // "improve" starts "improvement", but only by an inflection: a whole word.
    expect(detectTruncation('Intermediate-task training does improve')).toBeNull();
    expect(detectTruncation('Scores reach', { vocabulary: new Set(['reaches']) })).toBeNull();
  });
});
