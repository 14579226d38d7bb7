import { type LogisticModel, predictProba, roundModel, trainLogistic } from './logistic.ts';

/**
 * Confidence calibration: maps a model's top-class probability to the probability that the
 * predicted label is right. Fitted on out-of-fold predictions only.
 */
export interface PlattCalibrator {
  kind: 'platt';
  a: number;
  b: number;
}

export interface IsotonicCalibrator {
  kind: 'isotonic';
  /** Upper score thresholds of each block (ascending) and the block's calibrated value. */
  thresholds: number[];
  values: number[];
}

/**
 * Correctness predicted from several signals of the judgement (top probability, margin, evidence
 * coverage, verdict, rule): ranks verdicts by how likely they are right better than the top
 * probability alone, and is a probability itself (logistic loss on out-of-fold correctness).
 */
export interface LogisticCalibrator {
  kind: 'logistic';
  model: LogisticModel;
}

export type Calibrator = PlattCalibrator | IsotonicCalibrator | LogisticCalibrator;

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Platt scaling on the logit of the score: P(correct) = σ(a·logit(score) + b), fitted by Newton's
 * method with Platt's smoothed targets so a perfect separation cannot push a to infinity.
 */
export function fitPlatt(scores: number[], correct: boolean[]): PlattCalibrator {
  const positives = correct.filter(Boolean).length;
  const negatives = correct.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const x = scores.map(logit);
  const t = correct.map((c) => (c ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < x.length; i++) {
      const p = sigmoid(a * x[i]! + b);
      const r = p - t[i]!;
      const w = p * (1 - p);
      ga += r * x[i]!;
      gb += r;
      haa += w * x[i]! * x[i]!;
      hab += w * x[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { kind: 'platt', a, b };
}

/** Isotonic regression by pool-adjacent-violators: a non-decreasing step function of the score. */
export function fitIsotonic(scores: number[], correct: boolean[]): IsotonicCalibrator {
  const order = scores.map((s, i) => ({ s, y: correct[i] ? 1 : 0 })).sort((p, q) => p.s - q.s);
  const blocks: { sum: number; count: number; max: number }[] = [];
  for (const { s, y } of order) {
    blocks.push({ sum: y, count: 1, max: s });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.sum / prev.count <= last.sum / last.count) break;
      prev.sum += last.sum;
      prev.count += last.count;
      prev.max = last.max;
      blocks.pop();
    }
  }
  return { kind: 'isotonic', thresholds: blocks.map((b) => b.max), values: blocks.map((b) => b.sum / b.count) };
}

/** Fits a logistic calibrator: rows of confidence features → was the verdict right. */
export function fitLogisticCalibrator(rows: number[][], correct: boolean[], features: string[]): LogisticCalibrator {
  const model = trainLogistic(
    rows,
    correct.map((c) => (c ? 1 : 0)),
    ['wrong', 'right'],
    features,
    { iterations: 400, l2: 1e-2 },
  );
  return { kind: 'logistic', model: roundModel(model) };
}

/** Calibrated confidence; `features` feed a logistic calibrator (the others read `score` only). */
export function applyCalibrator(calibrator: Calibrator, score: number, features?: number[]): number {
  if (calibrator.kind === 'platt') return sigmoid(calibrator.a * logit(score) + calibrator.b);
  if (calibrator.kind === 'logistic') return features ? predictProba(calibrator.model, features)[1]! : score;
  const { thresholds, values } = calibrator;
  if (values.length === 0) return score;
  for (let i = 0; i < thresholds.length; i++) if (score <= thresholds[i]!) return values[i]!;
  return values[values.length - 1]!;
}
