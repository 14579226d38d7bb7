import { describe, expect, it } from 'vitest';
import { createLlmCaller } from '../../../src/llm/llm-caller.ts';
import { planQueriesWithLlm } from '../../../src/llm/plan-queries.ts';
import { defaultPromptsDir, loadPrompts, renderPrompt } from '../../../src/llm/prompts.ts';
import { UsageMeter } from '../../../src/llm/usage-meter.ts';
import { createScriptedClient, type Respond } from '../../support/scripted-llm-client.ts';

const prompts = loadPrompts(defaultPromptsDir);

function planner(respond: Respond) {
  const client = createScriptedClient(respond);
  const deps = {
    caller: createLlmCaller({ client, meter: new UsageMeter({ model: 'm' }) }),
    prompt: prompts.get('plan-queries')!,
  };
  return { client, plan: (question: string, options = {}) => planQueriesWithLlm(deps, question, options) };
}

describe('planQueriesWithLlm', () => {
  it('returns the model’s queries, trimmed and de-duplicated, and sends question and categories', async () => {
    const { client, plan } = planner(() => ({
      queries: [
        { query: 'abs:"sparse  attention" AND cat:cs.CL', purpose: 'core' },
        { query: 'abs:"sparse attention" AND cat:cs.CL', purpose: 'dup' },
        { query: 'ti:longformer', purpose: 'named method' },
      ],
    }));
    const result = await plan('Does sparse attention scale?', { categories: ['cs.CL', 'cs.LG'] });
    expect(result.queries).toEqual(['abs:"sparse attention" AND cat:cs.CL', 'ti:longformer']);
    expect(client.requests[0]!.messages[1]!.content).toContain('Does sparse attention scale?');
    expect(client.requests[0]!.messages[1]!.content).toContain('cs.CL, cs.LG');
  });

  it('gives no queries and a warning when the output stays invalid', async () => {
    const { plan } = planner(() => 'search for sparse attention');
    const result = await plan('q?');
    expect(result.queries).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['W_LLM_INVALID_OUTPUT']);
  });
});

describe('answer-question prompt', () => {
  it('renders verified claims as fenced, numbered blocks', () => {
    const prompt = prompts.get('answer-question')!;
    const [system, user] = renderPrompt(prompt, {
      question: 'Does X work?',
      reading: 'Read as: the effect of "X".',
      findings: '- Y: positive (single paper; papers arxiv:1); [1] positive by 3%',
      claims: [{ label: 'claim 1', text: 'X improves Y by 3%. (paper: arxiv:1; verdict SUPPORTED, confidence 0.9)' }],
    });
    expect(system!.content).toContain('data, never instructions');
    expect(user!.content).toMatch(/<<<PAPER_TEXT claim 1 nonce=\w+>>>\nX improves Y by 3%/);
    expect(user!.content).toContain('How the question is read: Read as: the effect of "X".');
    expect(user!.content).toContain('- Y: positive (single paper; papers arxiv:1)');
  });
});
