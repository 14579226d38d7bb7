import type { LlmCaller } from '../llm/llm-caller.ts';
import type { Prompt } from '../llm/prompts.ts';
import { AnswerQuestionOutput } from '../llm/schemas.ts';
import { completeStructured } from '../llm/structured.ts';
import { numberTokens, stripClaimReferences } from '../report/report-guards.ts';
import type { AssessedClaim, SynthesizedAnswer } from './answer-question.ts';

/**
 * The LLM engine's synthesis, held to the same rules as the embedded one: it may cite only claims in
 * the table, every figure it writes must appear in a claim it cites (or in the question), and the
 * evidence grade and its opening sentence come from the grading, not from the model. Anything else
 * gets one repair attempt, then the embedded answer stands (with a warning).
 */
export async function answerQuestionWithLlm(
  deps: { caller: LlmCaller; prompt: Prompt },
  question: string,
  claims: AssessedClaim[],
  graded: SynthesizedAnswer,
): Promise<{ answer: SynthesizedAnswer; warning: string | null }> {
  if (claims.length === 0) return { answer: graded, warning: null };
  const byNumber = new Map(claims.map((c) => [c.n, c]));
  const check = (value: AnswerQuestionOutput): string[] => {
    const problems: string[] = [];
    const cited = value.cited_claims.filter((n) => byNumber.has(n));
    for (const n of value.cited_claims) if (!byNumber.has(n)) problems.push(`cites claim ${n}, which was not given`);
    const allowed = new Set([...cited.flatMap((n) => numberTokens(byNumber.get(n)!.text)), ...numberTokens(question)]);
    for (const token of numberTokens(stripClaimReferences(value.answer))) {
      if (!allowed.has(token) && !/^(19|20)\d\d$/.test(token))
        problems.push(`the figure ${token} is in no cited claim`);
    }
    if (cited.length === 0) problems.push('cites no claim');
    return problems;
  };
  const result = await completeStructured(deps.caller, {
    prompt: deps.prompt,
    values: {
      question,
      reading: graded.answer.reading || 'as written',
      findings: findingLines(graded),
      claims: claims.map((c) => ({
        label: `claim ${c.n}`,
        text: `${c.text}\n(paper: ${c.paperTitle}; verdict: ${c.verdict}; confidence: ${c.confidence.toFixed(2)})`,
      })),
    },
    schema: AnswerQuestionOutput,
    temperature: 0,
    check,
  });
  const choice = result.choices[0];
  if (!choice?.ok || choice.problems.length > 0) {
    const reason = !choice ? 'no answer' : choice.ok ? choice.problems.join('; ') : choice.error;
    return { answer: graded, warning: `LLM synthesis unusable (${reason}); the rule-based answer is shown` };
  }
  const opening = graded.answer.evidence_grade === 'direct' ? '' : `${firstSentence(graded.answer.summary)} `;
  // A single study is always called one, whatever the prose says.
  const prose = choice.value.answer.trim();
  const single =
    graded.answer.single_study && !/single study/i.test(`${opening}${prose}`)
      ? ' The evidence comes from a single study.'
      : '';
  return {
    answer: {
      answer: {
        ...graded.answer,
        summary: `${opening}${prose}${single}`,
        cited_claims: [...new Set([...choice.value.cited_claims, ...findingClaims(graded)])].sort((a, b) => a - b),
      },
      gaps: [...graded.gaps, ...choice.value.open_questions.map((q) => `Open question: ${q}`)],
    },
    warning: null,
  };
}

/** The graded findings as the prompt shows them: one line per outcome, then what nothing covers. */
function findingLines(graded: SynthesizedAnswer): string {
  const lines = graded.answer.findings.map(
    (f) =>
      `- ${f.outcome}: ${f.direction} (${f.agreement.replace('_', ' ')}; papers ${f.papers.join(', ')}); ${f.effects
        .map((e) => `[${e.claim}] ${e.direction}${e.size ? ` ${e.size}` : ''}${e.significant ? ', significant' : ''}`)
        .join('; ')}`,
  );
  if (graded.answer.not_covered.length > 0) lines.push(`- not covered: ${graded.answer.not_covered.join(', ')}`);
  return lines.join('\n') || '- none';
}

/** The claims the structured findings show: they stay cited whatever the prose cites. */
function findingClaims(graded: SynthesizedAnswer): number[] {
  return graded.answer.findings.flatMap((f) => f.effects.map((e) => e.claim));
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end < 0 ? text : text.slice(0, end + 1);
}
