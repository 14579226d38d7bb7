import { describe, expect, it } from 'vitest';
import type { ResultTable } from '../../../src/core/tables.ts';
import { applyChecks } from '../../../src/verify/checks/apply-checks.ts';
import { checkAgainstTables } from '../../../src/verify/checks/table-cells.ts';
import { significantDigits } from '../../../src/verify/checks/table-values.ts';
import type { VerificationResult } from '../../../src/verify/verifier.ts';

// Made-up tables in the shapes the shared papers print: row names the claims do not repeat.
const number = (text: string) => {
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
};
const cell = (text: string, value: number | null = number(text)) => ({
  text,
  value,
  unit: null,
  plusMinus: null,
  bold: false,
});
const row = (name: string, ...values: string[]) => ({ cells: [cell(name, null), ...values.map((v) => cell(v))] });
const table = (label: string, columns: string[][], rows: ReturnType<typeof row>[], paperId = 'p'): ResultTable => ({
  paperId,
  ordinal: Number(label.replace(/\D/g, '')),
  label,
  caption: `${label}: Results.`,
  page: 3,
  charStart: null,
  charEnd: null,
  rowHeaderColumns: 1,
  columnHeaders: [['Method'], ...columns],
  rows,
  source: 'pdf',
});

const segmenters = table(
  'Table 3',
  [
    ['Accuracy', 'CHILD.'],
    ['Accuracy', 'MSR'],
    ['Time', 'CHILD.'],
  ],
  [
    row('NPY(2)', '0.744', '0.802', '17 m'),
    row('Prop.(unigram)', '0.729', '0.804', '3 s'),
    row('Prop.(bigram)', '0.774', '0.806', '15 s'),
  ],
);
const ablations = table(
  'Table 6',
  [['Free917'], ['WebQuestions']],
  [row('Full', '73.9', '41.2'), row('–Association', '71.3', '35.3'), row('–Paraphrase', '31.8', '21.3')],
);

describe('a figure located by its value in the paper’s own tables', () => {
  it('counts significant digits as a fingerprint does', () => {
    expect(significantDigits('43.9')).toBe(3);
    expect(significantDigits('0.774')).toBe(3);
    expect(significantDigits('4,534')).toBe(4);
    expect(significantDigits('0.0003')).toBe(1);
    expect(significantDigits('100')).toBe(1);
    expect(significantDigits('2.0')).toBe(2);
  });

  it('supports a precise figure in a row the claim names in its own words', () => {
    const result = checkAgainstTables(
      'The proposed bigram segmenter reaches 0.774 on the CHILDES corpus.',
      [segmenters],
      'p',
    );
    expect(result.verdict).toBe('SUPPORTED');
    expect(result.readings[0]?.address).toBe('Table 3, row Prop.(bigram), column Accuracy > CHILD.: 0.774');
  });

  it('does not support a figure the claim credits to another row of the paper', () => {
    // 35.3 is the "–Association" ablation's; the claim is about removing the paraphrase model.
    const claim = 'Removing the paraphrase model drops WebQuestions accuracy to 35.3%.';
    expect(checkAgainstTables(claim, [ablations], 'p').verdict).toBeNull();
    expect(
      checkAgainstTables('Removing the association model leaves WebQuestions accuracy at 35.3%.', [ablations], 'p')
        .verdict,
    ).toBe('SUPPORTED');
  });

  it('does not support a figure the claim puts under another table’s condition', () => {
    const nist = table(
      'Table 3',
      [['NIST MT12', 'Ar-En', 'BLEU']],
      [row('OpenMT12 - 1st Place', '49.5'), row('+ NNJM (Dec)', '48.9')],
    );
    const bolt = table(
      'Table 4',
      [['BOLT Test', 'Ar-En', 'BLEU']],
      [row('Baseline', '40.2'), row('+ Other NNJMs (Resc)', '43.9')],
    );
    expect(
      checkAgainstTables(
        'The full system with all NNJM variants reaches 43.9 BLEU on BOLT Arabic-English.',
        [nist, bolt],
        'p',
      ).verdict,
    ).toBe('SUPPORTED');
    expect(
      checkAgainstTables(
        'The full system with all NNJM variants reaches 43.9 BLEU on NIST MT12 Arabic-English.',
        [nist, bolt],
        'p',
      ).verdict,
    ).not.toBe('SUPPORTED'); // the anchored reading of the NIST table's NNJM row refutes it
  });

  it('keeps "w/o" and "w/" apart', () => {
    const rnnlm = table(
      'Table 2',
      [['BLEU']],
      [row('Baseline (w/ RNNLM)', '48.9'), row('Baseline (w/o RNNLM)', '47.3')],
    );
    expect(checkAgainstTables('The baseline system scores 47.3 BLEU.', [rnnlm], 'p').verdict).toBeNull();
    expect(checkAgainstTables('Without the RNNLM, the baseline system scores 47.3 BLEU.', [rnnlm], 'p').verdict).toBe(
      'SUPPORTED',
    );
  });

  it('never reads an imprecise figure, a bound, or another paper’s table this way', () => {
    const counts = table(
      'Table 2',
      [['Samples'], ['Docs']],
      [row('Multi-LexSum D → L', '4,534', '8.8'), row('Multi-LexSum D → S', '3,138', '10.3')],
    );
    expect(checkAgainstTables('Multi-LexSum D→L has 4,534 samples.', [counts], 'p').verdict).toBe('SUPPORTED');
    expect(checkAgainstTables('Multi-LexSum D→L has 4,534 samples.', [counts], 'q').verdict).toBeNull();
    expect(checkAgainstTables('Each Multi-LexSum sample has 8.8 documents.', [counts], 'p').verdict).toBeNull();
    expect(checkAgainstTables('Multi-LexSum D→L has more than 4,534 samples.', [counts], 'p').verdict).toBeNull();
  });

  it('needs the claim’s other figures in the same row or column', () => {
    const counts = table(
      'Table 2',
      [['Samples'], ['Docs']],
      [row('Multi-LexSum D → L', '4,534', '8.8'), row('Multi-LexSum D → S', '3,138', '10.3')],
    );
    expect(
      checkAgainstTables('Multi-LexSum D→L has 4,534 samples with 8.8 documents each.', [counts], 'p').verdict,
    ).toBe('SUPPORTED');
    expect(
      checkAgainstTables('Multi-LexSum D→L has 4,534 samples with 9.8 documents each.', [counts], 'p').verdict,
    ).toBeNull();
  });

  it('makes the cell the evidence of a claim the engine found no quote for', () => {
    const base: VerificationResult = {
      verdict: 'NOT_ENOUGH_INFO',
      confidence: 0.6,
      evidence: [],
      rationale: '',
      engine: 'embedded',
      warnings: [],
    };
    const passage = {
      id: 1,
      paperId: 'p',
      text: 'We compare segmenters on two corpora.',
      page: 1,
      sectionPath: [],
      charStart: 0,
    };
    const result = applyChecks(
      {
        claim: { text: 'The proposed bigram segmenter reaches 0.774 on CHILDES.', paperId: 'p' },
        passages: [passage],
        tables: [segmenters],
      },
      base,
    );
    expect(result.verdict).toBe('SUPPORTED');
    expect(result.checks?.find((c) => c.rule === 'table-cell')?.from).toBe('NOT_ENOUGH_INFO');
    expect(result.evidence[0]?.cell?.address).toBe('Table 3, row Prop.(bigram), column Accuracy > CHILD.: 0.774');
  });
});
