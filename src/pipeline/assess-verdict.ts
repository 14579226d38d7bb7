import type { NumericMismatch, VerdictResult } from '../core/types.ts';
import type { ReportCheck, ReportEvidence, ReportExperiment } from '../report/report-model.ts';
import type { Store, StoredClaim } from '../store/store.ts';
import type { Verifier } from '../verify/verifier.ts';
import { corroborate } from './corroborate.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { adjustForExperiment } from './experiment-confidence.ts';

export interface AssessedVerdict {
  verdict: VerdictResult['verdict'];
  /** The verifier's confidence, moved by a matching experiment run when there is one. */
  confidence: number;
  evidence: ReportEvidence[];
  numeric: NumericMismatch[];
  checks: ReportCheck[];
  calibration: string | null;
  rationale: string;
  unverified_reason: string | null;
  corroborating: string[];
  contradicting: string[];
  experiment: ReportExperiment | null;
}

/**
 * Everything said about one verified claim, the same way for `litmus verify` and for reports: its
 * verdict and evidence, which other papers corroborate or contradict it, and any experiment run that
 * reproduces (or fails to reproduce) its figure, which moves the confidence.
 */
export async function assessVerdict(
  store: Store,
  verifier: Verifier,
  claim: StoredClaim,
  result: VerdictResult,
  options: {
    otherPaperIds?: string[];
    matchExperiment?: (claimText: string) => ReportExperiment | null;
    /** The run's evidence index, shared by every claim (evidence-index.ts). */
    index?: EvidenceIndex;
  } = {},
): Promise<AssessedVerdict> {
  const { corroborating, contradicting } = await corroborate(store, verifier, claim, options.otherPaperIds, options.index);
  const experiment = options.matchExperiment?.(claim.text) ?? null;
  return {
    verdict: result.verdict,
    confidence: experiment
      ? adjustForExperiment(result.verdict, result.confidence, experiment.status)
      : result.confidence,
    evidence: result.evidence.map((e) => ({
      paper_id: e.paperId,
      quote: e.quote,
      location: e.location,
      ...(e.cell ? { cell: e.cell } : {}),
    })),
    numeric: result.numeric ?? [],
    checks: (result.checks ?? []).map((c) => ({ rule: c.rule, from: c.from ?? null, detail: c.detail })),
    calibration: result.calibration ?? null,
    rationale: result.rationale,
    unverified_reason: result.unverifiedReason ?? null,
    corroborating,
    contradicting,
    experiment,
  };
}
