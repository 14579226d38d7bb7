import { fitPlatt } from '../../core/platt.ts';
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

/**
 * Correctness predicted from several signals of the judgement (top probability, margin, evidence
 * coverage, verdict, rule): ranks verdicts by how likely they are right better than the top
 * probability alone, and is a probability itself (logistic loss on out-of-fold correctness).
 */
export interface LogisticCalibrator {
  kind: 'logistic';
  model: LogisticModel;
}

export type Calibrator = PlattCalibrator | LogisticCalibrator;

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Platt scaling on the logit of the score: P(correct) = σ(a·logit(score) + b), by the one Platt fit
 * (core/platt.ts). With no scores, the identity map.
 */
export function fitPlattCalibrator(scores: number[], correct: boolean[]): PlattCalibrator {
  if (scores.length === 0) return { kind: 'platt', a: 1, b: 0 };
  const { a, b } = fitPlatt(scores.map(logit), correct);
  return { kind: 'platt', a, b };
}

/** Fits a logistic calibrator: rows of confidence features → was the verdict right. */
export function fitLogisticCalibrator(
  rows: number[][],
  correct: boolean[],
  features: string[],
  sampleWeights?: number[],
): LogisticCalibrator {
  const model = trainLogistic(
    rows,
    correct.map((c) => (c ? 1 : 0)),
    ['wrong', 'right'],
    features,
    { iterations: 400, l2: 1e-2, ...(sampleWeights ? { sampleWeights } : {}) },
  );
  return { kind: 'logistic', model: roundModel(model) };
}

/** Calibrated confidence; `features` feed a logistic calibrator (Platt reads `score` only). */
export function applyCalibrator(calibrator: Calibrator, score: number, features?: number[]): number {
  if (calibrator.kind === 'platt') return sigmoid(calibrator.a * logit(score) + calibrator.b);
  return features ? predictProba(calibrator.model, features)[1]! : score;
}
