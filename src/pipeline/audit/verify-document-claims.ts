import type { DocumentClaim, DocumentVerdict } from './document-types.ts';
import type { ResultTable } from '../../core/tables.ts';
import type { Evidence, Verdict, Warning } from '../../core/types.ts';
import type {
  AuditClaimJson,
  AuditEvidenceJson,
  AuditIndependentJson,
  ClaimStatus,
} from '../../report/audit/audit-json.ts';
import type { Store } from '../../store/store.ts';
import type { CandidatePassage, VerificationResult, Verifier } from '../../verify/verifier.ts';
import type { EvidenceIndex } from '../evidence-index.ts';
import { PaperSelfNames } from '../paper-self-names.ts';
import { retrieveEvidence } from '../retrieve-evidence.ts';

export interface ClaimCheckDeps {
  store: Store;
  verifier: Verifier;
  /** Reference key → paper id (null when its text could not be had). */
  paperOf: Map<string, string | null>;
  /** Every paper of the audit: what a claim citing nothing is checked against, and where independent support comes from. */
  corpus: string[];
  /** A paper's results tables, which the verdict checks compare figures against cell by cell. */
  tablesOf?: (paperId: string) => Promise<ResultTable[]>;
  warn?: (warning: Warning) => void;
  /** The audit's evidence index, shared by every claim (evidence-index.ts). */
  index?: EvidenceIndex;
  /** The names cited papers go by, read once per audit (paper-self-names.ts). */
  selfNames?: PaperSelfNames;
}

/** At most this many other papers are judged one by one for independent support (the best-matching first). */
export const INDEPENDENT_PAPERS = 5;

/**
 * Verifies one claim of the document. A claim that cites a paper is checked against that paper
 * only: the audit's question is whether the cited paper says it (a faithfulness check), and other
 * papers' passages would blur that. The other papers of the audit are then judged one by one and
 * shown apart, as independent support or contradiction. A claim that cites nothing is checked
 * against every paper of the audit; one whose citations all lead nowhere is unverifiable (the text
 * it points to is missing).
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
    truncation_reason: claim.truncation?.reason ?? null,
    document_verdict: claim.documentVerdict,
    document_mark: claim.documentVerdictMark,
    document_confidence: claim.documentConfidence,
    cited,
  };
  const citesOnlyMissing = claim.cites.length > 0 && citedPapers.length === 0;
  const basis = citesOnlyMissing ? 'none' : citedPapers.length > 0 ? 'cited' : 'corpus';
  const passages =
    basis === 'cited'
      ? await citedCandidates(deps, claim.text, citedPapers)
      : basis === 'corpus'
        ? await retrieveEvidence(deps.store, claim.text, { corpusPaperIds: deps.corpus, ...indexOf(deps) })
        : [];
  const result = passages.length > 0 ? await verify(claim, passages, citedPapers, deps) : null;
  if (result === null) {
    return {
      ...base,
      verdict: 'NOT_ENOUGH_INFO',
      confidence: null,
      basis: 'none',
      agrees_with_document: null,
      status: 'unverifiable',
      evidence: [],
      numeric: [],
      independent: [],
      rationale: citesOnlyMissing
        ? 'None of the papers the claim cites could be read, so it was not checked.'
        : 'No paper text to check the claim against.',
    };
  }
  const scope =
    basis === 'cited'
      ? `Checked against the cited paper${citedPapers.length > 1 ? 's' : ''} only (does the source state it?).`
      : 'No paper cited: checked against every paper of the audit.';
  const independent =
    basis === 'cited'
      ? await independentSupport(claim, citedPapers, deps)
      : [];
  return {
    ...base,
    verdict: result.verdict,
    confidence: usableConfidence(result.confidence, claim, deps),
    basis,
    agrees_with_document: agreement(claim.documentVerdict, result.verdict),
    status: statusOf(claim.documentVerdict, result.verdict),
    evidence: result.evidence.map(evidenceJson),
    numeric: (result.numeric ?? []).map((n) => ({ claimed: n.claimed, found: n.found })),
    checks: (result.checks ?? []).map((c) => ({ rule: c.rule, ...(c.from ? { from: c.from } : {}), detail: c.detail })),
    independent,
    rationale: `${scope} ${result.rationale}${result.unverifiedReason ? ` (${result.unverifiedReason})` : ''}`,
  };
}

/**
 * The other papers judged one by one: each gets its own verdict from its own passages, so one
 * paper's support never hides another's contradiction. Papers with nothing to say are left out.
 */
async function independentSupport(
  claim: DocumentClaim,
  citedPapers: string[],
  deps: ClaimCheckDeps,
): Promise<AuditIndependentJson[]> {
  if (deps.corpus.every((id) => citedPapers.includes(id))) return [];
  // The whole audit corpus (one shared index), its cited papers left out.
  const candidates = await retrieveEvidence(deps.store, claim.text, {
    corpusPaperIds: deps.corpus,
    excludePaperIds: citedPapers,
    corpusLimit: 12,
    ...indexOf(deps),
  });
  const papers = [...new Set(candidates.map((p) => p.paperId))].slice(0, INDEPENDENT_PAPERS);
  const out: AuditIndependentJson[] = [];
  for (const paperId of papers) {
    const passages = await retrieveEvidence(deps.store, claim.text, { paperId, corpusPaperIds: [], ...indexOf(deps) });
    if (passages.length === 0) continue;
    const result = await verify(claim, passages, [], deps);
    if (result.verdict === 'NOT_ENOUGH_INFO') continue;
    const reference = [...deps.paperOf].find(([, id]) => id === paperId)?.[0] ?? null;
    out.push({
      paper_id: paperId,
      reference,
      verdict: result.verdict,
      confidence: usableConfidence(result.confidence, claim, deps),
      evidence: result.evidence.map(evidenceJson),
    });
  }
  return out;
}

function usableConfidence(confidence: number, claim: DocumentClaim, deps: ClaimCheckDeps): number | null {
  if (Number.isFinite(confidence)) return confidence;
  deps.warn?.({
    code: 'W_BAD_CONFIDENCE',
    message: `${deps.verifier.name} gave claim ${claim.n} no usable confidence (${confidence})`,
  });
  return null;
}

/** An evidence quote, with the results-table cell it comes from when the verifier names one. */
export function evidenceJson(evidence: Evidence): AuditEvidenceJson {
  const out: AuditEvidenceJson = { paper_id: evidence.paperId, quote: evidence.quote, location: evidence.location };
  const cell = evidence.cell;
  if (cell) {
    out.cell = {
      table: cell.table,
      row: [...cell.row],
      column: [...cell.column],
      text: cell.text,
      address: cell.address,
    };
  }
  return out;
}

async function verify(
  claim: DocumentClaim,
  passages: CandidatePassage[],
  citedPapers: string[],
  deps: ClaimCheckDeps,
): Promise<VerificationResult> {
  // The tables of the papers being judged, and only those: a cited claim is not checked against other papers' cells.
  const papers = [...new Set(passages.map((p) => p.paperId))];
  const tables: ResultTable[] = [];
  for (const id of deps.tablesOf ? papers : []) tables.push(...(await deps.tablesOf!(id)));
  const paperId = citedPapers[0] ?? null;
  const result = await deps.verifier.verify({
    claim: { text: claim.text, paperId, selfNames: await (deps.selfNames ?? new PaperSelfNames(deps.store)).of(paperId) },
    passages,
    ...(tables.length > 0 ? { tables } : {}),
  });
  for (const warning of result.warnings) deps.warn?.(warning);
  return result;
}

async function citedCandidates(deps: ClaimCheckDeps, text: string, citedPapers: string[]): Promise<CandidatePassage[]> {
  let out: CandidatePassage[] = [];
  for (const paperId of citedPapers) {
    out = merge(out, await retrieveEvidence(deps.store, text, { paperId, corpusPaperIds: [], ...indexOf(deps) }));
  }
  return out;
}

function indexOf(deps: ClaimCheckDeps): { index?: EvidenceIndex } {
  return deps.index ? { index: deps.index } : {};
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
