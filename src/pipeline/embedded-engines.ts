import { createEmbeddedClaimExtractor } from '../claims/embedded-claim-extractor.ts';
import { withChecks } from '../verify/checked-verifier.ts';
import { EmbeddedVerifier } from '../verify/embedded/embedded-verifier.ts';
import { loadEmbeddedModel } from '../verify/embedded/model.ts';
import type { Engines } from './engines.ts';

/** The embedded engine: the claim extractor and verifier that run on this machine, with no model server. */
export function createEmbeddedEngines(): Engines {
  const verifier = withChecks(new EmbeddedVerifier());
  return {
    kind: 'embedded',
    model: null,
    extractor: createEmbeddedClaimExtractor(),
    verifier,
    prompts: [],
    calibration: embeddedCalibrationNote(),
    confidenceCutoff: embeddedConfidenceCutoff,
    usage: () => ({ calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }),
  };
}

/** What the embedded confidences rest on, with the figures measured when the model was trained. */
export function embeddedCalibrationNote(): string {
  const model = loadEmbeddedModel() as unknown as {
    version: string;
    calibrations?: Record<string, { description?: string }>;
    cv?: { byDataset?: Record<string, { n?: number; macroF1?: number; ece?: number; top30Accuracy?: number }> };
  };
  const figure = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
  const held = Object.entries(model.cv?.byDataset ?? {}).map(
    ([name, f]) =>
      `${name}: ${f.n ?? '?'} pairs, macro-F1 ${figure(f.macroF1)}, expected calibration error ${figure(f.ece)}, ` +
      `the 30% most confident right ${figure(f.top30Accuracy)} of the time`,
  );
  const domains = Object.values(model.calibrations ?? {})
    .map((c) => c.description)
    .filter(Boolean);
  return (
    `Confidence is the probability that the verdict is right, from the embedded model ${model.version}, calibrated ` +
    `per domain on held-out folds (${domains.join('; ')}); each claim says which calibration its confidence rests on. ` +
    `Held-out figures: ${held.join('; ')}. Verdicts a deterministic check decided carry that check's measured precision instead. ` +
    'Claims from domains the model was not trained on (e.g. COVID-19 claims) are calibrated less well.'
  );
}

/**
 * The confidence at or above which the embedded model's held-out verdicts were its 30% most confident,
 * for the calibration a verdict rests on (recorded per domain at training time). Rule-decided verdicts
 * and the pooled calibration use the pooled figure.
 */
export function embeddedConfidenceCutoff(calibration: string | null): number {
  const model = loadEmbeddedModel() as unknown as {
    calibrations?: Record<string, { description?: string; top30Cutoff?: number }>;
    cv?: { top30Cutoff?: number };
  };
  for (const entry of Object.values(model.calibrations ?? {})) {
    const name = entry.description?.split(' (')[0];
    if (name && calibration?.startsWith(`${name} (`) && typeof entry.top30Cutoff === 'number') return entry.top30Cutoff;
  }
  return typeof model.cv?.top30Cutoff === 'number' ? model.cv.top30Cutoff : 0.7;
}
