import { describe, expect, it } from 'vitest';
import { fitPlatt } from '../../../src/core/platt.ts';
import { DEFAULT_PLATT, plattProbability, verdictScore } from '../../../src/llm/calibration.ts';

/** Deterministic pseudo-random numbers (mulberry32), so the fit test is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('calibration', () => {
  it('maps scores through the documented default Platt parameters', () => {
    expect(DEFAULT_PLATT).toEqual({ a: 5, b: -2.5 });
    expect(plattProbability(0.5)).toBeCloseTo(0.5, 10);
    expect(plattProbability(1)).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 10);
    expect(plattProbability(verdictScore({ agreement: 1, evidence: 1 }))).toBeGreaterThan(0.9);
    expect(plattProbability(verdictScore({ agreement: 1 / 3, evidence: 0 }))).toBeLessThan(0.25);
  });

  it('is monotone in agreement and in evidence, and stable for extreme scores', () => {
    const p = (agreement: number, evidence: number) => plattProbability(verdictScore({ agreement, evidence }));
    expect(p(2 / 3, 1)).toBeLessThan(p(1, 1));
    expect(p(1, 0.5)).toBeLessThan(p(1, 1));
    expect(plattProbability(1e6, { a: 1, b: 0 })).toBe(1);
    expect(plattProbability(-1e6, { a: 1, b: 0 })).toBe(0);
  });

  it('fitPlatt recovers the parameters that generated labelled data', () => {
    const next = random(7);
    const truth = { a: 6, b: -3 };
    const scores: number[] = [];
    const correct: boolean[] = [];
    for (let i = 0; i < 4000; i++) {
      const score = next();
      scores.push(score);
      correct.push(next() < plattProbability(score, truth));
    }
    const fitted = fitPlatt(scores, correct);
    expect(fitted.a).toBeGreaterThan(5);
    expect(fitted.a).toBeLessThan(7);
    expect(fitted.b).toBeGreaterThan(-3.6);
    expect(fitted.b).toBeLessThan(-2.4);
  });

  it('fitPlatt stays finite on separable data and refuses bad input', () => {
    const fitted = fitPlatt([0.1, 0.2, 0.8, 0.9], [false, false, true, true]);
    expect(Number.isFinite(fitted.a) && Number.isFinite(fitted.b)).toBe(true);
    expect(plattProbability(0.9, fitted)).toBeGreaterThan(plattProbability(0.1, fitted));
    expect(() => fitPlatt([], [])).toThrow(RangeError);
    expect(() => fitPlatt([0.1], [true, false])).toThrow(RangeError);
  });
});
