import type { ResultTable } from '../core/tables.ts';
import type { Evidence, Passage, VerdictResult, Warning } from '../core/types.ts';

/**
 * The spec every verifier implements (embedded model, LLM). Given a claim and candidate evidence
 * passages, return a verdict whose `confidence` is the calibrated probability that the verdict is
 * right, with evidence quotes that are verbatim substrings of the passages' text.
 */
export interface VerificationInput {
  claim: {
    text: string;
    paperId?: string | null;
    /**
     * Names the claim's own paper goes by (its named contribution, its short citation): a claim
     * decontextualised from the paper puts them where the paper says "we" and "our".
     */
    selfNames?: readonly string[];
  };
  /** Candidates, best first (BM25 over the claim's own paper, then the corpus). */
  passages: CandidatePassage[];
  /** Results tables of the claim's own paper (and of candidate papers), compared cell by cell. */
  tables?: ResultTable[];
}

export interface CandidatePassage extends Pick<Passage, 'id' | 'paperId' | 'text' | 'page' | 'sectionPath'> {
  /** Offset of `text` within the paper's full text, so quotes map to exact char ranges. */
  charStart: number;
  /** Retrieval score (BM25, higher is better) when known. */
  score?: number;
  /** The paper's title: context for what its sentences leave implicit (never quoted). */
  paperTitle?: string;
}

export interface VerificationResult extends VerdictResult {
  warnings: Warning[];
}

export interface Verifier {
  /** "embedded@1", "llm:gpt-4o-mini" … recorded with every verdict. */
  readonly name: string;
  verify(input: VerificationInput): Promise<VerificationResult>;
}

export type { Evidence };
