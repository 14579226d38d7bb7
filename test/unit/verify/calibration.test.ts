import { describe, expect, it } from 'vitest';
import { applyCalibrator, fitPlattCalibrator } from '../../../src/verify/embedded/calibration.ts';
import { predictProba, trainLogistic } from '../../../src/verify/embedded/logistic.ts';
import {
  expectedCalibrationError,
  macroF1,
  separation,
  summarize,
  topFractionAccuracy,
} from '../../../src/verify/embedded/metrics.ts';
import { seededRandom } from '../../../src/verify/embedded/train.ts';

/** Scores whose true accuracy is score² (over-confident by construction). */
function overconfident(n: number): { scores: number[]; correct: boolean[] } {
  const random = seededRandom(7);
  const scores: number[] = [];
  const correct: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const s = 0.34 + 0.65 * random();
    scores.push(s);
    correct.push(random() < s * s);
  }
  return { scores, correct };
}

describe('calibration fitters', () => {
  it('Platt scaling pulls over-confident scores down to observed accuracy', () => {
    const { scores, correct } = overconfident(4000);
    const platt = fitPlattCalibrator(scores, correct);
    expect(applyCalibrator(platt, 0.9)).toBeGreaterThan(0.7);
    expect(applyCalibrator(platt, 0.9)).toBeLessThan(0.88);
    const before = expectedCalibrationError(
      scores.map((s, i) => ({ gold: 'a', predicted: correct[i] ? 'a' : 'b', confidence: s })),
    );
    const after = expectedCalibrationError(
      scores.map((s, i) => ({ gold: 'a', predicted: correct[i] ? 'a' : 'b', confidence: applyCalibrator(platt, s) })),
    );
    expect(after).toBeLessThan(before / 2);
  });
});

describe('multinomial logistic regression', () => {
  it('learns a separable 3-class problem deterministically', () => {
    const rows: number[][] = [];
    const labels: number[] = [];
    const random = seededRandom(3);
    for (let i = 0; i < 600; i++) {
      const y = i % 3;
      rows.push([y + random() * 0.5, random()]);
      labels.push(y);
    }
    const a = trainLogistic(rows, labels, ['a', 'b', 'c'], ['x', 'noise']);
    const b = trainLogistic(rows, labels, ['a', 'b', 'c'], ['x', 'noise']);
    expect(a.weights).toEqual(b.weights);
    const correct = rows.filter((row, i) => {
      const p = predictProba(a, row);
      return p.indexOf(Math.max(...p)) === labels[i];
    }).length;
    expect(correct / rows.length).toBeGreaterThan(0.95);
  });
});

describe('metrics', () => {
  const preds = [
    { gold: 'S', predicted: 'S', confidence: 0.9 },
    { gold: 'R', predicted: 'S', confidence: 0.8 },
    { gold: 'N', predicted: 'N', confidence: 0.3 },
    { gold: 'R', predicted: 'R', confidence: 0.6 },
  ];
  it('computes macro-F1, ECE and selective accuracy', () => {
    // S: tp1 fp1 fn0 → 2/3; R: tp1 fp0 fn1 → 2/3; N: 1.
    expect(macroF1(preds, ['S', 'R', 'N'])).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
    expect(topFractionAccuracy(preds, 0.5)).toBe(0.5);
    expect(expectedCalibrationError([{ gold: 'a', predicted: 'a', confidence: 1 }])).toBe(0);
    expect(summarize(preds, ['S', 'R', 'N']).accuracy).toBe(0.75);
  });

  it('measures how well confidence separates right verdicts from wrong ones', () => {
    // Right at 0.9, 0.6, 0.3; wrong at 0.8: the wrong one beats two of the three right ones.
    expect(separation(preds)).toBeCloseTo(1 / 3);
    const right = (confidence: number) => ({ gold: 'S', predicted: 'S', confidence });
    const wrong = (confidence: number) => ({ gold: 'R', predicted: 'S', confidence });
    expect(separation([right(0.9), right(0.7), wrong(0.2)])).toBe(1);
    // A confidence that is the same for every verdict separates nothing, however well calibrated.
    expect(separation([right(0.5), wrong(0.5), right(0.5), wrong(0.5)])).toBe(0.5);
    expect(separation([right(0.9), right(0.1)])).toBe(0.5);
  });
});
