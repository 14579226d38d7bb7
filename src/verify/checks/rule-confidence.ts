import type { VerdictCheck } from '../../core/types.ts';

/**
 * The confidence a verdict gets when a deterministic check decides it. These are the rules' measured
 * precision on the check regression set of real sentences and table cells from the shared ML papers
 * (test/unit/verify/checks-real-papers.test.ts), shrunk towards 0.5 by a Laplace prior because that
 * set is small; they are not fitted per domain and every report says so.
 */
export const RULE_CONFIDENCE: Record<VerdictCheck['rule'], number> = {
  'table-cell': 0.9,
  number: 0.85,
  negation: 0.8,
  direction: 0.8,
  order: 0.8,
  faithful: 0.75,
  strength: 0.65,
  'non-evidence': 0.75,
  measure: 0.75,
};

export const RULE_CONFIDENCE_NOTE =
  'Verdicts decided by a deterministic check (table cell, number, negation, direction, faithful evidence, strength) carry that rule’s precision on a small regression set of real ML-paper sentences, not a per-domain calibration.';
