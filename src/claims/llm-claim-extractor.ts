import { extractNumbers } from '../core/numbers.ts';
import { findVerbatim, normalizeForMatch } from '../core/text.ts';
import type { Passage, Warning } from '../core/types.ts';
import type { LlmCaller } from '../llm/llm-caller.ts';
import type { Prompt } from '../llm/prompts.ts';
import { ExtractClaimsOutput } from '../llm/schemas.ts';
import { completeStructured } from '../llm/structured.ts';
import type { ClaimExtractionInput, ClaimExtractionResult, ClaimExtractor, ExtractedClaim } from './claim-extractor.ts';
import { claimTruncation, wordCount } from './claim-text.ts';

/**
 * The LLM claim extractor. Passages go to the model fenced and numbered, in batches of about
 * `maxCharsPerCall` characters; it returns claims with the passage number and the exact source
 * sentence. Every claim is then held to the spec:
 * - its span is where `findVerbatim` finds the source sentence in the full text (else dropped);
 * - it is self-contained and complete: ends with terminal punctuation, balanced brackets, does not
 *   open with we/our/this/it/…; problems get one repair round, then the claim is dropped with a warning.
 */
export interface LlmClaimExtractorDeps {
  caller: LlmCaller;
  /** The `extract-claims` prompt. */
  prompt: Prompt;
  /** Passage characters per call; default 12 000 (about 3 000 tokens). */
  maxCharsPerCall?: number;
  maxTokens?: number;
}

type ModelClaim = ExtractClaimsOutput['claims'][number];

const PRONOUN_START = /^(we|our|us|this|these|those|it|its|they|their|here|such)\b/i;
const BACK_MATTER = /^(references|bibliography|acknowledg(e)?ments?)\b/i;

export function createLlmClaimExtractor(deps: LlmClaimExtractorDeps): ClaimExtractor {
  const name = `llm:${deps.caller.model}`;
  const maxChars = deps.maxCharsPerCall ?? 12_000;

  async function extract(input: ClaimExtractionInput): Promise<ClaimExtractionResult> {
    const warnings: Warning[] = [];
    const claims: ExtractedClaim[] = [];
    const seen = new Set<string>();
    for (const batch of batches(input.passages, maxChars)) {
      const numbers = new Set(batch.map((item) => item.number));
      const problemsOf = (claim: ModelClaim) => claimProblems(claim, numbers, input);
      const result = await completeStructured(deps.caller, {
        prompt: deps.prompt,
        values: {
          question: input.question?.trim() || '(none given: rate how central each claim is to the paper)',
          paper: [{ label: 'title', text: input.paper.title }],
          passages: batch.map(({ number, passage }) => ({ label: `passage ${number}`, text: passage.text })),
        },
        schema: ExtractClaimsOutput,
        temperature: 0,
        ...(deps.maxTokens === undefined ? {} : { maxTokens: deps.maxTokens }),
        check: (value) =>
          value.claims.flatMap((claim, i) =>
            problemsOf(claim).map((problem) => `claims[${i}] ${quoteStart(claim.text)}: ${problem}`),
          ),
      });
      warnings.push(...result.warnings.map((w) => ({ ...w, input: input.paper.id })));
      for (const choice of result.choices) {
        if (!choice.ok) continue;
        for (const claim of choice.value.claims) {
          const problems = problemsOf(claim);
          if (problems.length > 0) {
            warnings.push({
              code: 'W_CLAIM_DROPPED',
              message: `dropped claim ${quoteStart(claim.text)}: ${problems.join('; ')}`,
              input: input.paper.id,
            });
            continue;
          }
          const key = normalizeForMatch(claim.text);
          if (seen.has(key)) continue;
          seen.add(key);
          claims.push(toClaim(claim, input, name));
        }
      }
    }
    claims.sort((a, b) => b.relevance - a.relevance);
    return { claims: input.maxClaims === undefined ? claims : claims.slice(0, input.maxClaims), warnings };
  }

  return { name, extract };
}

interface NumberedPassage {
  number: number;
  passage: Passage;
}

/** Passages in reading order, numbered from 1, grouped up to `maxChars`; back matter skipped. */
function batches(passages: Passage[], maxChars: number): NumberedPassage[][] {
  const groups: NumberedPassage[][] = [];
  let current: NumberedPassage[] = [];
  let size = 0;
  for (const [index, passage] of passages.entries()) {
    if (passage.sectionPath.some((heading) => BACK_MATTER.test(heading.replace(/^[\d.\s]+/, '')))) continue;
    if (current.length > 0 && size + passage.text.length > maxChars) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push({ number: index + 1, passage });
    size += passage.text.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function claimProblems(claim: ModelClaim, batchNumbers: Set<number>, input: ClaimExtractionInput): string[] {
  const problems: string[] = [];
  const text = claim.text.trim();
  if (!batchNumbers.has(claim.passage_index))
    problems.push(`passage_index ${claim.passage_index} is not a passage given`);
  if (wordCount(text) < 4) problems.push('too short to be a claim');
  const truncation = claimTruncation(text);
  if (truncation) problems.push(`cut off: ${truncation.reason}`);
  const pronoun = PRONOUN_START.exec(text);
  if (pronoun) problems.push(`starts with "${pronoun[0]}": name the method, dataset or paper instead`);
  if (batchNumbers.has(claim.passage_index) && !locate(claim, input)) {
    problems.push(`source_sentence is not an exact copy of text in passage ${claim.passage_index}`);
  }
  return problems;
}

/** The source sentence's span in the full text: inside its passage first, else anywhere. */
function locate(
  claim: ModelClaim,
  input: ClaimExtractionInput,
): { start: number; end: number; passage: Passage } | null {
  const stated = input.passages[claim.passage_index - 1];
  if (stated) {
    const match = findVerbatim(input.fullText, claim.source_sentence, stated.charStart);
    if (match && match.end <= stated.charEnd) return { ...match, passage: stated };
  }
  const match = findVerbatim(input.fullText, claim.source_sentence);
  if (!match) return null;
  const passage = input.passages.find((p) => p.charStart <= match.start && match.start < p.charEnd);
  return passage ? { ...match, passage } : null;
}

function toClaim(claim: ModelClaim, input: ClaimExtractionInput, engine: string): ExtractedClaim {
  const span = locate(claim, input)!;
  const text = claim.text.trim().replace(/\s+/g, ' ');
  return {
    paperId: input.paper.id,
    text,
    type: claim.type,
    numbers: extractNumbers(text),
    passageId: span.passage.id,
    charStart: span.start,
    charEnd: span.end,
    relevance: Number.isFinite(claim.relevance) ? Math.min(1, Math.max(0, claim.relevance)) : 0,
    engine,
  };
}

function quoteStart(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return JSON.stringify(trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed);
}
