import { describe, expect, it } from 'vitest';
import { claimTruncation, cleanSentence, isCompleteSentence } from '../../../src/claims/claim-text.ts';

describe('cleanSentence', () => {
  it('removes Markdown citation links, spans and emphasis', () => {
    expect(cleanSentence('<span id="p"></span>*Regressors are not reliable [\\[18\\]](#page-8-4).*')).toBe('Regressors are not reliable.');
    expect(cleanSentence('They address it in the network [\\[18,](#page-8-4)[28\\]](#page-9-0).')).toBe('They address it in the network.');
    expect(cleanSentence('As described in Section [3.1,](#page-2-0) it works.')).toBe('As described in Section 3.1, it works.');
  });

  it('keeps a citation the grammar needs', () => {
    expect(cleanSentence('A density map was first shown by [15].')).toBe('A density map was first shown by [15].');
    expect(cleanSentence('In the same spirit, [4] combines deep and shallow layers [7].')).toBe(
      'In the same spirit, [4] combines deep and shallow layers.',
    );
  });
});

describe('isCompleteSentence', () => {
  it('requires a capital start, terminal punctuation, balanced brackets and no markup', () => {
    expect(isCompleteSentence('The model (a CNN) wins.')).toBe(true);
    expect(isCompleteSentence('the model wins.')).toBe(false);
    expect(isCompleteSentence('The model wins')).toBe(false);
    expect(isCompleteSentence('The model (a CNN wins.')).toBe(false);
    expect(isCompleteSentence('| The | model |.')).toBe(false);
    expect(claimTruncation('A [b (c) d] “e”.')).toBeNull();
    expect(claimTruncation('A [b (c] d).')?.reason).toBe('unmatched "]"');
    expect(isCompleteSentence('Fine-tuning improves accuracy by 3.')).toBe(false);
  });
});
