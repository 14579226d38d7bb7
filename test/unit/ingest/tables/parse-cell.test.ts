import { describe, expect, it } from 'vitest';
import { headerSaysPercent, parseCell } from '../../../../src/ingest/tables/parse-cell.ts';
import { labelFromCaption, tableLabel } from '../../../../src/ingest/tables/table-label.ts';

describe('parseCell', () => {
  it('reads plain, signed, grouped and scientific numbers', () => {
    expect(parseCell('71.8').value).toBe(71.8);
    expect(parseCell('-1.82').value).toBe(-1.82);
    expect(parseCell('−0.5').value).toBe(-0.5);
    expect(parseCell('+6.4').value).toBe(6.4);
    expect(parseCell('1,430,000').value).toBe(1430000);
    expect(parseCell('.95').value).toBe(0.95);
    expect(parseCell('10^{-2}').value).toBeCloseTo(0.01);
    expect(parseCell('3.2 × 10^{-4}').value).toBeCloseTo(0.00032);
  });

  it('reads a spread written with ± in any of its spellings', () => {
    expect(parseCell('29.50 ± 0.03')).toMatchObject({ value: 29.5, plusMinus: 0.03 });
    expect(parseCell('71.8±0.4')).toMatchObject({ value: 71.8, plusMinus: 0.4 });
    expect(parseCell('71.8 \\pm 0.4')).toMatchObject({ value: 71.8, plusMinus: 0.4 });
    expect(parseCell('71.8_{\\pm 0.4}')).toMatchObject({ value: 71.8, plusMinus: 0.4 });
    expect(parseCell('45.1% ± 1.2%')).toMatchObject({ value: 45.1, unit: '%', plusMinus: 1.2 });
  });

  it('keeps units and marks best values', () => {
    expect(parseCell('45.2%')).toMatchObject({ value: 45.2, unit: '%', bold: false });
    expect(parseCell('45.2\\%')).toMatchObject({ value: 45.2, unit: '%' });
    expect(parseCell('17 m')).toMatchObject({ value: 17, unit: 'm' });
    expect(parseCell('**83.2**')).toMatchObject({ value: 83.2, bold: true, text: '**83.2**' });
    expect(parseCell('83.2*')).toMatchObject({ value: 83.2, bold: true });
    expect(parseCell('83.2†')).toMatchObject({ value: 83.2, bold: true });
    expect(parseCell('\\textbf{83.2}')).toMatchObject({ value: 83.2, bold: true });
    expect(parseCell('83.2', true).bold).toBe(true);
  });

  it('gives no value to placeholders, words, ranges and cells holding two numbers', () => {
    for (const text of [
      '–',
      '-',
      'n/a',
      '',
      'BERT-base',
      '1 h 01 m',
      '0.965 0.969',
      '192x512x512',
      '5-10',
      'Source Window=7',
    ]) {
      expect(parseCell(text).value, text).toBeNull();
    }
  });

  it('tells percent headers', () => {
    expect(headerSaysPercent(['XNLI', 'Acc. (%)'])).toBe(true);
    expect(headerSaysPercent(['BLEU'])).toBe(false);
  });
});

describe('table labels', () => {
  it('reads the label a paper prints and falls back to the ordinal', () => {
    expect(labelFromCaption('Table 2: Speed of the neural network')).toBe('Table 2');
    expect(labelFromCaption('Table 1. HPO performed in OTSL')).toBe('Table 1');
    expect(labelFromCaption('TABLE IV Results')).toBe('Table IV');
    expect(labelFromCaption('Table A.1: Extra results')).toBe('Table A.1');
    expect(labelFromCaption('Results on the test set.')).toBeNull();
    expect(tableLabel('Results', 3)).toBe('Table 3');
  });
});
