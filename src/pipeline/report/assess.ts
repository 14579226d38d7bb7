import { describeLocation } from '../../core/types.ts';
import type { ReportExperiment } from '../../report/report-model.ts';
import type { Store, StoredClaim } from '../../store/store.ts';
import { assessVerdict } from '../assess-verdict.ts';
import type { Engines } from '../engines.ts';
import { extractPaperClaims } from '../extract-paper-claims.ts';
import { verifyStoredClaims } from '../verify-stored-claims.ts';
import type { AssessArtifact, AssessedClaimRecord, ReportOptions } from './report-types.ts';

export interface AssessDeps {
  store: Store;
  engines: Engines;
  /** Experiment results matching a claim's quantities, if any (experiments feature). */
  matchExperiment?: (claimText: string) => ReportExperiment | null;
  onProgress?: (label: string) => void;
  /** A new phase starts with this many items (so progress can show counts and an ETA). */
  onPhase?: (phase: 'verify claims' | 'cross-check claims', total: number) => void;
}

/**
 * Extracts claims relevant to the question from each retrieved paper, verifies each against its own
 * paper and the other included papers, and counts which other papers corroborate or contradict it.
 */
export async function assessClaims(
  paperIds: string[],
  options: ReportOptions,
  deps: AssessDeps,
): Promise<AssessArtifact> {
  const { store, engines } = deps;
  const warnings: string[] = [];
  const relevant: StoredClaim[] = [];
  let otherClaims = 0;
  for (const paperId of paperIds) {
    // `claimsPerPaper` bounds the claims beyond the paper's headline findings: every headline finding
    // (rank-claims.ts) is kept, and its relevance is the question score weighted by its centrality,
    // so a finding about the question passes the threshold ahead of the paper's method details.
    const extracted = await extractPaperClaims(store, engines.extractor, paperId, {
      question: options.question,
      maxClaims: options.claimsPerPaper,
    });
    warnings.push(...extracted.warnings.map((w) => w.message));
    for (const claim of extracted.claims) {
      if (claim.relevance >= options.claimThreshold) relevant.push(claim);
      else otherClaims += 1;
    }
    deps.onProgress?.(`claims ${paperId}`);
  }

  deps.onPhase?.('verify claims', relevant.length);
  const verification = await verifyStoredClaims(store, engines.verifier, relevant, {
    corpusPaperIds: paperIds,
    onProgress: (done) => deps.onProgress?.(`verified claim ${relevant[done - 1]?.id ?? done}`),
  });
  deps.onPhase?.('cross-check claims', verification.verified.length);
  warnings.push(...verification.warnings.map((w) => w.message));

  const records: AssessedClaimRecord[] = [];
  for (const { claim, result } of verification.verified) {
    const assessed = await assessVerdict(store, engines.verifier, claim, result, {
      otherPaperIds: paperIds,
      matchExperiment: deps.matchExperiment,
    });
    const sourcePassage = claim.passageId !== null ? (await store.passages.get([claim.passageId]))[0] : undefined;
    records.push({
      claim_id: claim.id,
      text: claim.text,
      paper_id: claim.paperId,
      location: sourcePassage ? describeLocation(sourcePassage) : 'full text',
      relevance: claim.relevance,
      ...assessed,
      // The report's schema keeps only the two values of a numeric mismatch.
      numeric: assessed.numeric.map((n) => ({ claimed: n.claimed, found: n.found })),
    });
    deps.onProgress?.(`cross-checked claim ${claim.id}`);
  }
  records.sort((a, b) => b.relevance - a.relevance || a.claim_id - b.claim_id);
  return {
    claims: records,
    other_claims_count: otherClaims,
    unverified: records.filter((r) => r.unverified_reason !== null).length,
    corpus_snapshot: verification.snapshot,
    warnings: [...new Set(warnings)],
  };
}
