import { LitmusError } from '../core/errors.ts';
import type { PlattParams } from '../llm/calibration.ts';
import { fitPlatt } from '../core/platt.ts';
import type { BatchClaim, BatchDocument } from '../verify/batch.ts';
import type { LabelledSet } from '../verify/embedded/datasets.ts';
import { accuracy, expectedCalibrationError, type Prediction } from '../verify/embedded/metrics.ts';
import type { Verifier } from '../verify/verifier.ts';
import { verifyBatchWith } from './verify-batch-llm.ts';

export interface CalibrationReport {
  pairs: number;
  /** Pairs the verifier could not judge (left out of the fit). */
  unverified: number;
  accuracy: number;
  /** Expected calibration error (10 bins) of the confidences as they were. */
  eceBefore: number;
  /** The same after recalibration, measured on held-out halves (2-fold), never on the fitting data. */
  eceAfter: number;
  /** Platt parameters for `llm.calibration`, fitted on every pair. */
  calibration: PlattParams;
  /** Held-out confidence at or above which the 30% most confident verdicts lie, and their accuracy. */
  cutoff: number;
  top30Accuracy: number;
}

const clamp = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));
const logit = (p: number) => Math.log(clamp(p) / (1 - clamp(p)));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Fits the LLM verifier's confidence mapping on labelled (claim, document) pairs. The verifier's
 * confidence is σ(a·score + b); a second Platt fit on its logit composes into new (a, b), so the
 * result drops straight into `llm.calibration`. PARTIAL counts as SUPPORTED, as in the embedded CV.
 */
export async function calibrateLlmVerifier(
  verifier: Verifier,
  set: LabelledSet,
  current: PlattParams,
  options: { maxPairs?: number; onPair?: () => void } = {},
): Promise<CalibrationReport> {
  const pairs = set.pairs.slice(0, options.maxPairs ?? set.pairs.length);
  const claims = new Map<string, BatchClaim>();
  for (const pair of pairs) {
    const claim = claims.get(pair.claimId) ?? { id: pair.claimId, claim: pair.claim, docIds: [] };
    claim.docIds!.push(pair.docId);
    claims.set(pair.claimId, claim);
  }
  const corpus: BatchDocument[] = [...new Set(pairs.map((p) => p.docId))].map((docId) => {
    const doc = set.documents.get(docId)!;
    return { docId, title: doc.title, sentences: doc.sentences };
  });
  const { predictions } = await verifyBatchWith(verifier, [...claims.values()], corpus, { onPair: options.onPair });
  const gold = new Map(pairs.map((p) => [`${p.claimId}\u0000${p.docId}`, p.label as string]));
  // Confidence 0 marks an unverified pair (invalid model output, no passages): not a judgement to fit.
  const rows: Prediction[] = predictions
    .filter((p) => p.confidence > 0)
    .map((p) => ({
      gold: gold.get(`${p.id}\u0000${p.doc_id}`) ?? 'NOT_ENOUGH_INFO',
      predicted: p.verdict === 'PARTIAL' ? 'SUPPORTED' : p.verdict,
      confidence: p.confidence,
    }));
  if (rows.length < 10) {
    throw new LitmusError('E_CALIBRATION_DATA', `only ${rows.length} judged pairs: too few to fit a calibration`, {
      hint: 'give more labelled claims (at least a few dozen pairs)',
      exitCode: 2,
    });
  }
  const fitOn = (subset: Prediction[]) =>
    fitPlatt(
      subset.map((r) => logit(r.confidence)),
      subset.map((r) => r.gold === r.predicted),
    );
  const halves = [rows.filter((_, i) => i % 2 === 0), rows.filter((_, i) => i % 2 === 1)];
  const heldOut = halves.flatMap((half, k) => {
    const other = halves[1 - k]!;
    if (other.length === 0) return half;
    const params = fitOn(other);
    return half.map((r) => ({ ...r, confidence: sigmoid(params.a * logit(r.confidence) + params.b) }));
  });
  const all = fitOn(rows);
  const ranked = [...heldOut].sort((a, b) => b.confidence - a.confidence);
  const top = ranked.slice(0, Math.max(1, Math.ceil(ranked.length * 0.3)));
  return {
    cutoff: Number(top.at(-1)!.confidence.toFixed(4)),
    top30Accuracy: accuracy(top),
    pairs: rows.length,
    unverified: predictions.length - rows.length,
    accuracy: accuracy(rows),
    eceBefore: expectedCalibrationError(rows),
    eceAfter: expectedCalibrationError(heldOut),
    calibration: { a: all.a * current.a, b: all.a * current.b + all.b },
  };
}
