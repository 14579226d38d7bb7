import { hashOf, sha256 } from '../core/hash.ts';
import type { VerdictResult, Warning } from '../core/types.ts';
import type { Store, StoredClaim } from '../store/store.ts';
import type { Verifier } from '../verify/verifier.ts';
import { EvidenceIndex } from './evidence-index.ts';
import { PaperSelfNames } from './paper-self-names.ts';
import { retrieveEvidence, tablesOf } from './retrieve-evidence.ts';
import { CHECKS_VERSION } from '../verify/checks/apply-checks.ts';
import { RULE_FIGURES } from '../verify/checks/rule-confidence.ts';
import type { ResultTable } from '../core/tables.ts';

export interface VerifiedClaim {
  claim: StoredClaim;
  result: VerdictResult;
  /** True when the verdict came from an earlier run over the same evidence. */
  reused: boolean;
}

export interface VerifyClaimsOptions {
  /** Papers of the run, for the corpus snapshot recorded with the report (default: all). */
  corpusPaperIds?: string[];
  /** Recompute even when a verdict exists for this engine and corpus snapshot. */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The run's evidence index (evidence-index.ts); by default one for this call's claims. */
  index?: EvidenceIndex;
}

/** A hash of which texts the verdicts were computed against; reports record it. */
export async function corpusSnapshot(store: Store, paperIds?: string[]): Promise<string> {
  return hashOf(await store.claims.corpusSnapshot(paperIds)).slice(0, 16);
}

/**
 * The evidence a verdict rests on, as a key: the claim and every candidate passage (paper, offset,
 * text). A verdict is reused exactly when retrieval hands the verifier the same passages again, so a
 * new paper re-verifies only the claims its passages bear on.
 */
export function evidenceKey(
  claimText: string,
  passages: { paperId: string; charStart: number; text: string }[],
  tables: ResultTable[] = [],
): string {
  return hashOf({
    claim: claimText,
    passages: passages.map((p) => [p.paperId, p.charStart, sha256(p.text)]),
    // The checks' rules, the confidences measured for them and the tables they read are part of what a
    // verdict rests on.
    checks: [CHECKS_VERSION, RULE_FIGURES],
    tables: tables.map((t) => [t.paperId, t.label, sha256(JSON.stringify(t.rows))]),
  }).slice(
    0,
    24,
  );
}

/**
 * Verifies stored claims against their own paper and the corpus, saving each verdict as it is made:
 * a killed run keeps what it finished, and a rerun over the same evidence reuses it.
 */
export async function verifyStoredClaims(
  store: Store,
  verifier: Verifier,
  claims: StoredClaim[],
  options: VerifyClaimsOptions = {},
): Promise<{ verified: VerifiedClaim[]; warnings: Warning[]; snapshot: string }> {
  const snapshot = await corpusSnapshot(store, options.corpusPaperIds);
  const verified: VerifiedClaim[] = [];
  const warnings: Warning[] = [];
  const evidenceIndex = options.index ?? new EvidenceIndex(store);
  const selfNames = new PaperSelfNames(store);
  for (const [index, claim] of claims.entries()) {
    // The verdict is about the claim's own paper; other papers count as corroboration (corroborate.ts).
    const passages = await retrieveEvidence(store, claim.text, {
      paperId: claim.paperId,
      corpusPaperIds: [],
      index: evidenceIndex,
    });
    const tables = await tablesOf(store, [claim.paperId]);
    const key = evidenceKey(claim.text, passages, tables);
    const previous = options.force
      ? undefined
      : await store.verdicts.latest(claim.id, { engine: verifier.name, evidenceKey: key });
    if (previous) {
      verified.push({ claim, result: previous, reused: true });
    } else {
      const claimInput = { text: claim.text, paperId: claim.paperId, selfNames: await selfNames.of(claim.paperId) };
      const result = await verifier.verify({ claim: claimInput, passages, tables });
      warnings.push(...result.warnings);
      const { warnings: _ignored, ...judged } = result;
      const verdict = Number.isFinite(judged.confidence) ? judged : invalidConfidence(judged, warnings, claim.text);
      await store.verdicts.save(claim.id, verdict, key);
      verified.push({ claim, result: verdict, reused: false });
    }
    options.onProgress?.(index + 1, claims.length);
  }
  return { verified, warnings, snapshot };
}

/** A verdict without a usable confidence is recorded as unverified rather than stored as a guess. */
function invalidConfidence(result: VerdictResult, warnings: Warning[], claimText: string): VerdictResult {
  warnings.push({ code: 'W_BAD_CONFIDENCE', message: `${result.engine} returned no valid confidence; claim left unverified`, input: claimText });
  return {
    ...result,
    verdict: 'NOT_ENOUGH_INFO',
    confidence: 0,
    evidence: [],
    unverifiedReason: 'verifier returned no valid confidence',
  };
}
