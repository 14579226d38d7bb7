import type { ClaimExtractor } from '../claims/claim-extractor.ts';
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
  kind: 'embedded' | 'llm';
  model: string | null;
  extractor: ClaimExtractor;
  verifier: Verifier;
  /** LLM engine only: research question → arXiv queries (shown to the user). */
  planQueries?: (question: string) => Promise<string[]>;
  prompts: { id: string; version: string; hash: string }[];
  /** What the confidence figures rest on, in one sentence for the report. */
  calibration: string;
  usage(): EngineUsage;
}
