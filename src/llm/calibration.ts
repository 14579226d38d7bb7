import type { PlattParams } from '../core/platt.ts';

export type { PlattParams };
/**
 * Turning LLM verdict samples into a probability that the verdict is right.
 *
 * The raw score mixes two features: `agreement`, the fraction of the k sampled verdicts that
 * agree with the majority, and `evidence`, the fraction of those agreeing samples whose quotes
 * all checked out as verbatim (0.5 for NOT_ENOUGH_INFO, which needs no quote):
 *
 *   score = 0.7 · agreement + 0.3 · evidence
 *
 * A Platt mapping p = 1 / (1 + exp(−(a · score + b))) turns the score into a probability.
 * DEFAULT_PLATT (a = 5, b = −2.5) is set by hand, not fitted: score 0.5 ↦ 0.5, a unanimous,
 * fully quoted verdict (score 1) ↦ 0.92, a three-way split with no quotes ↦ ≈ 0.2. Real calibration
 * needs labelled data: run the verifier on claims with known verdicts, collect (score, correct)
 * pairs and fit with `fitPlatt` (core/platt.ts); put the result in config (`llm.calibration: {a, b}`).
 */

export const DEFAULT_PLATT: PlattParams = { a: 5, b: -2.5 };

export const SCORE_WEIGHTS = { agreement: 0.7, evidence: 0.3 } as const;

export function verdictScore(features: { agreement: number; evidence: number }): number {
  return SCORE_WEIGHTS.agreement * clamp01(features.agreement) + SCORE_WEIGHTS.evidence * clamp01(features.evidence);
}

export function plattProbability(score: number, params: PlattParams = DEFAULT_PLATT): number {
  const z = params.a * score + params.b;
  // Written both ways so neither branch overflows.
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** One sentence for reports: what the confidence figures rest on. */
export function describeCalibration(params: PlattParams, fitted: boolean, samples: number): string {
  const source = fitted
    ? `Platt parameters fitted on labelled data (a = ${params.a.toFixed(3)}, b = ${params.b.toFixed(3)})`
    : `hand-set default Platt parameters (a = ${params.a}, b = ${params.b}), not fitted on labelled data`;
  return `LLM confidence = Platt mapping of the agreement among ${samples} sampled verdicts and the share with verbatim quotes, using ${source}.`;
}
