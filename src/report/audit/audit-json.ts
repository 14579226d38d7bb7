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
  document_verdict: 'SUPPORTED' | 'REFUTED' | 'PARTIAL' | null;
  document_mark: string | null;
  document_confidence: number | null;
  verdict: Verdict;
  confidence: number | null;
  agrees_with_document: boolean | null;
  status: ClaimStatus;
  cited: { reference: string; paper_id: string | null }[];
  evidence: { paper_id: string; quote: string; location: string }[];
  numeric: { claimed: string; found: string }[];
  rationale: string;
}

export interface AuditReferenceJson {
  key: string;
  text: string;
  arxiv_id: string | null;
  doi: string | null;
  title: string | null;
  paper_id: string | null;
  resolved_by: 'file' | 'arxiv' | 'semantic-scholar' | null;
  error: string | null;
}

export interface AuditSummary {
  claims: number;
  upheld: number;
  overturned: number;
  unverifiable: number;
  findings: number;
  references: number;
  references_resolved: number;
}
