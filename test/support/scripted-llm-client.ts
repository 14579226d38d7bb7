import type { CompletionRequest, CompletionResponse, LlmClient } from '../../src/llm/llm-client.ts';

/**
 * An in-memory LlmClient for unit tests: `respond` returns the choices (strings, or objects sent as
 * JSON) for each request; every request is logged. Usage is 100 prompt + 10 completion tokens per
 * choice unless `usage` says otherwise.
 */
export type Respond = (request: CompletionRequest, index: number) => (string | object)[] | string | object;

export interface ScriptedLlmClient extends LlmClient {
  requests: CompletionRequest[];
}

export function createScriptedClient(
  respond: Respond,
  options: { model?: string; usage?: { promptTokens: number; completionTokens: number } } = {},
): ScriptedLlmClient {
  const requests: CompletionRequest[] = [];
  return {
    name: 'scripted',
    model: options.model ?? 'scripted-model',
    baseUrl: 'http://127.0.0.1:1/v1',
    requests,
    async complete(request: CompletionRequest): Promise<CompletionResponse> {
      requests.push(structuredClone({ ...request, responseSchema: undefined }));
      const answer = respond(request, requests.length - 1);
      const list = Array.isArray(answer) ? answer : [answer];
      const choices = list.map((choice) => (typeof choice === 'string' ? choice : JSON.stringify(choice)));
      return {
        choices,
        usage: options.usage ?? { promptTokens: 100, completionTokens: 10 * choices.length },
        structured: request.responseSchema ? 'json_schema' : 'none',
      };
    },
  };
}

/** The user message of a request, where prompts put the fenced data. */
export function userMessage(request: CompletionRequest): string {
  return request.messages.find((message) => message.role === 'user')?.content ?? '';
}

/** The text inside fence number `label` (e.g. "passage 2") of a rendered request. */
export function fencedText(request: CompletionRequest, label: string): string | undefined {
  const all = request.messages.map((message) => message.content).join('\n');
  const pattern = new RegExp(`<<<PAPER_TEXT ${label}(?= )[^\\n]*nonce=(\\w+)>>>\\n([\\s\\S]*?)\\n<<<END nonce=\\1>>>`);
  return pattern.exec(all)?.[2];
}
