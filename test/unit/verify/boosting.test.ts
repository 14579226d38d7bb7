import { describe, expect, it } from 'vitest';
import { predictBoosted, trainBoosted } from '../../../src/verify/embedded/boosting.ts';
import { seededRandom } from '../../../src/verify/embedded/train.ts';

/** Three classes separated by an interaction logistic regression cannot express: x·y sign and |x|. */
function dataset(n: number, seed: number): { rows: number[][]; labels: number[] } {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = random() * 2 - 1;
    const y = random() * 2 - 1;
    rows.push([x, y, random()]);
    labels.push(Math.abs(x) < 0.3 ? 2 : x * y > 0 ? 0 : 1);
  }
  return { rows, labels };
}

describe('gradient-boosted trees', () => {
  const train = dataset(600, 1);
  const options = { rounds: 60, depth: 3, learningRate: 0.2 };
  const model = trainBoosted(train.rows, train.labels, ['a', 'b', 'c'], ['x', 'y', 'noise'], options);

  it('learns an interaction on held-out rows, with probabilities that sum to one', () => {
    const test = dataset(300, 2);
    let right = 0;
    test.rows.forEach((row, i) => {
      const p = predictBoosted(model, row);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      if (p.indexOf(Math.max(...p)) === test.labels[i]) right++;
    });
    expect(right / test.rows.length).toBeGreaterThan(0.85);
  });

  it('is deterministic and survives a JSON round trip', () => {
    const again = trainBoosted(train.rows, train.labels, ['a', 'b', 'c'], ['x', 'y', 'noise'], options);
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const copy = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(predictBoosted(copy, [0.5, 0.5, 0.1])).toEqual(predictBoosted(model, [0.5, 0.5, 0.1]));
  });

  it('weights examples: up-weighting a class raises its predicted share', () => {
    const weights = train.labels.map((y) => (y === 2 ? 5 : 1));
    const weighted = trainBoosted(train.rows, train.labels, ['a', 'b', 'c'], ['x', 'y', 'noise'], {
      ...options,
      sampleWeights: weights,
    });
    const edge = [0.32, 0.5, 0.5];
    expect(predictBoosted(weighted, edge)[2]!).toBeGreaterThan(predictBoosted(model, edge)[2]!);
  });
});
