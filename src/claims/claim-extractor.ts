import type { Claim, Passage, Warning } from '../core/types.ts';

/**
 * The spec every claim extractor implements (embedded rules, LLM). A claim is one assertion,
 * self-contained (no "we", "our model", "this": resolved to the named method/dataset/paper), never
 * truncated, and its char span points at the sentence(s) of the paper's full text it came from.
 */
export interface ClaimExtractionInput {
  paper: { id: string; title: string; abstract: string | null };
  /** The paper's passages in reading order; char offsets index into `fullText`. */
  passages: Passage[];
  fullText: string;
  question?: string;
  /** At most this many claims, the most relevant first. */
  maxClaims?: number;
}

export type ExtractedClaim = Omit<Claim, 'id'>;

export interface ClaimExtractionResult {
  claims: ExtractedClaim[];
  warnings: Warning[];
}

export interface ClaimExtractor {
  /** "embedded@1", "llm:gpt-4o-mini" … recorded with every claim. */
  readonly name: string;
  extract(input: ClaimExtractionInput): Promise<ClaimExtractionResult>;
}
