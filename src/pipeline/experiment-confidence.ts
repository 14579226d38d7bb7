import type { Verdict } from '../core/types.ts';

/**
 * How a companion run moves a verdict's confidence. A rerun that reproduces the claimed figure halves
 * the remaining doubt about a SUPPORTED verdict; one that does not reproduce it halves the confidence.
 * For REFUTED the effect is mirrored. The factor 0.5 is a fixed prior, not fitted: too few labelled
 * (claim, rerun) pairs exist to calibrate it, and reports say so.
 */
export function adjustForExperiment(
  verdict: Verdict,
  confidence: number,
  status: 'REPRODUCED' | 'NOT_REPRODUCED',
): number {
  const agrees =
    verdict === 'SUPPORTED' || verdict === 'PARTIAL'
      ? status === 'REPRODUCED'
      : verdict === 'REFUTED'
        ? status === 'NOT_REPRODUCED'
        : null;
  if (agrees === null) return confidence;
  return agrees ? 1 - (1 - confidence) * 0.5 : confidence * 0.5;
}
