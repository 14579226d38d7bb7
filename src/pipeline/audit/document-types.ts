import type { Truncation } from '../../core/truncation.ts';

/**
 * What `litmus audit` reads out of a document it did not write: the claims (with the document's own
 * verdict and confidence), the references, and findings about the document itself. Pure data.
 */

export type DocumentVerdict = 'SUPPORTED' | 'REFUTED' | 'PARTIAL';

/** Where a claim was found: a claim table row, a bullet, or a claim-bearing prose sentence. */
export type ClaimOrigin = 'table' | 'bullet' | 'prose';

export interface DocumentClaim {
  n: number;
  /** The claim as stated, with citation markers and identifiers taken out. */
  text: string;
  /** The claim as written in the document (table cell, bullet or sentence). */
  raw: string;
  origin: ClaimOrigin;
  /** 1-based line in the document text. */
  line: number;
  truncated: boolean;
  /** How the claim is cut off (kind and a reason a reader understands), null when it is whole. */
  truncation: Truncation | null;
  documentVerdict: DocumentVerdict | null;
  /** The mark as written ("✓", "no", "×"), null when the document gave none. */
  documentVerdictMark: string | null;
  /** 0–1; percentages and 0–100 figures are scaled. Null when absent or not a figure. */
  documentConfidence: number | null;
  /** The confidence as written, kept so nonsense figures can be reported verbatim. */
  documentConfidenceRaw: string | null;
  /** Keys of the references this claim cites (`DocumentReference.key`). */
  cites: string[];
  /** Citations the claim makes that no reference answers ("[7]", "(Lee et al., 2021)"). */
  danglingCitations: string[];
}

export interface ArxivRef {
  id: string;
  version: number | null;
}

export interface DocumentReference {
  /** "1" for a numbered entry; else "arxiv:<id>[v<n>]", "doi:<doi>", "acl:<id>", "openreview:<id>" or "url:<page>". */
  key: string;
  /** The entry as written, one line. */
  raw: string;
  line: number;
  arxiv: ArxivRef | null;
  doi: string | null;
  url: string | null;
  /** Every identifier the entry gives, comparable across spellings (see work-ids.ts): "acl:2020.acl-main.447". */
  ids: string[];
  title: string | null;
  /** Surnames and year, to match "(Smith et al., 2023)". */
  surnames: string[];
  year: string | null;
}

export type FindingKind =
  | 'truncated_claim'
  | 'count_mismatch'
  | 'confidence_contradiction'
  | 'uniform_confidence'
  | 'invalid_confidence'
  | 'unrelated_claim'
  | 'unresolved_reference'
  | 'retracted_reference'
  | 'no_claims';

export interface DocumentFinding {
  kind: FindingKind;
  detail: string;
  /** The claim (its `n`) or reference (its key) the finding is about, when there is one. */
  claim?: number;
  reference?: string;
}

export interface ParsedAuditDocument {
  title: string | null;
  question: string | null;
  /** Where the question came from. */
  questionSource: 'question' | 'title' | 'abstract' | null;
  claims: DocumentClaim[];
  references: DocumentReference[];
  findings: DocumentFinding[];
}
