import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmCaller } from '../../../src/llm/llm-caller.ts';
import { parsePrompt } from '../../../src/llm/prompts.ts';
import { completeStructured, parseJsonReply, validate } from '../../../src/llm/structured.ts';
import { UsageMeter } from '../../../src/llm/usage-meter.ts';
import { createScriptedClient, type Respond } from '../../support/scripted-llm-client.ts';

const prompt = parsePrompt(
  `---
id: answer
version: 1
inputs: [question]
---
# System
Answer in JSON.

# User
{{question}}
`,
  'answer.md',
);
const Answer = z.object({ answer: z.string(), score: z.number() });

function setup(respond: Respond) {
  const client = createScriptedClient(respond);
  const caller = createLlmCaller({ client, meter: new UsageMeter({ model: client.model }) });
  return { client, caller };
}

describe('parseJsonReply', () => {
  it('reads bare JSON, fenced JSON and JSON amid prose', () => {
    expect(parseJsonReply('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('```json\n{"a":2}\n```')).toEqual({ ok: true, value: { a: 2 } });
    expect(parseJsonReply('Sure! Here it is: {"a":3} Hope that helps.')).toEqual({ ok: true, value: { a: 3 } });
  });

  it('reports empty and broken replies', () => {
    expect(parseJsonReply('  ')).toMatchObject({ ok: false, error: 'the reply is empty' });
    expect(parseJsonReply('{"a": ')).toMatchObject({ ok: false });
  });
});

describe('validate', () => {
  it('checks the zod schema and then the extra check', () => {
    expect(validate('{"answer":"x","score":"high"}', Answer)).toMatchObject({ ok: false });
    expect(validate('{"answer":"x","score":1}', Answer, (v) => (v.score > 0.5 ? ['too sure'] : []))).toEqual({
      ok: true,
      value: { answer: 'x', score: 1 },
      problems: ['too sure'],
    });
  });
});

describe('completeStructured', () => {
  it('returns a valid answer with no repair and no warning', async () => {
    const { client, caller } = setup(() => ({ answer: 'yes', score: 0.9 }));
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0,
    });
    expect(result.choices).toEqual([{ ok: true, value: { answer: 'yes', score: 0.9 }, repaired: false, problems: [] }]);
    expect(result.warnings).toEqual([]);
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0]!.seed).toBe(1);
  });

  it('repairs invalid JSON once, sending back the invalid reply and the error', async () => {
    const { client, caller } = setup((_, i) =>
      i === 0 ? '{"answer": "yes", "score": ' : { answer: 'fixed', score: 1 },
    );
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0.5,
    });
    expect(result.choices[0]).toMatchObject({ ok: true, value: { answer: 'fixed' }, repaired: true });
    expect(result.warnings.map((w) => w.code)).toEqual(['W_LLM_REPAIRED']);
    const repair = client.requests[1]!;
    expect(repair.temperature).toBe(0);
    expect(repair.messages.at(-2)).toEqual({ role: 'assistant', content: '{"answer": "yes", "score": ' });
    expect(repair.messages.at(-1)!.content).toContain('not valid JSON');
    expect(repair.messages.at(-1)!.content).toContain('corrected JSON');
  });

  it('repairs output that fails the schema, naming the field', async () => {
    const { client, caller } = setup((_, i) =>
      i === 0 ? { answer: 'x', score: 'high' } : { answer: 'x', score: 0.7 },
    );
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0,
    });
    expect(result.choices[0]).toMatchObject({ ok: true, value: { score: 0.7 } });
    expect(client.requests[1]!.messages.at(-1)!.content).toContain('score');
  });

  it('gives up after one repair: "model output invalid", never a throw', async () => {
    const { client, caller } = setup(() => 'I cannot answer that.');
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0,
    });
    expect(result.choices).toHaveLength(1);
    expect(result.choices[0]!.ok).toBe(false);
    expect(result.choices[0]!.ok === false && result.choices[0]!.error).toMatch(/^model output invalid/);
    expect(result.warnings.map((w) => w.code)).toEqual(['W_LLM_INVALID_OUTPUT']);
    expect(client.requests).toHaveLength(2);
  });

  it('sends check problems in the repair and returns what remains for the caller', async () => {
    const { client, caller } = setup((_, i) =>
      i === 0 ? { answer: 'we did', score: 1 } : { answer: 'still we', score: 1 },
    );
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0,
      check: (value) => (value.answer.includes('we') ? ['mentions "we"'] : []),
    });
    expect(client.requests[1]!.messages.at(-1)!.content).toContain('- mentions "we"');
    expect(result.choices[0]).toMatchObject({
      ok: true,
      value: { answer: 'still we' },
      repaired: true,
      problems: ['mentions "we"'],
    });
  });

  it('keeps the first valid answer when the repair of its content problems breaks the JSON', async () => {
    const { caller } = setup((_, i) => (i === 0 ? { answer: 'we did', score: 1 } : 'oops'));
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0,
      check: (value) => (value.answer.includes('we') ? ['mentions "we"'] : []),
    });
    expect(result.choices[0]).toMatchObject({ ok: true, value: { answer: 'we did' }, repaired: false });
  });

  it('asks for k samples with n and tops up with new seeds when the server returns fewer', async () => {
    const { client, caller } = setup((request) =>
      request.n && request.n > 1 ? [{ answer: 'a', score: 1 }] : { answer: `seed ${request.seed}`, score: 1 },
    );
    const result = await completeStructured(caller, {
      prompt,
      values: { question: 'q?' },
      schema: Answer,
      temperature: 0.7,
      samples: 3,
      seed: 10,
    });
    expect(client.requests.map((r) => [r.n, r.seed])).toEqual([
      [3, 10],
      [1, 11],
      [1, 12],
    ]);
    expect(result.choices.map((c) => c.ok && c.value.answer)).toEqual(['a', 'seed 11', 'seed 12']);
  });
});
