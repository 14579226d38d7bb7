import { describe, expect, it } from 'vitest';
import { compareQuantities, extractNumbers, statedPrecision } from '../../../src/core/numbers.ts';

const first = (text: string) => {
  const [n] = extractNumbers(text);
  if (!n) throw new Error(`no number in ${text}`);
  return n;
};

describe('extractNumbers', () => {
  it('reads decimals, trailing zeros and thousands separators to the same value', () => {
    expect(extractNumbers('7.5 and 7.50').map((n) => n.value)).toEqual([7.5, 7.5]);
    expect(extractNumbers('1,104,934 or 1104934').map((n) => n.value)).toEqual([1104934, 1104934]);
  });

  it('applies scale words and suffixes', () => {
    expect(extractNumbers('1.1M, 1.1 million, 3k and 2 billion').map((n) => n.value)).toEqual([
      1.1e6, 1.1e6, 3000, 2e9,
    ]);
  });

  it('keeps percent as written with its unit, and fractions as plain numbers', () => {
    expect(extractNumbers('8.2% versus 0.082')).toEqual([
      { value: 8.2, unit: '%', text: '8.2%' },
      { value: 0.082, text: '0.082' },
    ]);
    expect(first('rose by 12 percent').unit).toBe('%');
  });

  it('reads negative numbers but not hyphens inside identifiers or ranges', () => {
    expect(first('a change of -3.5 points').value).toBe(-3.5);
    expect(first('a change of −2 points').value).toBe(-2);
    expect(extractNumbers('COVID-19, IL-6, CD4 and H1N1')).toEqual([]);
    expect(extractNumbers('10-20% of cases').map((n) => [n.value, n.unit])).toEqual([
      [10, '%'],
      [20, '%'],
    ]);
  });

  it('does not crash on ranges, lone signs or empty text', () => {
    expect(extractNumbers('')).toEqual([]);
    expect(extractNumbers('between 3 and 5 mg, 5–10 days, - and -- and 1.2.3').length).toBeGreaterThan(0);
  });

  it('ignores citation years and labels but keeps years stated as facts', () => {
    expect(extractNumbers('as shown (Smith, 2019) and by Jones et al. (2020)')).toEqual([]);
    expect(extractNumbers('see Table 2, Figure 3, Section 4.1 and Eq. (5)')).toEqual([]);
    expect(extractNumbers('3.2 Training details\nWe trained 12 models').map((n) => n.value)).toEqual([12]);
    expect(extractNumbers('programs required it in 2001').map((n) => n.value)).toEqual([2001]);
  });

  it('reads the number of a counted compound, but not of a hyphenated name', () => {
    expect(
      extractNumbers('a 12-layer encoder over 14-word windows of character 6-grams, 4-bit, 5-shot').map((n) => n.value),
    ).toEqual([12, 14, 6, 4, 5]);
    expect(extractNumbers('5-HT receptors, 2-methyl groups, 5-fluorouracil and a 3-D view')).toEqual([]);
  });

  it('attaches units glued or hyphenated', () => {
    expect(first('a 2.5-fold rise')).toEqual({ value: 2.5, unit: 'fold', text: '2.5-fold' });
    expect(first('5-year survival').unit).toBe('year');
    expect(first('after 24h').unit).toBe('h');
    expect(first('took 30 min').unit).toBe('min');
  });
});

describe('statedPrecision', () => {
  it('counts decimals and scales the step', () => {
    expect(statedPrecision('71.3')).toEqual({ decimals: 1, step: 0.1 });
    expect(statedPrecision('7.50')).toEqual({ decimals: 2, step: 0.01 });
    expect(statedPrecision('71')).toEqual({ decimals: 0, step: 1 });
    expect(statedPrecision('1.1M').step).toBeCloseTo(1e5);
    expect(statedPrecision('1.1 million').step).toBeCloseTo(1e5);
    expect(statedPrecision('3k').step).toBe(1000);
  });
});

describe('compareQuantities', () => {
  it('compares at the precision the claim states', () => {
    expect(compareQuantities(first('71.3'), first('71.8'))).toBe('different');
    expect(compareQuantities(first('71'), first('71.3'))).toBe('within_rounding');
    expect(compareQuantities(first('71.3'), first('71.30'))).toBe('equal');
    expect(compareQuantities(first('1.1M'), first('1,104,934'))).toBe('within_rounding');
    expect(compareQuantities(first('1,104,934'), first('1104934'))).toBe('equal');
    expect(compareQuantities(first('1.2M'), first('1,104,934'))).toBe('different');
  });

  it('converts between percent and fraction', () => {
    expect(compareQuantities(first('8.2%'), first('0.082'))).toBe('equal');
    expect(compareQuantities(first('0.082'), first('8.2%'))).toBe('equal');
    expect(compareQuantities(first('8%'), first('0.082'))).toBe('within_rounding');
    expect(compareQuantities(first('9.2%'), first('0.082'))).toBe('different');
  });

  it('refuses to compare different kinds of quantity', () => {
    expect(compareQuantities(first('5 mg'), first('5 kg'))).toBe('incomparable');
    expect(compareQuantities(first('32%'), first('2001'))).toBe('incomparable');
  });
});
