import { describe, expect, it } from 'vitest';
import { findTruncation, isTruncated } from '../../../src/core/truncation.ts';

const kind = (text: string, options = {}) => findTruncation(text, options)?.kind ?? null;
const reason = (text: string, options = {}) => findTruncation(text, options)?.reason ?? null;

describe('findTruncation: one rule for extraction, reports and audit', () => {
  it('finds claims cut mid-word, naming the fragment', () => {
    expect(findTruncation('Fine-tuning with translated problems improves the accura')).toEqual({
      kind: 'mid-word',
      reason: 'ends mid-word ("accura")',
    });
    expect(kind('CodeBridge outperforms the StarCoder basel')).toBe('mid-word');
    // A fragment of a word only the cited papers use.
    expect(kind('S2ORC links citations to papers in the Semantic Schol', { vocabulary: new Set(['scholar']) })).toBe(
      'mid-word',
    );
  });

  it('finds claims ending on a number whose unit or comparison is cut', () => {
    expect(findTruncation('Intermediate-task training on SQuAD improves XNLI accuracy by 3.')).toEqual({
      kind: 'dangling-number',
      reason: 'ends on a number without its unit ("by 3.")',
    });
    expect(kind('Translated problems raise the average pass@1 by 12')).toBe('dangling-number');
    expect(kind('The joint model reduces the error rate by about 4.')).toBe('dangling-number');
    expect(kind('The parser reaches an accuracy of 68.')).toBe('dangling-number');
    expect(reason('Citation recall rises from 64.2% to 71.')).toBe(
      'ends on a number without its unit ("from 64.2% to 71.")',
    );
    // The comparison itself is cut: "from 71.8 to".
    expect(findTruncation('Accuracy on WebQuestions goes from 71.8 to')).toEqual({
      kind: 'mid-sentence',
      reason: 'ends on "to", which needs a continuation',
    });
  });

  it('finds claims cut mid-sentence or inside brackets and quotes', () => {
    expect(kind('The model is better than')).toBe('mid-sentence');
    expect(reason('Accuracy rises from 64.2% to 71.8% when…')).toBe('ends with an ellipsis');
    expect(reason('Accuracy rises, ')).toBe('ends on a comma');
    expect(findTruncation('S2ORC covers 81.1M papers (of which 8.1M have full text')).toEqual({
      kind: 'unclosed',
      reason: 'unclosed parenthesis',
    });
    expect(reason('The authors call it "a resource for citation-based NLP.')).toBe('unclosed quotation');
    expect(reason('The corpus is large [see Table 1.')).toBe('unclosed bracket');
    expect(reason('Training on translated problems helps low-resource languages', { requireTerminal: true })).toBe(
      'does not end with terminal punctuation',
    );
  });

  it('raises no false alarm on complete sentences', () => {
    const whole = [
      'S2ORC is the largest publicly available collection of machine-readable academic text (Table 2).',
      'The pipeline follows the approach of Lo et al.',
      'CodeBridge reaches a pass@1 of 71.8%.',
      'The results hold for the revised split v2.',
      'Reranking improves pass@1.',
      'Intermediate-task training improves XNLI accuracy by 3 points.',
      'Accuracy rises from 64.2 to 71.8.',
      'We set the number of epochs to 3.',
      'Models are trained with a batch size of 32.',
      'The dataset was released in 2020.',
      'Results are shown in Table 2.',
      'Does intermediate-task training help?',
      'The authors write “the corpus is large.”',
    ];
    for (const sentence of whole)
      expect([sentence, findTruncation(sentence, { requireTerminal: true })]).toEqual([sentence, null]);
    // Cells and bullets may lack a final period.
    expect(isTruncated('CodeBridge reaches a pass@1 of 71.8% on Python')).toBe(false);
    expect(isTruncated('Fine-tuning with translated problems improves the accuracy')).toBe(false);
    // "improve" starts "improvement", but only by an inflection: a whole word.
    expect(isTruncated('Intermediate-task training does improve')).toBe(false);
    expect(isTruncated('Scores reach', { vocabulary: new Set(['reaches']) })).toBe(false);
  });
});
