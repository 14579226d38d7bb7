import { hashOf } from '../../core/hash.ts';
import type { VerdictCheck } from '../../core/types.ts';
import measured from './rule-confidence.json' with { type: 'json' };

/**
 * The confidence a verdict gets when a deterministic check decides it: the rule's precision where it
 * changed the embedded model's out-of-fold verdicts on the sets the model is trained on, Laplace-
 * smoothed per set and with the sets weighted alike (the perturbed sentences the rules were written
 * against must not outvote the claims reviewers write), as measured by
 * `npx tsx scripts/measure-check-rules.ts` (which rewrites rule-confidence.json). A rule no labelled
 * pair exercised (table cells, comparison order, non-evidence quotes, measures) gets 0.5: its
 * precision is unknown, and the report says so.
 */
interface RuleFigure {
  changed: number;
  right: number;
  confidence: number;
}

const figures = (measured as { rules: Record<string, RuleFigure> }).rules;

export function ruleConfidence(rule: VerdictCheck['rule']): number {
  return figures[rule]?.confidence ?? 0.5;
}

/** What a rule-decided confidence rests on, recorded as the verdict's calibration. */
export function ruleCalibration(rule: VerdictCheck['rule']): string {
  const figure = figures[rule];
  return figure
    ? `check ${rule} (right ${figure.right} of ${figure.changed} times it changed a held-out verdict)`
    : `check ${rule} (precision not measured: no labelled pair exercises it)`;
}

/** A fingerprint of the measured figures: re-measured rules give verdicts other confidences. */
export const RULE_FIGURES = hashOf(figures).slice(0, 8);
