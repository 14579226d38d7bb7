import { describe, expect, it } from 'vitest';
import { createLlmCaller } from '../../../src/llm/llm-caller.ts';
import { defaultPromptsDir, loadPrompts } from '../../../src/llm/prompts.ts';
import { UsageMeter } from '../../../src/llm/usage-meter.ts';
import { critiqueQuestion } from '../../../src/synthesize/critique/critique-question.ts';
import { questionFacetRoles } from '../../../src/synthesize/facets/facet-roles.ts';
import { critiqueQuestionWithLlm } from '../../../src/synthesize/llm-critique.ts';
import { createScriptedClient, type Respond } from '../../support/scripted-llm-client.ts';

const question =
  'What is the impact of English intermediate-task training on non-English code generation, as measured by HumanEval-X?';
const facets = questionFacetRoles(question);
const embedded = critiqueQuestion(question, facets);

function run(respond: Respond) {
  const client = createScriptedClient(respond);
  const caller = createLlmCaller({ client, meter: new UsageMeter({ model: client.model }) });
  const prompt = loadPrompts(defaultPromptsDir).get('critique-question')!;
  return { client, result: critiqueQuestionWithLlm({ caller, prompt }, question, facets, embedded) };
}

describe('critiqueQuestionWithLlm', () => {
  it('adds the model’s notes to the fact-based ones and uses its reading', async () => {
    const { result, client } = run(() => ({
      reading: 'Read as: transfer from English training to code generation in other programming languages.',
      notes: [
        { kind: 'benchmark_mismatch', facet: 'non-English', note: 'Same as the rule-based note.' },
        { kind: 'task_mismatch', facet: 'code generation', note: 'Intermediate tasks are usually not code tasks.' },
      ],
    }));
    const { critique, warning } = await result;
    expect(warning).toBeNull();
    expect(critique.reading).toMatch(/^Read as: transfer/);
    // The rule-based benchmark note stays; the duplicate of its kind and facet is dropped.
    expect(critique.notes.map((n) => n.kind)).toEqual(['benchmark_mismatch', 'task_mismatch']);
    expect(critique.notes[0]).toEqual(embedded.notes[0]);
    expect(client.requests[0]!.messages.map((m) => m.content).join('\n')).toContain('HumanEval-X');
  });

  it('rejects notes on facets the question does not have and invented figures, falling back after one repair', async () => {
    const { result, client } = run(() => ({
      reading: 'Read as: something.',
      notes: [{ kind: 'language_not_covered', facet: 'Klingon', note: 'HumanEval-X has 12 languages.' }],
    }));
    const { critique, warning } = await result;
    expect(client.requests).toHaveLength(2);
    expect(warning).toMatch(/Klingon.*not a facet|figure 12/);
    expect(critique).toEqual(embedded);
  });
});
