import type { ResultTable } from '../core/tables.ts';
import type { Author, Claim, Passage, Warning } from '../core/types.ts';

/**
 * The spec every claim extractor implements (embedded rules, LLM). A claim is one assertion,
 * self-contained (no "we", "our model", "this": resolved to the named method/dataset/paper), never
 * truncated, and its char span points at the sentence(s) of the paper's full text it came from.
 */
export interface ClaimExtractionInput {
  /** `authors` and `year` name the paper briefly in claims ("Lee et al. (2021)"), never by its title. */
  paper: { id: string; title: string; abstract: string | null; authors?: Author[]; year?: number | null };
  /** The paper's passages in reading order; char offsets index into `fullText`. */
  passages: Passage[];
  fullText: string;
  /** The document's results tables: a row against its baseline row is a finding too. */
  tables?: ResultTable[];
  question?: string;
  /**
   * Claims beyond the paper's headline findings, at most (the most relevant first). Headline
   * findings (centrality ≥ CENTRAL_AT, rank-claims.ts) are never cut.
   */
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
