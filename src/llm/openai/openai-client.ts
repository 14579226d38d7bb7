import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { LitmusError } from '../../core/errors.ts';
import { createConcurrencyLimit } from '../concurrency.ts';
import { createBaseUrlFetch, isLoopbackUrl, normalizeBaseUrl } from '../endpoint.ts';
import type { ChatMessage, CompletionRequest, CompletionResponse, LlmClient, StructuredMode } from '../llm-client.ts';

/**
 * The OpenAI-compatible chat completions client (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio),
 * and the only file that imports the `openai` SDK. The SDK retries 429/5xx/connection errors itself,
 * honouring `retry-after-ms` and `Retry-After`; we set `maxRetries`, the timeout, a concurrency limit
 * and a fetch that refuses every URL outside the base URL.
 */
export interface OpenAiClientOptions {
  baseUrl: string;
  apiKey?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
  concurrency?: number;
  /**
   * `auto` (default): send a JSON-schema response_format and, when the server answers 400 to it,
   * describe the schema in the prompt instead for the rest of this client's life.
   * `json_schema`: always send response_format. `text`: never send it.
   */
  structuredOutput?: 'auto' | 'json_schema' | 'text';
  /** The transport under the base-URL guard (tests, proxies); default global fetch. */
  fetch?: typeof fetch;
}

export function createOpenAiClient(options: OpenAiClientOptions): LlmClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const model = options.model?.trim();
  if (!model) {
    throw new LitmusError('E_LLM_NO_MODEL', 'no LLM model is configured', {
      hint: 'set LITMUS_MODEL (e.g. LITMUS_MODEL=gpt-4o-mini) or llm.model in litmus.config.json',
      exitCode: 2,
    });
  }
  const apiKey = options.apiKey?.trim() || undefined;
  if (!apiKey && !isLoopbackUrl(baseUrl)) {
    throw new LitmusError('E_LLM_NO_KEY', `no API key for the LLM server at ${baseUrl}`, {
      hint: 'set OPENAI_API_KEY (or llm.apiKey), or point OPENAI_BASE_URL at a local server such as http://127.0.0.1:11434/v1',
      exitCode: 2,
    });
  }
  const guardedFetch = createBaseUrlFetch(baseUrl, options.fetch ?? fetch);
  // Local servers need no key; the SDK insists on one, so a placeholder goes in and the header comes out.
  const transport: typeof fetch = apiKey
    ? guardedFetch
    : (((input: string | URL | Request, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.delete('authorization');
        return guardedFetch(input, { ...init, headers });
      }) as typeof fetch);
  const sdk = new OpenAI({
    apiKey: apiKey ?? 'no-key',
    baseURL: baseUrl,
    organization: null,
    project: null,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 3,
    fetch: transport,
    // Errors surface as LitmusErrors; the CLI owns stdout/stderr.
    logLevel: 'off',
  });
  const limit = createConcurrencyLimit(options.concurrency ?? 4);
  let mode: 'auto' | 'json_schema' | 'text' = options.structuredOutput ?? 'auto';

  async function send(request: CompletionRequest, structured: StructuredMode): Promise<CompletionResponse> {
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: model!,
      messages: request.messages,
      temperature: request.temperature,
    };
    if (request.n !== undefined && request.n > 1) params.n = request.n;
    if (request.seed !== undefined) params.seed = request.seed;
    if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
    if (request.responseSchema) {
      const format = zodResponseFormat(request.responseSchema.schema, request.responseSchema.name);
      if (structured === 'json_schema') params.response_format = format;
      else params.messages = withSchemaInstruction(request.messages, format.json_schema.schema ?? {});
    }
    const completion = await sdk.chat.completions.create(params);
    const choices = [...completion.choices]
      .sort((a, b) => a.index - b.index)
      .map((choice) => choice.message?.content ?? '');
    return {
      choices,
      usage: {
        promptTokens: completion.usage?.prompt_tokens ?? estimateTokens(params.messages.map(textOf).join('\n')),
        completionTokens: completion.usage?.completion_tokens ?? estimateTokens(choices.join('\n')),
      },
      structured,
    };
  }

  async function complete(request: CompletionRequest): Promise<CompletionResponse> {
    return limit.run(async () => {
      try {
        if (!request.responseSchema) return await send(request, 'none');
        if (mode === 'text') return await send(request, 'text');
        try {
          return await send(request, 'json_schema');
        } catch (error) {
          if (mode === 'auto' && error instanceof BadRequestError) {
            // Remember text mode only once it has worked: a 400 for another reason must not stick.
            const response = await send(request, 'text');
            mode = 'text';
            return response;
          }
          throw error;
        }
      } catch (error) {
        throw toLlmError(error, baseUrl, model!);
      }
    });
  }

  return { name: 'openai-compatible', model, baseUrl, complete };
}

function withSchemaInstruction(messages: ChatMessage[], schema: unknown): ChatMessage[] {
  const instruction =
    'Reply with one JSON object only: no prose, no code fences. It must match this JSON Schema:\n' +
    JSON.stringify(schema);
  const index = messages.findIndex((message) => message.role === 'system');
  if (index === -1) return [{ role: 'system', content: instruction }, ...messages];
  return messages.map((message, i) =>
    i === index ? { ...message, content: `${message.content}\n\n${instruction}` } : message,
  );
}

function textOf(message: { content?: unknown }): string {
  return typeof message.content === 'string' ? message.content : '';
}

/** About four characters per token: only used when a server reports no usage. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** SDK errors become LitmusErrors that name the server and say what to do; keys never appear. */
function toLlmError(error: unknown, baseUrl: string, model: string): LitmusError {
  if (LitmusError.isInstance(error)) return error;
  if (error instanceof APIConnectionError && LitmusError.isInstance(error.cause)) return error.cause;
  if (error instanceof APIConnectionTimeoutError) {
    return new LitmusError('E_LLM_TIMEOUT', `the LLM server at ${baseUrl} did not answer in time`, {
      hint: 'raise llm.timeoutMs, or check the server is not overloaded',
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    return new LitmusError('E_LLM_UNREACHABLE', `cannot reach the LLM server at ${baseUrl}: ${error.message}`, {
      hint: 'check OPENAI_BASE_URL / llm.baseUrl and that the server is running',
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new LitmusError('E_LLM_AUTH', `the LLM server at ${baseUrl} refused the API key (${error.status})`, {
      hint: 'check OPENAI_API_KEY (or llm.apiKey)',
      exitCode: 2,
      cause: error,
    });
  }
  if (error instanceof NotFoundError) {
    return new LitmusError('E_LLM_NOT_FOUND', `the LLM server at ${baseUrl} has no model ${model} (404)`, {
      hint: 'set LITMUS_MODEL to a model the server serves',
      exitCode: 2,
      cause: error,
    });
  }
  if (error instanceof RateLimitError) {
    return new LitmusError('E_LLM_RATE_LIMIT', `the LLM server at ${baseUrl} is still rate limiting after retries`, {
      hint: 'wait and rerun (finished calls are cached), lower llm.concurrency or raise llm.maxRetries',
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = error.status ?? 'no status';
    return new LitmusError('E_LLM_HTTP', `the LLM server at ${baseUrl} answered ${status}: ${error.message}`, {
      hint: 'check the model name and server logs; rerun to resume from the cache',
      retryable: typeof error.status === 'number' && error.status >= 500,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LitmusError('E_LLM', `LLM call to ${baseUrl} failed: ${message}`, { cause: error });
}
