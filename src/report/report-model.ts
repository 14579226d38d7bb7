import type { PaperIntegrity } from '../core/integrity.ts';
import type { Publication } from '../core/publication.ts';
import type { Verdict } from '../core/types.ts';

/**
 * Everything a literature report says, as data. The pipeline builds it; renderers (Markdown, HTML,
 * JSON, BibTeX) only format it, and guards check it before anything is written. Field names are
 * snake_case because report.json is this object as-is (schemas/report.schema.json).
 */
export interface ReportModel {
  title: string;
  question: string;
  generated_at: string;
  engine: string; // "embedded" | "llm"
  model: string | null;
  /** Notes on the question itself, shown before the answer (empty when the question fits its evidence). */
  question_notes: ReportQuestionNote[];
  /** The question's facets, each with the claims that cover it. */
  facets: ReportFacet[];
  answer: ReportAnswer;
  method: ReportMethod;
  counts: ReportCounts;
  papers: ReportPaper[];
  claims: ReportClaim[];
  /** Claims kept out of the main table because they are not about the question. */
  other_claims_count: number;
  contradictions: ReportContradiction[];
  gaps: string[];
  limitations: string[];
  calibration: string;
  provenance: ReportProvenance;
  /** The reference list formatted in a citation style (`--style`), in the order of `papers`. */
  references?: ReportReferences;
}

export interface ReportReferences {
  style: string;
  entries: string[];
}

export type EvidenceGrade = 'direct' | 'indirect' | 'none';

export interface ReportAnswer {
  summary: string;
  evidence_grade: EvidenceGrade;
  /** Claim numbers (ReportClaim.n) the summary rests on. */
  cited_claims: number[];
  /** How the answer read the question. */
  reading: string;
  /** Findings grouped by outcome, with direction and size per claim. */
  findings: ReportFinding[];
  /** One row per included paper that has claims: what it studied and found. */
  evidence_table: ReportEvidenceRow[];
  /** Required facets of the question no verified claim covers. */
  not_covered: string[];
  /** Independent author groups behind the evidence the grade rests on (papers sharing an author are one). */
  independent_papers: number;
  /** The evidence the grade rests on comes from one paper. */
  single_study: boolean;
}

export type FacetRole = 'intervention' | 'population' | 'outcome' | 'measure' | 'comparison' | 'topic';

export interface ReportFacet {
  id: string;
  label: string;
  role: FacetRole;
  required: boolean;
  /** Claim numbers whose facet score reaches the covering threshold. */
  covered_by: number[];
}

export interface ReportQuestionNote {
  kind:
    | 'benchmark_mismatch'
    | 'language_not_covered'
    | 'task_mismatch'
    | 'modality_mismatch'
    | 'conflicting_constraints'
    | 'facet_not_addressed';
  facet: string | null;
  note: string;
  source: string | null;
}

export type EffectDirection = 'positive' | 'negative' | 'null' | 'unclear';

export interface ReportFinding {
  outcome: string;
  direction: 'positive' | 'negative' | 'null' | 'mixed';
  agreement: 'single_paper' | 'agree' | 'disagree';
  papers: string[];
  effects: { claim: number; paper_id: string; direction: EffectDirection; size: string | null; significant: boolean }[];
}

export interface ReportEvidenceRow {
  paper_id: string;
  method: string;
  data: string[];
  task: string[];
  metric: string[];
  /** The paper's results tables (label and caption head). */
  tables: string[];
  effect: string;
  claims: number[];
}

export interface ReportMethod {
  queries: string[];
  sources: string[];
  max_papers: number;
  threshold: number;
  /** Every record left out, with the reason (PRISMA-style flow). */
  exclusions: { id: string; title: string; stage: 'duplicate' | 'screening' | 'full_text'; reason: string }[];
}

/** identified = duplicates + screened; screened = excluded + full_text_unavailable + included. */
export interface ReportCounts {
  identified: number;
  duplicates: number;
  screened: number;
  excluded: number;
  full_text_unavailable: number;
  included: number;
}

export interface ReportPaper {
  id: string; // "arxiv:2305.01234v2" | "local:…"
  version: number | null;
  title: string;
  authors: string[];
  year: number | null;
  url: string | null;
  arxiv_id: string | null;
  doi: string | null;
  /** BibTeX key used in references.bib. */
  cite_key: string;
  /** Retraction, withdrawal and correction notices found for the paper (Crossref, arXiv). */
  integrity?: Omit<PaperIntegrity, 'paper_id'>;
  /** ISO 639-1 code of the paper's language as detected; null when it could not be told. */
  language?: string | null;
  /** Venue and work type for the reference exports (Crossref's record, else an arXiv preprint). */
  publication?: Publication;
}

export interface ReportEvidence {
  paper_id: string;
  quote: string;
  location: string;
  /** When the evidence is a results-table cell: the cell with the headers that locate it. */
  cell?: { table: string; row: string[]; column: string[]; text: string; address: string };
}

/**
 * What other sources say about a claim, apart from the paper that states it: other included papers
 * (judged one by one) and companion experiment runs. "none" means the claim rests on its own paper's
 * word: checking it against that paper is a faithfulness check, not verification.
 */
export type IndependentSupport = 'corroborated' | 'contradicted' | 'mixed' | 'none';

/** A deterministic check that changed or confirmed the engine's verdict, with its reason. */
export interface ReportCheck {
  rule: string;
  /** The engine's verdict before the check changed it; null when the check only confirmed it. */
  from: Verdict | null;
  detail: string;
}

export interface ReportExperiment {
  status: 'REPRODUCED' | 'NOT_REPRODUCED';
  experiment: string;
  metric: string;
  claimed: number;
  measured: number;
}

export interface ReportClaim {
  n: number;
  text: string;
  paper_id: string;
  location: string;
  verdict: Verdict;
  confidence: number;
  /** Facet-weighted relevance to the question (0–1). */
  relevance: number;
  /** Ids of the question's facets this claim covers. */
  facets: string[];
  /** Covers every required facet of the question. */
  about_question: boolean;
  evidence: ReportEvidence[];
  corroborating: string[];
  contradicting: string[];
  numeric: { claimed: string; found: string }[];
  experiment: ReportExperiment | null;
  unverified_reason: string | null;
  /** Other papers and experiments, apart from the stating paper (see IndependentSupport). */
  independent_support: IndependentSupport;
  /** Below the engine's high-confidence cut-off (the 30% most confident held-out verdicts are above it). */
  low_confidence: boolean;
  /** What the confidence rests on: the engine's calibration for the claim's domain, or a check's precision. */
  calibration: string | null;
  checks: ReportCheck[];
  /** Why this claim may not support the answer (its paper was retracted, withdrawn or is not in English). */
  excluded_from_answer?: string;
}

/** Independent support from the other papers' judgements and the experiment, if any. */
export function independentSupport(
  corroborating: string[],
  contradicting: string[],
  experiment: ReportExperiment | null,
): IndependentSupport {
  const pro = corroborating.length > 0 || experiment?.status === 'REPRODUCED';
  const con = contradicting.length > 0 || experiment?.status === 'NOT_REPRODUCED';
  return pro && con ? 'mixed' : pro ? 'corroborated' : con ? 'contradicted' : 'none';
}

export interface ReportContradiction {
  claim: number;
  paper_id: string;
  detail: string;
}

export interface ReportProvenance {
  litmus_version: string;
  engine: string;
  model: string | null;
  prompts: { id: string; version: string; hash: string }[];
  corpus_snapshot: string;
  run_id: number | null;
}
