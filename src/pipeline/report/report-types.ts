import type { Paper, Verdict } from '../../core/types.ts';
import type {
  ReportAnswer,
  ReportCheck,
  ReportEvidence,
  ReportExperiment,
  ReportFacet,
  ReportQuestionNote,
} from '../../report/report-model.ts';
import type { DuplicateRecord } from '../../selection/dedupe-records.ts';
import type { QuestionCritique } from '../../synthesize/critique/critique-question.ts';
import type { Facet } from '../../synthesize/facets/facet-roles.ts';
import type { QuestionFacets } from '../../core/question-facets.ts';
import type { ScreeningDecision } from '../../selection/screen-records.ts';

export const REPORT_STAGES = ['plan', 'identify', 'screen', 'retrieve', 'assess', 'synthesize', 'render'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export interface ReportOptions {
  question: string;
  /** Replace the planned queries. */
  queries?: string[];
  /** arXiv ids (arxiv:2305.01234v2 or 2305.01234) or local files, always included. */
  papers?: string[];
  maxPapers: number;
  /** Screening threshold on title+abstract relevance, 0–1. */
  threshold: number;
  /** Claims below this relevance to the question stay out of the main table. */
  claimThreshold: number;
  /** Records asked of each query. */
  perQuery: number;
  claimsPerPaper: number;
  expand: boolean;
  refresh: boolean;
  outDir: string;
  from?: ReportStage;
  topic?: string;
  /**
   * Records already identified elsewhere (e.g. a topic refresh's date-window searches plus the topic's
   * earlier papers): used instead of running the planned queries.
   */
  preidentified?: { records: Paper[]; per_query: IdentifyArtifact['per_query'] };
  /** Why the `papers` are included, for the flow and method (default: given with --paper). */
  pinnedReason?: string;
  /** Where to look for papers: the local library and arXiv (default), or one of them. */
  source?: 'all' | 'library' | 'arxiv';
  /** Replace whatever is in `outDir`, even the report of another question. */
  force?: boolean;
  /** Citation style of the report's reference list (default: config `style`). */
  style?: 'apa' | 'vancouver' | 'ieee' | 'harvard';
}

export interface PlanArtifact {
  question: string;
  planner: string;
  queries: string[];
  facets: QuestionFacets;
  /** The question read into role facets, and the notes on it written before searching (absent in older stage files). */
  roles?: Facet[];
  critique?: QuestionCritique;
  /** E.g. the LLM's plan was invalid and the embedded plan was used instead. */
  warnings?: string[];
}

export interface IdentifyArtifact {
  per_query: { query: string; source: string; records: number; error?: string }[];
  records: Paper[];
  pinned: string[];
  unresolved: { input: string; reason: string }[];
  duplicates: DuplicateRecord[];
}

export interface ScreenArtifact {
  decisions: ScreeningDecision[];
}

export interface RetrieveArtifact {
  retrieved: string[];
  unavailable: { id: string; title: string; reason: string }[];
  /** Where each full text fetched in this run came from (absent in stage files from before). */
  full_texts?: { id: string; via: string; kind: 'html' | 'pdf'; url: string }[];
}

export interface AssessedClaimRecord {
  claim_id: number;
  text: string;
  paper_id: string;
  location: string;
  relevance: number;
  verdict: Verdict;
  confidence: number;
  evidence: ReportEvidence[];
  numeric: { claimed: string; found: string }[];
  /** Deterministic checks applied after the engine (absent in stage files from before they existed). */
  checks?: ReportCheck[];
  /** What the confidence rests on (absent in stage files from before it was recorded). */
  calibration?: string | null;
  rationale: string;
  unverified_reason: string | null;
  corroborating: string[];
  contradicting: string[];
  experiment: ReportExperiment | null;
}

export interface AssessArtifact {
  claims: AssessedClaimRecord[];
  other_claims_count: number;
  unverified: number;
  corpus_snapshot: string;
  warnings: string[];
}

export interface SynthesizeArtifact extends ReportAnswer {
  gaps: string[];
  contradictions: { claim: number; paper_id: string; detail: string }[];
  /** Notes on the question, shown before the answer. */
  question_notes: ReportQuestionNote[];
  facets: ReportFacet[];
  /** Per claim number: its facet-weighted relevance and the facets it covers. */
  claim_facets: { claim: number; relevance: number; facets: string[]; about_question: boolean }[];
}
