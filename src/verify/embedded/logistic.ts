import { LitmusError } from '../../core/errors.ts';

/**
 * Multinomial logistic regression (softmax) with L2, trained by full-batch Adam on standardised
 * features. Deterministic: no sampling, zero initialisation.
 */
export interface LogisticModel {
  classes: string[];
  features: string[];
  mean: number[];
  scale: number[];
  /** weights[c] = [bias, w_1 … w_d] over standardised features. */
  weights: number[][];
}

export interface LogisticOptions {
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Per-example weights (class balancing); default 1. */
  sampleWeights?: number[];
}

export function trainLogistic(
  rows: number[][],
  labels: number[],
  classes: string[],
  features: string[],
  options: LogisticOptions = {},
): LogisticModel {
  const n = rows.length;
  const d = features.length;
  const k = classes.length;
  if (n === 0) throw new LitmusError('E_CALIBRATION_DATA', 'trainLogistic: no training rows');
  const l2 = options.l2 ?? 1e-2;
  const iterations = options.iterations ?? 400;
  const rate = options.learningRate ?? 0.05;
  const sw = options.sampleWeights ?? new Array<number>(n).fill(1);
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  for (const row of rows) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = rows.map((row) => row.map((v, j) => (v - mean[j]!) / scale[j]!));
  const weights = Array.from({ length: k }, () => new Array<number>(d + 1).fill(0));
  const m = weights.map((w) => w.map(() => 0));
  const v = weights.map((w) => w.map(() => 0));
  const totalWeight = sw.reduce((s, w) => s + w, 0);
  const probs = new Array<number>(k);
  for (let t = 1; t <= iterations; t++) {
    const grad = weights.map((w) => w.map(() => 0));
    for (let i = 0; i < n; i++) {
      softmaxInto(weights, z[i]!, probs);
      for (let c = 0; c < k; c++) {
        const g = (sw[i]! * (probs[c]! - (labels[i] === c ? 1 : 0))) / totalWeight;
        const gc = grad[c]!;
        gc[0]! += g;
        const zi = z[i]!;
        for (let j = 0; j < d; j++) gc[j + 1]! += g * zi[j]!;
      }
    }
    for (let c = 0; c < k; c++) {
      for (let j = 0; j <= d; j++) {
        const g = grad[c]![j]! + (j > 0 ? l2 * weights[c]![j]! : 0);
        m[c]![j] = 0.9 * m[c]![j]! + 0.1 * g;
        v[c]![j] = 0.999 * v[c]![j]! + 0.001 * g * g;
        const mh = m[c]![j]! / (1 - 0.9 ** t);
        const vh = v[c]![j]! / (1 - 0.999 ** t);
        weights[c]![j]! -= (rate * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  return { classes, features, mean, scale, weights };
}

function softmaxInto(weights: number[][], z: number[], out: number[]): void {
  let max = -Infinity;
  for (let c = 0; c < weights.length; c++) {
    const w = weights[c]!;
    let s = w[0]!;
    for (let j = 0; j < z.length; j++) s += w[j + 1]! * z[j]!;
    out[c] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let c = 0; c < weights.length; c++) {
    out[c] = Math.exp(out[c]! - max);
    total += out[c]!;
  }
  for (let c = 0; c < weights.length; c++) out[c]! /= total;
}

/** Class probabilities for one raw (unstandardised) feature row. */
export function predictProba(model: LogisticModel, row: number[]): number[] {
  const z = row.map((v, j) => (v - model.mean[j]!) / model.scale[j]!);
  const out = new Array<number>(model.classes.length);
  softmaxInto(model.weights, z, out);
  return out;
}

/** Rounds weights so the committed JSON stays small and diffs stay readable. */
export function roundModel(model: LogisticModel, digits = 6): LogisticModel {
  const r = (x: number): number => Number(x.toPrecision(digits));
  return {
    ...model,
    mean: model.mean.map(r),
    scale: model.scale.map(r),
    weights: model.weights.map((w) => w.map(r)),
  };
}
