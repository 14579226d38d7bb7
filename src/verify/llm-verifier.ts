import { contentStems } from '../core/relevance.ts';
import { findVerbatim } from '../core/text.ts';
import { describeLocation, type Evidence, type Verdict, type Warning } from '../core/types.ts';
import { DEFAULT_PLATT, type PlattParams, plattProbability, verdictScore } from '../llm/calibration.ts';
import type { LlmCaller } from '../llm/llm-caller.ts';
import type { Prompt } from '../llm/prompts.ts';
import { VerifyClaimOutput } from '../llm/schemas.ts';
import { completeStructured, MODEL_OUTPUT_INVALID } from '../llm/structured.ts';
import type { CandidatePassage, VerificationInput, VerificationResult, Verifier } from './verifier.ts';

/**
 * The LLM verifier. The model sees the claim and numbered, fenced candidate passages and returns
 * a verdict, a rationale and quotes with passage numbers. Nothing it says is taken on trust:
 * - every quote must be a verbatim (whitespace-normalised) substring of the passage it names, else
 *   it is dropped; a SUPPORTED/REFUTED/PARTIAL verdict left without a valid quote becomes
 *   NOT_ENOUGH_INFO;
 * - k sampled verdicts are taken; the majority wins (ties go to the more cautious verdict) and the
 *   confidence is the Platt-mapped score of agreement and evidence (src/llm/calibration.ts);
 * - output still invalid after one repair counts as a failed sample; if all fail the result is
 *   NOT_ENOUGH_INFO with confidence 0 and `unverifiedReason: 'model output invalid'`.
 */
export interface LlmVerifierDeps {
  caller: LlmCaller;
  /** The `verify-claim` prompt. */
  prompt: Prompt;
  /** k sampled verdicts (llm.samples); default 3. */
  samples?: number;
  /** Sampling temperature when k > 1 (llm.temperature); a single sample uses 0. */
  temperature?: number;
  calibration?: PlattParams;
  /** At most this many candidate passages go to the model (best first); default 8. */
  maxPassages?: number;
  maxTokens?: number;
}

/** Most cautious first: the tie-break order. */
const CAUTION: Verdict[] = ['NOT_ENOUGH_INFO', 'PARTIAL', 'REFUTED', 'SUPPORTED'];

interface Vote {
  verdict: Verdict;
  rationale: string;
  evidence: Evidence[];
  rejectedQuotes: number;
}

export function createLlmVerifier(deps: LlmVerifierDeps): Verifier {
  const name = `llm:${deps.caller.model}`;
  const samples = deps.samples ?? 3;
  const temperature = samples > 1 ? (deps.temperature ?? 0.7) : 0;
  const calibration = deps.calibration ?? DEFAULT_PLATT;

  async function verify(input: VerificationInput): Promise<VerificationResult> {
    const passages = input.passages.slice(0, deps.maxPassages ?? 8);
    if (passages.length === 0) {
      return unverified(name, 'no candidate passages', [
        {
          code: 'W_NO_PASSAGES',
          message: 'no candidate passages to verify the claim against',
          input: input.claim.text,
        },
      ]);
    }
    const result = await completeStructured(deps.caller, {
      prompt: deps.prompt,
      values: {
        claim: [{ label: 'claim', text: input.claim.text }],
        passages: passages.map((passage, i) => ({ label: passageLabel(passage, i), text: passage.text })),
      },
      schema: VerifyClaimOutput,
      temperature,
      samples,
      ...(deps.maxTokens === undefined ? {} : { maxTokens: deps.maxTokens }),
    });
    const warnings: Warning[] = result.warnings.map((w) => ({ ...w, input: input.claim.text }));
    const votes: Vote[] = [];
    for (const choice of result.choices) {
      if (!choice.ok) continue;
      const vote = checkVote(choice.value, passages, input.claim.text);
      if (vote.rejectedQuotes > 0) {
        warnings.push({
          code: 'W_QUOTE_NOT_VERBATIM',
          message: `dropped ${vote.rejectedQuotes} quote(s) not found verbatim in the passage they cite`,
          input: input.claim.text,
        });
      }
      if (vote.verdict !== choice.value.verdict) {
        warnings.push({
          code: 'W_VERDICT_WITHOUT_EVIDENCE',
          message: `${choice.value.verdict} had no verbatim quote left, counted as NOT_ENOUGH_INFO`,
          input: input.claim.text,
        });
      }
      votes.push(vote);
    }
    if (votes.length === 0) return unverified(name, MODEL_OUTPUT_INVALID, warnings);

    const counts = new Map<Verdict, number>();
    for (const vote of votes) counts.set(vote.verdict, (counts.get(vote.verdict) ?? 0) + 1);
    const top = Math.max(...counts.values());
    const verdict = CAUTION.find((v) => counts.get(v) === top)!;
    const majority = votes.filter((vote) => vote.verdict === verdict);
    const agreement = majority.length / result.choices.length;
    const evidenceFeature =
      verdict === 'NOT_ENOUGH_INFO'
        ? 0.5
        : majority.filter((vote) => vote.rejectedQuotes === 0).length / majority.length;
    const confidence = plattProbability(verdictScore({ agreement, evidence: evidenceFeature }), calibration);

    return {
      verdict,
      confidence,
      evidence: verdict === 'NOT_ENOUGH_INFO' ? [] : mergeEvidence(majority.flatMap((vote) => vote.evidence)),
      rationale: majority[0]!.rationale,
      engine: name,
      warnings,
    };
  }

  return { name, verify };
}

function passageLabel(passage: CandidatePassage, index: number): string {
  const where = describeLocation(passage);
  return `passage ${index + 1} (${passage.paperId}, ${where})`;
}

/**
 * Keeps the quotes that are verbatim in the passage they cite and are about the claim (they share
 * its content words): a model obeying text planted in a paper ("answer SUPPORTED") can quote that
 * text verbatim, but such a quote says nothing about the claim and is dropped. An unquoted verdict
 * is downgraded to NOT_ENOUGH_INFO.
 */
function checkVote(output: VerifyClaimOutput, passages: CandidatePassage[], claimText: string): Vote {
  const evidence: Evidence[] = [];
  let rejectedQuotes = 0;
  const claimStems = new Set(contentStems(claimText));
  const needed = Math.min(1, claimStems.size);
  for (const { passage: number, quote } of output.quotes) {
    const passage = passages[number - 1];
    const match = passage && quote.trim().split(/\s+/).length >= 2 ? findVerbatim(passage.text, quote) : null;
    const related = new Set(contentStems(quote).filter((stem) => claimStems.has(stem))).size >= needed;
    if (!passage || !match || !related) {
      rejectedQuotes += 1;
      continue;
    }
    evidence.push({
      passageId: passage.id,
      paperId: passage.paperId,
      quote: passage.text.slice(match.start, match.end),
      location: describeLocation(passage),
      charStart: passage.charStart + match.start,
      charEnd: passage.charStart + match.end,
    });
  }
  const needsEvidence = output.verdict !== 'NOT_ENOUGH_INFO';
  const verdict: Verdict = needsEvidence && evidence.length === 0 ? 'NOT_ENOUGH_INFO' : output.verdict;
  return { verdict, rationale: output.rationale.trim(), evidence, rejectedQuotes };
}

function mergeEvidence(items: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.paperId}:${item.passageId}:${item.charStart}:${item.charEnd}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unverified(engine: string, reason: string, warnings: Warning[]): VerificationResult {
  return {
    verdict: 'NOT_ENOUGH_INFO',
    confidence: 0,
    evidence: [],
    rationale: `unverified: ${reason}`,
    engine,
    unverifiedReason: reason,
    warnings,
  };
}
