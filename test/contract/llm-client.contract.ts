import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LitmusError } from '../../src/core/errors.ts';
import type { LlmClient } from '../../src/llm/llm-client.ts';
import { type FakeOpenAiServer, reply, startFakeOpenAiServer } from '../support/fake-openai-server.ts';

/**
 * The suite every LlmClient implementation passes, run against the loopback fake server.
 * `make` builds a client pointed at `server.baseUrl`.
 */
export interface LlmClientContractOptions {
  apiKey?: string;
  maxRetries?: number;
  timeoutMs?: number;
  concurrency?: number;
}

export type MakeLlmClient = (server: FakeOpenAiServer, options?: LlmClientContractOptions) => LlmClient;

const Answer = z.object({ verdict: z.enum(['SUPPORTED', 'REFUTED']), note: z.string() });
const messages = [
  { role: 'system' as const, content: 'You answer in JSON.' },
  { role: 'user' as const, content: 'Is the sky blue?' },
];

async function rejection(promise: Promise<unknown>): Promise<LitmusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(LitmusError.isInstance(error), `expected a LitmusError, got ${String(error)}`).toBe(true);
  return error as LitmusError;
}

export function describeLlmClientContract(name: string, make: MakeLlmClient): void {
  describe(`LlmClient contract: ${name}`, () => {
    let server: FakeOpenAiServer;
    beforeEach(async () => {
      server = await startFakeOpenAiServer();
    });
    afterEach(async () => {
      await server.close();
    });

    it('returns each choice text and the token usage, and sends model, messages and temperature', async () => {
      server.enqueue({ kind: 'content', choices: ['blue'], usage: { prompt_tokens: 12, completion_tokens: 3 } });
      const client = make(server, { apiKey: 'sk-test' });
      const response = await client.complete({ messages, temperature: 0.25 });
      expect(response.choices).toEqual(['blue']);
      expect(response.usage).toEqual({ promptTokens: 12, completionTokens: 3 });
      const [request] = server.completions();
      expect(request!.path).toBe('/v1/chat/completions');
      expect(request!.body.model).toBe(client.model);
      expect(request!.body.messages).toEqual(messages);
      expect(request!.body.temperature).toBe(0.25);
    });

    it('sends n, seed and max_tokens and returns every choice in order', async () => {
      server.enqueue(reply.content('one', 'two', 'three'));
      const client = make(server, { apiKey: 'sk-test' });
      const response = await client.complete({ messages, temperature: 0.7, n: 3, seed: 42, maxTokens: 50 });
      expect(response.choices).toEqual(['one', 'two', 'three']);
      const body = server.completions()[0]!.body;
      expect(body.n).toBe(3);
      expect(body.seed).toBe(42);
      expect(body.max_tokens).toBe(50);
    });

    it('asks for a JSON-schema response format when given a schema', async () => {
      server.enqueue(reply.content({ verdict: 'SUPPORTED', note: 'ok' }));
      const client = make(server, { apiKey: 'sk-test' });
      const response = await client.complete({
        messages,
        temperature: 0,
        responseSchema: { name: 'answer', schema: Answer },
      });
      expect(JSON.parse(response.choices[0]!)).toEqual({ verdict: 'SUPPORTED', note: 'ok' });
      expect(response.structured).toBe('json_schema');
      const format = server.completions()[0]!.body.response_format;
      expect(format.type).toBe('json_schema');
      expect(format.json_schema.name).toBe('answer');
      expect(format.json_schema.schema.properties.verdict.enum).toEqual(['SUPPORTED', 'REFUTED']);
    });

    it('falls back to JSON described in the prompt when the server rejects response_format with 400', async () => {
      server.options = { rejectResponseFormat: true };
      server.setHandler(() => reply.content({ verdict: 'REFUTED', note: 'text mode' }));
      const client = make(server, { apiKey: 'sk-test' });
      const request = { messages, temperature: 0, responseSchema: { name: 'answer', schema: Answer } };
      const first = await client.complete(request);
      expect(first.structured).toBe('text');
      expect(JSON.parse(first.choices[0]!).note).toBe('text mode');
      const [rejected, retried] = server.completions();
      expect(rejected!.body.response_format).toBeDefined();
      expect(retried!.body.response_format).toBeUndefined();
      const system = retried!.body.messages.find((m: { role: string }) => m.role === 'system').content as string;
      expect(system).toContain('You answer in JSON.');
      expect(system).toContain('"verdict"');
      // Remembered: the next call goes straight to text mode.
      await client.complete(request);
      expect(server.completions()).toHaveLength(3);
      expect(server.completions()[2]!.body.response_format).toBeUndefined();
    });

    it('retries a 429, honouring retry-after-ms', async () => {
      server.enqueue(reply.error(429, { 'retry-after-ms': '300' }), reply.content('after the wait'));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 2 });
      const started = Date.now();
      const response = await client.complete({ messages, temperature: 0 });
      expect(response.choices).toEqual(['after the wait']);
      expect(server.completions()).toHaveLength(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('retries a 429 with Retry-After in seconds, and a 503', async () => {
      server.enqueue(reply.error(429, { 'retry-after': '0' }), reply.error(503), reply.content('third time'));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 3 });
      const response = await client.complete({ messages, temperature: 0 });
      expect(response.choices).toEqual(['third time']);
      expect(server.completions()).toHaveLength(3);
    });

    it('gives up after maxRetries with a retryable LitmusError', async () => {
      server.setHandler(() => reply.error(429, { 'retry-after-ms': '10' }));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 1 });
      const error = await rejection(client.complete({ messages, temperature: 0 }));
      expect(error.code).toBe('E_LLM_RATE_LIMIT');
      expect(error.retryable).toBe(true);
      expect(server.completions()).toHaveLength(2);
    });

    it('does not retry a 400 without response_format and reports it', async () => {
      server.setHandler(() => reply.error(400, {}, 'bad temperature'));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 3 });
      const error = await rejection(client.complete({ messages, temperature: 0 }));
      expect(error.message).toContain('400');
      expect(server.completions()).toHaveLength(1);
    });

    it('reports a body that is not JSON as a LitmusError, not a crash', async () => {
      server.setHandler(() => reply.raw(200, '<html>proxy error</html>'));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 0 });
      await rejection(client.complete({ messages, temperature: 0 }));
    });

    it('times out with a retryable LitmusError', async () => {
      server.setHandler(() => reply.delay(2_000, reply.content('too late')));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 0, timeoutMs: 200 });
      const error = await rejection(client.complete({ messages, temperature: 0 }));
      expect(error.code).toBe('E_LLM_TIMEOUT');
      expect(error.retryable).toBe(true);
    });

    it('sends the key as a bearer token and never puts it in an error', async () => {
      server.enqueue(reply.content('ok'), reply.error(401, {}, 'invalid key'));
      const client = make(server, { apiKey: 'sk-secret-123', maxRetries: 0 });
      await client.complete({ messages, temperature: 0 });
      expect(server.completions()[0]!.headers.authorization).toBe('Bearer sk-secret-123');
      const error = await rejection(client.complete({ messages, temperature: 0 }));
      expect(error.code).toBe('E_LLM_AUTH');
      expect(error.toLine()).not.toContain('sk-secret-123');
    });

    it('needs no key for a loopback server and then sends no Authorization header', async () => {
      server.enqueue(reply.content('local'));
      const client = make(server, {});
      expect((await client.complete({ messages, temperature: 0 })).choices).toEqual(['local']);
      expect(server.completions()[0]!.headers.authorization).toBeUndefined();
    });

    it('keeps at most `concurrency` requests in flight', async () => {
      server.setHandler(() => reply.delay(80, reply.content('slow')));
      const client = make(server, { apiKey: 'sk-test', concurrency: 2 });
      await Promise.all(Array.from({ length: 6 }, () => client.complete({ messages, temperature: 0 })));
      expect(server.completions()).toHaveLength(6);
      expect(server.stats.maxInFlight).toBe(2);
    });

    it('sends requests only under the base URL and does not follow a redirect elsewhere', async () => {
      server.enqueue(reply.error(307, { location: `${server.origin}/elsewhere/v1/chat/completions` }));
      const client = make(server, { apiKey: 'sk-test', maxRetries: 0 });
      await rejection(client.complete({ messages, temperature: 0 }));
      expect(client.baseUrl).toBe(server.baseUrl);
      expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
    });
  });
}
