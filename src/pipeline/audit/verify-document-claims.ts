import type { DocumentClaim, DocumentVerdict } from '../../claims/document/document-types.ts';
import type { Verdict, Warning } from '../../core/types.ts';
import type { AuditClaimJson, ClaimStatus } from '../../report/audit/audit-json.ts';
import type { Store } from '../../store/db.ts';
import type { CandidatePassage, VerificationResult, Verifier } from '../../verify/verifier.ts';
import { retrieveEvidence } from '../retrieve-evidence.ts';

export interface ClaimCheckDeps {
  store: Store;
  verifier: Verifier;
  /** Reference key → paper id (null when its text could not be had). */
  paperOf: Map<string, string | null>;
  /** Every paper of the audit: the claim's cited papers are searched first, then these. */
  corpus: string[];
  warn?: (warning: Warning) => void;
}

/**
 * Verifies one claim of the document against its cited papers first; only when they are silent
 * (NOT_ENOUGH_INFO, or nothing cited) is the rest of the audit's corpus searched as well. Judging
 * on the cited text alone answers the audit's question (does the cited paper say this?) and keeps
 * unrelated passages from other papers out of the verifier's view. A claim whose citations all lead
 * nowhere is not checked against other papers: the text it points to is missing, so it is unverifiable.
 */
export async function checkClaim(claim: DocumentClaim, deps: ClaimCheckDeps): Promise<AuditClaimJson> {
  const cited = claim.cites.map((reference) => ({ reference, paper_id: deps.paperOf.get(reference) ?? null }));
  const citedPapers = [...new Set(cited.map((c) => c.paper_id).filter((id): id is string => id !== null))];
  const base = {
    n: claim.n,
    text: claim.text,
    origin: claim.origin,
    line: claim.line,
    truncated: claim.truncated,
    document_verdict: claim.documentVerdict,
    document_mark: claim.documentVerdictMark,
    document_confidence: claim.documentConfidence,
    cited,
  };
  const citesOnlyMissing = claim.cites.length > 0 && citedPapers.length === 0;
  const rest = deps.corpus.filter((id) => !citedPapers.includes(id));
  const own = citesOnlyMissing ? [] : citedCandidates(deps.store, claim.text, citedPapers);
  let passages = own;
  let result = own.length > 0 ? await verify(claim, own, citedPapers, deps) : null;
  let scope = citedPapers.length > 1 ? 'the cited papers' : 'the cited paper';
  if (!citesOnlyMissing && rest.length > 0 && (result === null || result.verdict === 'NOT_ENOUGH_INFO')) {
    passages = merge(own, retrieveEvidence(deps.store, claim.text, { corpusPaperIds: rest }));
    if (passages.length > own.length) {
      result = await verify(claim, passages, citedPapers, deps);
      scope = citedPapers.length > 0 ? `${scope}, then the rest of the corpus` : 'the corpus (no paper cited)';
    }
  }
  if (result === null || passages.length === 0) {
    return {
      ...base,
      verdict: 'NOT_ENOUGH_INFO',
      confidence: null,
      agrees_with_document: null,
      status: 'unverifiable',
      evidence: [],
      numeric: [],
      rationale: citesOnlyMissing
        ? 'None of the papers the claim cites could be read, so it was not checked.'
        : 'No paper text to check the claim against.',
    };
  }
  let confidence: number | null = result.confidence;
  if (!Number.isFinite(confidence)) {
    deps.warn?.({
      code: 'W_BAD_CONFIDENCE',
      message: `${deps.verifier.name} gave claim ${claim.n} no usable confidence (${confidence})`,
    });
    confidence = null;
  }
  const agrees = agreement(claim.documentVerdict, result.verdict);
  return {
    ...base,
    verdict: result.verdict,
    confidence,
    agrees_with_document: agrees,
    status: statusOf(claim.documentVerdict, result.verdict),
    evidence: result.evidence.map((e) => ({ paper_id: e.paperId, quote: e.quote, location: e.location })),
    numeric: (result.numeric ?? []).map((n) => ({ claimed: n.claimed, found: n.found })),
    rationale: `Checked against ${scope}. ${result.rationale}${result.unverifiedReason ? ` (${result.unverifiedReason})` : ''}`,
  };
}

async function verify(
  claim: DocumentClaim,
  passages: CandidatePassage[],
  citedPapers: string[],
  deps: ClaimCheckDeps,
): Promise<VerificationResult> {
  const result = await deps.verifier.verify({ claim: { text: claim.text, paperId: citedPapers[0] ?? null }, passages });
  for (const warning of result.warnings) deps.warn?.(warning);
  return result;
}

function citedCandidates(store: Store, text: string, citedPapers: string[]): CandidatePassage[] {
  let out: CandidatePassage[] = [];
  for (const paperId of citedPapers) out = merge(out, retrieveEvidence(store, text, { paperId, corpusPaperIds: [] }));
  return out;
}

function merge(first: CandidatePassage[], second: CandidatePassage[]): CandidatePassage[] {
  const seen = new Set(first.map((p) => p.id));
  return [...first, ...second.filter((p) => !seen.has(p.id))];
}

/** ✓ agrees with SUPPORTED or PARTIAL, ✗ with REFUTED; null without a document verdict or a judgement. */
export function agreement(document: DocumentVerdict | null, verdict: Verdict): boolean | null {
  if (document === null || verdict === 'NOT_ENOUGH_INFO') return null;
  if (document === 'REFUTED') return verdict === 'REFUTED';
  return verdict === 'SUPPORTED' || verdict === 'PARTIAL';
}

/** A claim stated without a mark is asserted by the document: upheld when supported. */
export function statusOf(document: DocumentVerdict | null, verdict: Verdict): ClaimStatus {
  if (verdict === 'NOT_ENOUGH_INFO') return 'unverifiable';
  return agreement(document ?? 'SUPPORTED', verdict) ? 'upheld' : 'overturned';
}
