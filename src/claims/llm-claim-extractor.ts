import { extractNumbers } from '../core/numbers.ts';
import { createRelevanceScorer } from '../core/relevance.ts';
import { findVerbatim, normalizeForMatch } from '../core/text.ts';
import type { Passage, Warning } from '../core/types.ts';
import type { LlmCaller } from '../llm/llm-caller.ts';
import type { Prompt } from '../llm/prompts.ts';
import { ExtractClaimsOutput } from '../llm/schemas.ts';
import { completeStructured } from '../llm/structured.ts';
import type { ClaimExtractionInput, ClaimExtractionResult, ClaimExtractor, ExtractedClaim } from './claim-extractor.ts';
import { claimTruncation, wordCount } from './claim-text.ts';
import { sectionRole } from './claim-worthiness.ts';
import { findingKind, questionAsksMethod } from './finding-kind.ts';
import { findPaperName, shortCitation } from './paper-name.ts';
import { type RankCandidate, rankClaims } from './rank-claims.ts';
import { tableClaimCandidates } from './table-claims.ts';

/**
 * The LLM claim extractor. Passages go to the model fenced and numbered, in batches of about
 * `maxCharsPerCall` characters; it returns claims with the passage number and the exact source
 * sentence. Every claim is then held to the spec:
 * - its span is where `findVerbatim` finds the source sentence in the full text (else dropped);
 * - it is self-contained and complete: ends with terminal punctuation, balanced brackets, does not
 *   open with we/our/this/it/…, does not name the paper by its full title; problems get one repair
 *   round, then the claim is dropped with a warning.
 * The claims, with the results-table rows read as data (table-claims.ts), are then ranked and merged
 * exactly as the embedded engine's are (rank-claims.ts): the model's relevance is the question score,
 * the finding kind and centrality come from the same rules.
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
    const found: { claim: ModelClaim; extracted: ExtractedClaim }[] = [];
    const seen = new Set<string>();
    const paperName = findPaperName(input.paper.title, input.paper.abstract, input.fullText);
    const citation = shortCitation(input.paper.authors, input.paper.year ?? null);
    const paperLines = [{ label: 'title', text: input.paper.title }];
    const shortName = paperName?.name ?? citation;
    if (shortName) paperLines.push({ label: 'short name', text: shortName });
    for (const batch of batches(input.passages, maxChars)) {
      const numbers = new Set(batch.map((item) => item.number));
      const problemsOf = (claim: ModelClaim) => claimProblems(claim, numbers, input, shortName);
      const result = await completeStructured(deps.caller, {
        prompt: deps.prompt,
        values: {
          question: input.question?.trim() || '(none given: rate how central each claim is to the paper)',
          paper: paperLines,
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
          // The same claim from another sentence (the conclusion repeating the abstract) goes on to be
          // merged with its locations; the same claim from the same sentence is a repeat.
          const extracted = toClaim(claim, input, name);
          const key = `${normalizeForMatch(claim.text)}@${extracted.charStart}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push({ claim, extracted });
        }
      }
    }
    const abstractNorm = input.paper.abstract ? normalizeForMatch(input.paper.abstract) : '';
    const candidates: RankCandidate[] = found.map(({ claim, extracted }) => {
      const passage = input.passages.find((p) => p.id === extracted.passageId);
      const inAbstract =
        (abstractNorm !== '' && abstractNorm.includes(normalizeForMatch(claim.source_sentence))) ||
        sectionRole(passage?.sectionPath.at(-1) ?? null) === 'abstract';
      const role = inAbstract ? 'abstract' : sectionRole(passage?.sectionPath.at(-1) ?? null);
      return {
        claim: extracted,
        source: claim.source_sentence,
        role,
        inAbstract,
        // The model was asked for the paper's own claims: an abstract claim it kept speaks of the paper.
        kind: findingKind(claim.source_sentence, { name: paperName?.name ?? null, role, afterContribution: true }),
        worthiness: extracted.relevance,
      };
    });
    // Results tables are read as data, as the embedded engine reads them: a row against its baseline.
    candidates.push(
      ...tableClaimCandidates({
        paperId: input.paper.id,
        fullText: input.fullText,
        tables: input.tables ?? [],
        passages: input.passages,
        engine: name,
      }),
    );
    const question = input.question?.trim();
    const modelRelevance = new Map(found.map(({ extracted }) => [extracted.text, extracted.relevance]));
    // Table claims the model never rated are scored against the question as the embedded engine scores them.
    const scorer = question
      ? createRelevanceScorer(
          question,
          input.passages.map((p) => p.text),
        )
      : null;
    const questionScore = (text: string) => modelRelevance.get(text) ?? scorer?.score(text) ?? 0;
    const claims = rankClaims(candidates, {
      ...(question ? { questionScore } : {}),
      methodAsked: questionAsksMethod(question),
      ...(input.maxClaims === undefined ? {} : { maxClaims: input.maxClaims }),
    });
    return { claims, warnings };
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

function claimProblems(
  claim: ModelClaim,
  batchNumbers: Set<number>,
  input: ClaimExtractionInput,
  shortName: string | null,
): string[] {
  const problems: string[] = [];
  const text = claim.text.trim();
  if (!batchNumbers.has(claim.passage_index))
    problems.push(`passage_index ${claim.passage_index} is not a passage given`);
  if (wordCount(text) < 4) problems.push('too short to be a claim');
  const truncation = claimTruncation(text);
  if (truncation) problems.push(`cut off: ${truncation.reason}`);
  const pronoun = PRONOUN_START.exec(text);
  if (pronoun) problems.push(`starts with "${pronoun[0]}": name the method, dataset or paper instead`);
  if (namesFullTitle(text, input.paper.title)) {
    problems.push(
      `names the paper by its full title: call it ${shortName ? `"${shortName}"` : 'by its method’s name or "the authors"'}`,
    );
  }
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

/** A title of four words or more, repeated in the claim (case and punctuation aside). */
export function namesFullTitle(text: string, title: string): boolean {
  const wanted = normalizeForMatch(title);
  return wanted.split(' ').length >= 4 && normalizeForMatch(text).includes(wanted);
}

function quoteStart(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return JSON.stringify(trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed);
}
