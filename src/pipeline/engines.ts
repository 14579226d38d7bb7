import type { EngineName } from '../config/schema.ts';
import type { ClaimExtractor } from '../claims/claim-extractor.ts';
import type { AssessedClaim, SynthesizedAnswer } from '../synthesize/answer-question.ts';
import type { QuestionCritique } from '../synthesize/critique/critique-question.ts';
import type { Facet } from '../synthesize/facets/facet-roles.ts';
import type { Verifier } from '../verify/verifier.ts';

export interface EngineUsage {
  calls: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** The claim extractor and verifier a command uses, with what reports must record about them. */
export interface Engines {
  kind: EngineName;
  model: string | null;
  extractor: ClaimExtractor;
  verifier: Verifier;
  /**
   * The engine's own verifier before the deterministic checks: what `litmus calibrate` fits, since the
   * Platt map applies to the engine's confidences (rule-decided verdicts carry the rule's precision).
   */
  rawVerifier?: Verifier;
  /** LLM engine only: research question → arXiv queries (shown to the user). */
  planQueries?: (question: string) => Promise<string[]>;
  /** LLM engine only: a synthesis held to the grading and number rules (see synthesize/llm-answer.ts). */
  answerQuestion?: (
    question: string,
    claims: AssessedClaim[],
    graded: SynthesizedAnswer,
  ) => Promise<{ answer: SynthesizedAnswer; warning: string | null }>;
  /** LLM engine only: notes on the question beyond the embedded critique, held to its schema (synthesize/llm-critique.ts). */
  critiqueQuestion?: (
    question: string,
    facets: Facet[],
    embedded: QuestionCritique,
  ) => Promise<{ critique: QuestionCritique; warning: string | null }>;
  prompts: { id: string; version: string; hash: string }[];
  /** What the confidence figures rest on, in one sentence for the report. */
  calibration: string;
  /**
   * The confidence below which a verdict is shown as low-confidence, given the calibration it rests on:
   * on held-out data, verdicts at or above it were that calibration's 30% most confident.
   */
  confidenceCutoff(calibration: string | null): number;
  usage(): EngineUsage;
}
