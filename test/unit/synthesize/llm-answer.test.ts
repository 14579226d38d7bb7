import { describe, expect, it } from 'vitest';
import { createLlmCaller } from '../../../src/llm/llm-caller.ts';
import { defaultPromptsDir, loadPrompts } from '../../../src/llm/prompts.ts';
import { UsageMeter } from '../../../src/llm/usage-meter.ts';
import { type AssessedClaim, answerQuestion } from '../../../src/synthesize/answer-question.ts';
import { answerQuestionWithLlm } from '../../../src/synthesize/llm-answer.ts';
import { critiqueQuestion } from '../../../src/synthesize/critique/critique-question.ts';
import { questionFacetRoles } from '../../../src/synthesize/facets/facet-roles.ts';
import { createScriptedClient, type Respond } from '../../support/scripted-llm-client.ts';

const question = 'Does intermediate-task training help code generation on HumanEval-X?';
const claims: AssessedClaim[] = [
  {
    n: 1,
    text: 'Intermediate-task training raised pass@1 on HumanEval-X C++ from 27.9% to 31.2%.',
    paperId: 'p1',
    paperTitle: 'P1',
    verdict: 'SUPPORTED',
    confidence: 0.8,
    relevance: 0.9,
  },
  {
    n: 2,
    text: 'Gains on Python were smaller.',
    paperId: 'p2',
    paperTitle: 'P2',
    verdict: 'SUPPORTED',
    confidence: 0.7,
    relevance: 0.6,
  },
];
const facets = questionFacetRoles(question);
const graded = answerQuestion({
  facets,
  claims,
  papers: [
    { id: 'p1', title: 'P1', authors: ['A'] },
    { id: 'p2', title: 'P2', authors: ['B'] },
  ],
  critique: critiqueQuestion(question, facets),
});

function run(respond: Respond) {
  const client = createScriptedClient(respond);
  const caller = createLlmCaller({ client, meter: new UsageMeter({ model: client.model }) });
  const prompt = loadPrompts(defaultPromptsDir).get('answer-question')!;
  return { client, result: answerQuestionWithLlm({ caller, prompt }, question, claims, graded) };
}

describe('answerQuestionWithLlm', () => {
  it('uses a grounded answer, keeping the grade from the grading', async () => {
    const { result, client } = run(() => ({
      answer: 'Training raised C++ pass@1 from 27.9% to 31.2% [1]; Python gained less [2].',
      cited_claims: [2, 1],
      open_questions: ['Java?'],
    }));
    const { answer, warning } = await result;
    expect(warning).toBeNull();
    expect(answer.answer.evidence_grade).toBe(graded.answer.evidence_grade);
    expect(answer.answer.summary).toContain('from 27.9% to 31.2% [1]');
    expect(answer.answer.cited_claims).toEqual([1, 2]);
    // The structured parts come from the grading, whatever the prose says.
    expect(answer.answer.findings).toEqual(graded.answer.findings);
    expect(answer.answer.reading).toBe(graded.answer.reading);
    expect(answer.gaps).toContain('Open question: Java?');
    expect(client.requests[0]!.messages.map((m) => m.content).join('\n')).toContain('claim 1');
  });

  it('rejects invented figures and unknown citations after one repair, falling back to the graded answer', async () => {
    const { result, client } = run(() => ({
      answer: 'Training raised pass@1 by 12.5 points [1, 7].',
      cited_claims: [1, 7],
      open_questions: [],
    }));
    const { answer, warning } = await result;
    expect(client.requests).toHaveLength(2); // the answer, then one repair
    expect(warning).toMatch(/12\.5.*no cited claim|claim 7/);
    expect(answer).toEqual(graded);
  });
});

describe('answerQuestionWithLlm on a single study', () => {
  const one = [claims[0]!];
  const single = answerQuestion({
    facets,
    claims: one,
    papers: [{ id: 'p1', title: 'P1', authors: ['A'] }],
    critique: critiqueQuestion(question, facets),
  });

  it('shows the model the findings and always says the evidence is a single study', async () => {
    expect(single.answer.single_study).toBe(true);
    const client = createScriptedClient(() => ({
      answer: 'Training raised C++ pass@1 from 27.9% to 31.2% [1].',
      cited_claims: [1],
      open_questions: [],
    }));
    const caller = createLlmCaller({ client, meter: new UsageMeter({ model: client.model }) });
    const prompt = loadPrompts(defaultPromptsDir).get('answer-question')!;
    const { answer, warning } = await answerQuestionWithLlm({ caller, prompt }, question, one, single);
    expect(warning).toBeNull();
    expect(answer.answer.summary).toMatch(/The evidence comes from a single study\.$/);
    const sent = client.requests[0]!.messages.map((m) => m.content).join('\n');
    expect(sent).toContain('How the question is read: Read as:');
    expect(sent).toMatch(/- HumanEval-X: positive \(single paper; papers p1\); \[1\] positive/);
  });
});
