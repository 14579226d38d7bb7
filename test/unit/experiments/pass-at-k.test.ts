import { describe, expect, it } from 'vitest';
import { meanPassAtK, passAtK } from '../../../src/experiments/humaneval/pass-at-k.ts';

describe('passAtK (Chen et al. 2021 unbiased estimator)', () => {
  it('is c/n for k = 1', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
  });
  it('equals 1 - C(n-c,k)/C(n,k)', () => {
    // n=5, c=2, k=2: 1 - C(3,2)/C(5,2) = 1 - 3/10
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
  });
  it('is 1 when fewer than k samples fail', () => {
    expect(passAtK(10, 9, 2)).toBe(1);
  });
  it('is 0 when nothing passes', () => {
    expect(passAtK(10, 0, 5)).toBe(0);
  });
  it('refuses k larger than n', () => {
    expect(() => passAtK(3, 1, 10)).toThrow(RangeError);
  });
  it('averages over problems and reports only k ≤ samples per problem', () => {
    const out = meanPassAtK(
      [
        { n: 10, c: 10 },
        { n: 10, c: 0 },
      ],
      [1, 10, 100],
    );
    expect(out).toEqual({ 'pass@1': 0.5, 'pass@10': 0.5 });
  });
});
