import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LitmusError } from '../../src/core/errors.ts';
import { createOpenAiClient } from '../../src/llm/openai/openai-client.ts';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../support/fake-openai-server.ts';
import { describeLlmClientContract } from './llm-client.contract.ts';

describeLlmClientContract('openai-compatible (openai SDK)', (server, options = {}) =>
  createOpenAiClient({ baseUrl: server.baseUrl, model: 'fake-model', ...options }),
);

function thrown(fn: () => unknown): LitmusError {
  try {
    fn();
  } catch (error) {
    expect(LitmusError.isInstance(error)).toBe(true);
    return error as LitmusError;
  }
  throw new Error('expected a throw');
}

describe('createOpenAiClient configuration', () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await startFakeOpenAiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('refuses a missing model with a hint naming LITMUS_MODEL', () => {
    const error = thrown(() => createOpenAiClient({ baseUrl: server.baseUrl, apiKey: 'sk-test' }));
    expect(error.code).toBe('E_LLM_NO_MODEL');
    expect(error.hint).toContain('LITMUS_MODEL');
  });

  it('refuses a non-loopback base URL without a key, with a hint naming OPENAI_API_KEY', () => {
    const error = thrown(() => createOpenAiClient({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' }));
    expect(error.code).toBe('E_LLM_NO_KEY');
    expect(error.hint).toContain('OPENAI_API_KEY');
  });

  it('with structuredOutput "text" never sends response_format', async () => {
    server.enqueue(reply.content({ ok: true }));
    const client = createOpenAiClient({ baseUrl: server.baseUrl, model: 'm', structuredOutput: 'text' });
    const response = await client.complete({
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0,
      responseSchema: { name: 'ok', schema: z.object({ ok: z.boolean() }) },
    });
    expect(response.structured).toBe('text');
    const body = server.completions()[0]!.body;
    expect(body.response_format).toBeUndefined();
    // No system message was given, so one carrying the schema is added first.
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toContain('JSON Schema');
  });

  it('with structuredOutput "json_schema" reports the 400 instead of falling back', async () => {
    server.options = { rejectResponseFormat: true };
    const client = createOpenAiClient({
      baseUrl: server.baseUrl,
      model: 'm',
      maxRetries: 0,
      structuredOutput: 'json_schema',
    });
    const error = await client
      .complete({
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0,
        responseSchema: { name: 'ok', schema: z.object({ ok: z.boolean() }) },
      })
      .catch((e: unknown) => e as LitmusError);
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).message).toContain('400');
    expect(server.completions()).toHaveLength(1);
  });

  it('does not switch to text mode for good when the 400 had another cause', async () => {
    server.enqueue(reply.error(400, {}, 'context too long'), reply.error(400, {}, 'context too long'));
    server.setHandler(() => reply.content({ ok: true }));
    const client = createOpenAiClient({ baseUrl: server.baseUrl, model: 'm', maxRetries: 0 });
    const request = {
      messages: [{ role: 'user' as const, content: 'hi' }],
      temperature: 0,
      responseSchema: { name: 'ok', schema: z.object({ ok: z.boolean() }) },
    };
    await expect(client.complete(request)).rejects.toMatchObject({ code: 'E_LLM_HTTP' });
    const response = await client.complete(request);
    expect(response.structured).toBe('json_schema');
    expect(server.completions()[2]!.body.response_format).toBeDefined();
  });

  it('names the model when the server has no such model (404)', async () => {
    server.enqueue(reply.error(404, {}, 'model not found'));
    const client = createOpenAiClient({ baseUrl: server.baseUrl, model: 'nope', maxRetries: 0 });
    const error = await client
      .complete({ messages: [{ role: 'user', content: 'hi' }], temperature: 0 })
      .catch((e: unknown) => e as LitmusError);
    expect((error as LitmusError).code).toBe('E_LLM_NOT_FOUND');
    expect((error as LitmusError).hint).toContain('LITMUS_MODEL');
  });

  it('reports an unreachable server clearly', async () => {
    const { baseUrl } = server;
    await server.close();
    const client = createOpenAiClient({ baseUrl, model: 'm', maxRetries: 0 });
    const error = await client
      .complete({ messages: [{ role: 'user', content: 'hi' }], temperature: 0 })
      .catch((e: unknown) => e as LitmusError);
    expect((error as LitmusError).code).toBe('E_LLM_UNREACHABLE');
    expect((error as LitmusError).message).toContain(baseUrl);
    server = await startFakeOpenAiServer(); // for afterEach
  });
});
