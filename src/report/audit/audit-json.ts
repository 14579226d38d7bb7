import type { IntegrityNotice, IntegrityStatus } from '../../core/integrity.ts';
import type { DocumentKind, Verdict } from '../../core/types.ts';

/** audit.json, as schemas/audit.schema.json describes it. */
export interface AuditJson {
  document: string;
  document_title: string | null;
  document_kind: DocumentKind;
  question?: string;
  question_source?: 'question' | 'title' | 'abstract';
  claims: AuditClaimJson[];
  references: AuditReferenceJson[];
  findings: { kind: string; detail: string; claim?: number; reference?: string }[];
  summary: AuditSummary;
  engine: string;
  calibration: string;
  generated_at: string;
  litmus_version: string;
}

export type ClaimStatus = 'upheld' | 'overturned' | 'unverifiable';

export interface AuditClaimJson {
  n: number;
  text: string;
  origin: 'table' | 'bullet' | 'prose';
  line: number;
  truncated: boolean;
  /** How the claim is cut off ("ends mid-word (\"accura\")"), null when it is whole. */
  truncation_reason: string | null;
  document_verdict: 'SUPPORTED' | 'REFUTED' | 'PARTIAL' | null;
  document_mark: string | null;
  document_confidence: number | null;
  /**
   * The verdict against the paper(s) the claim cites (a faithfulness check: does the cited paper
   * state it?) when it cites one that could be read; else against every paper of the audit.
   */
  verdict: Verdict;
  confidence: number | null;
  /** What `verdict` rests on: the cited papers, the audit's corpus (nothing cited), or nothing readable. */
  basis: 'cited' | 'corpus' | 'none';
  agrees_with_document: boolean | null;
  status: ClaimStatus;
  cited: { reference: string; paper_id: string | null }[];
  evidence: AuditEvidenceJson[];
  numeric: { claimed: string; found: string }[];
  /** Deterministic checks (table cells, negation, direction, strength…) that confirmed or changed the engine's verdict. */
  checks?: AuditCheckJson[];
  /** Other papers of the audit judged one by one on the claim: support or contradiction from outside its source. */
  independent: AuditIndependentJson[];
  rationale: string;
}

export interface AuditCheckJson {
  rule: string;
  /** The engine's verdict before this check changed it; absent when the check confirmed it. */
  from?: Verdict;
  detail: string;
}

export interface AuditEvidenceJson {
  paper_id: string;
  quote: string;
  location: string;
  /** A results-table cell the verdict rests on, with its row and column headers. */
  cell?: AuditCellJson;
}

export interface AuditCellJson {
  table: string;
  row: string[];
  column: string[];
  text: string;
  /** "Table 2, row SQuAD, column Avg: 8.4" — how a reader finds the cell. */
  address: string;
}

export interface AuditIndependentJson {
  paper_id: string;
  /** The document's reference for this paper, when it lists one. */
  reference: string | null;
  verdict: Verdict;
  confidence: number | null;
  evidence: AuditEvidenceJson[];
}

export interface AuditReferenceJson {
  key: string;
  text: string;
  arxiv_id: string | null;
  doi: string | null;
  /** Every identifier the entry gives, as compared with Source cells and --paper ids ("acl:2020.acl-main.447"). */
  ids?: string[];
  title: string | null;
  paper_id: string | null;
  resolved_by: 'file' | 'arxiv' | 'semantic-scholar' | null;
  error: string | null;
  /** Notices on the cited paper (its retraction, withdrawal, corrections), when it could be checked. */
  integrity?: { status: IntegrityStatus; notices: IntegrityNotice[]; unchecked_reason?: string | null };
}

export interface AuditSummary {
  claims: number;
  upheld: number;
  overturned: number;
  unverifiable: number;
  findings: number;
  references: number;
  references_resolved: number;
  /** Claims another paper of the audit supports (SUPPORTED or PARTIAL), beyond the one they cite. */
  independently_supported?: number;
  /** Claims their cited paper supports while no other paper does: they rest on that paper's word alone. */
  source_only?: number;
  /** Claims another paper of the audit contradicts. */
  contradicted_elsewhere?: number;
  /** Claims flagged as cut off. */
  truncated?: number;
  /** References to retracted or withdrawn papers. */
  retracted_references?: number;
}
