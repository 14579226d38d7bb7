import { describeLocation } from '../../core/types.ts';
import type { ReportExperiment } from '../../report/report-model.ts';
import type { Store, StoredClaim } from '../../store/store.ts';
import { assessVerdict } from '../assess-verdict.ts';
import type { Engines } from '../engines.ts';
import { EvidenceIndex } from '../evidence-index.ts';
import { extractPaperClaims } from '../extract-paper-claims.ts';
import { type VerifiedClaim, verifyStoredClaims } from '../verify-stored-claims.ts';
import type { Verifier } from '../../verify/verifier.ts';
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
  // One evidence index for the run: each paper's passages and the papers' corpus are indexed once.
  const index = new EvidenceIndex(store);
  const verification = await verifyStoredClaims(store, engines.verifier, relevant, {
    corpusPaperIds: paperIds,
    index,
    onProgress: (done) => deps.onProgress?.(`verified claim ${relevant[done - 1]?.id ?? done}`),
  });
  deps.onPhase?.('cross-check claims', verification.verified.length);
  warnings.push(...verification.warnings.map((w) => w.message));

  const records = await assessVerifiedClaims(verification.verified, {
    store,
    verifier: engines.verifier,
    paperIds,
    matchExperiment: deps.matchExperiment,
    onProgress: deps.onProgress,
    index,
  });
  records.sort((a, b) => b.relevance - a.relevance || a.claim_id - b.claim_id);
  return {
    claims: records,
    other_claims_count: otherClaims,
    unverified: records.filter((r) => r.unverified_reason !== null).length,
    corpus_snapshot: verification.snapshot,
    warnings: [...new Set(warnings)],
  };
}

/**
 * Each verified claim as the report records it: verdict and evidence, corroboration by the other
 * papers, its location. Per paper too (a `litmus worker`'s verify job runs it on one paper's claims).
 */
export async function assessVerifiedClaims(
  verified: VerifiedClaim[],
  deps: {
    store: Store;
    verifier: Verifier;
    paperIds: string[];
    matchExperiment?: AssessDeps['matchExperiment'];
    onProgress?: (label: string) => void;
    /** The run's evidence index; by default one shared by these claims (a verify job's paper). */
    index?: EvidenceIndex;
  },
): Promise<AssessedClaimRecord[]> {
  const records: AssessedClaimRecord[] = [];
  const index = deps.index ?? new EvidenceIndex(deps.store);
  for (const { claim, result } of verified) {
    const assessed = await assessVerdict(deps.store, deps.verifier, claim, result, {
      otherPaperIds: deps.paperIds,
      matchExperiment: deps.matchExperiment,
      index,
    });
    const sourcePassage = claim.passageId !== null ? (await deps.store.passages.get([claim.passageId]))[0] : undefined;
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
  return records;
}
