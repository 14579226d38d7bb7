import type { LlmCaller } from '../llm/llm-caller.ts';
import type { Prompt } from '../llm/prompts.ts';
import { CritiqueQuestionOutput } from '../llm/schemas.ts';
import { completeStructured } from '../llm/structured.ts';
import { numberTokens } from '../report/report-guards.ts';
import { BENCHMARK_FACTS, benchmarksNamed } from './critique/benchmark-facts.ts';
import type { CritiqueNote, QuestionCritique } from './critique/critique-question.ts';
import type { Facet } from './facets/facet-roles.ts';

/**
 * The LLM engine's question critique, held to the embedded critique's schema: it may add notes of
 * the same kinds, each on a facet of the question (or none), with no figure that is not in the
 * question or the benchmark facts; the fact-based notes always stay. Anything else gets one repair
 * attempt, then the embedded critique stands (with a warning).
 */
export async function critiqueQuestionWithLlm(
  deps: { caller: LlmCaller; prompt: Prompt },
  question: string,
  facets: Facet[],
  embedded: QuestionCritique,
): Promise<{ critique: QuestionCritique; warning: string | null }> {
  const named = benchmarksNamed(question);
  const facts = JSON.stringify(
    named.length > 0 ? named : BENCHMARK_FACTS.map((b) => ({ name: b.name, tasks: b.tasks })),
  );
  const labels = new Set(facets.map((f) => f.label));
  const allowed = new Set([...numberTokens(question), ...numberTokens(facts)]);
  const check = (value: CritiqueQuestionOutput): string[] => {
    const problems: string[] = [];
    if (value.reading.trim() === '') problems.push('the reading is empty');
    for (const note of value.notes) {
      if (note.facet !== null && !labels.has(note.facet))
        problems.push(`"${note.facet}" is not a facet of the question`);
      for (const token of numberTokens(note.note))
        if (!allowed.has(token)) problems.push(`the figure ${token} is in neither the question nor the facts`);
    }
    return problems;
  };
  const result = await completeStructured(deps.caller, {
    prompt: deps.prompt,
    values: {
      question,
      facets: facets.map((f) => `${f.role}: ${f.label}`).join('; '),
      benchmark_facts: facts,
      embedded_notes: embedded.notes.map((n) => `${n.kind} (${n.facet ?? 'question'}): ${n.note}`).join('\n') || 'none',
    },
    schema: CritiqueQuestionOutput,
    temperature: 0,
    check,
  });
  const choice = result.choices[0];
  if (!choice?.ok || choice.problems.length > 0) {
    const reason = !choice ? 'no answer' : choice.ok ? choice.problems.join('; ') : choice.error;
    return {
      critique: embedded,
      warning: `LLM question critique unusable (${reason}); the rule-based notes are shown`,
    };
  }
  const added: CritiqueNote[] = choice.value.notes
    .filter((n) => !embedded.notes.some((e) => e.kind === n.kind && e.facet === n.facet))
    .map((n) => ({ kind: n.kind, facet: n.facet, note: n.note.trim(), source: null }));
  return {
    critique: { reading: choice.value.reading.trim(), notes: [...embedded.notes, ...added] },
    warning: null,
  };
}
