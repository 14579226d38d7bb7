import { describe, expect, it } from 'vitest';
import { findingKind, isMethodDetail, questionAsksMethod } from '../../../src/claims/finding-kind.ts';

describe('isMethodDetail (the hyperparameter / method-detail detector)', () => {
  it('flags hyperparameters and set-up steps', () => {
    for (const text of [
      'We fine-tune with a learning rate of 1e-5 for 3 epochs.',
      'We sample 2 million sentences and set α = 0.3 for the mixing weight.',
      'The authors train all models using stochastic gradient descent with minibatches of 100 encounters and learning rate of 0.001.',
      'We take 1600 random patches of size 150 × 150 for the training.',
      'In particular, we first match each sepsis encounter to 4 non-sepsis encounters.',
      'Following Cai and Yates (2013), we hold out 30% of the data for the final test.',
      'We run the word2vec tool on lower-cased Wikipedia text, using the CBOW model with a window of 5.',
      'Dropout is set to 0.1 and the batch size to 32.',
    ]) {
      expect(isMethodDetail(text), text).toBe(true);
    }
  });

  it('does not flag findings, negative results or contributions', () => {
    for (const text of [
      'Our proposed method substantially outperforms clinical baselines.',
      'Neither intermediate task offers significant improvements on XNLI.',
      'The NNJM features produce a gain of +3.0 BLEU on top of a powerful baseline.',
      'We present a trick for pre-computing the first hidden layer, which increases the speed of lookups by a factor of 1,000x.',
      'We introduce S2ORC, a large corpus of 81.1M English-language academic papers.',
      'Participants rated their reading difficulty significantly lower (p < 0.001).',
    ]) {
      expect(isMethodDetail(text), text).toBe(false);
    }
  });
});

describe('findingKind', () => {
  it('tells findings, negative results, contributions, background and plans apart', () => {
    expect(findingKind('Our proposed method substantially outperforms clinical baselines.')).toBe('finding');
    expect(findingKind('We find that neither X nor Y offers significant improvements.')).toBe('finding');
    expect(findingKind('We introduce S2ORC, a large corpus of 81.1M academic papers.')).toBe('contribution');
    expect(findingKind('We train on 80% of the data with a learning rate of 0.001.')).toBe('method-detail');
    expect(findingKind('Sepsis is a poorly understood complication of infection.', { role: 'abstract' })).toBe(
      'background',
    );
    expect(findingKind('Our model’s predictions will be displayed in a dashboard.')).toBe('other');
  });

  it('takes a metric for a result only with its value', () => {
    expect(findingKind('GridNet reaches an MAE of 290.8 on UCF50.', { name: 'GridNet' })).toBe('finding');
    expect(findingKind('SparseNet reaches 91.2% accuracy on ImageNet.', { name: 'SparseNet' })).toBe('finding');
    expect(
      findingKind('In multiple experiments, we provide baseline accuracy scores (in mAP) for popular detectors.', {
        role: 'abstract',
      }),
    ).toBe('contribution');
  });

  it('reads an abstract sentence after the paper’s own introduction as the paper’s', () => {
    const text = 'The corpus consists of rich metadata and structured full text for 8.1M open access papers.';
    expect(findingKind(text, { role: 'abstract', afterContribution: false })).toBe('background');
    expect(findingKind(text, { role: 'abstract', afterContribution: true })).toBe('contribution');
  });
});

describe('questionAsksMethod', () => {
  it('is true only for questions about the method itself', () => {
    expect(questionAsksMethod('Which learning rate and batch size are used for training?')).toBe(true);
    expect(questionAsksMethod('How is the NNJM trained?')).toBe(true);
    expect(questionAsksMethod('Does intermediate-task training help non-English code generation?')).toBe(false);
    expect(questionAsksMethod(undefined)).toBe(false);
  });
});
