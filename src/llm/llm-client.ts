import type { z } from 'zod';

/**
 * The spec every LLM client implements (today: the OpenAI-compatible chat completions client in
 * `openai/`). A client sends one request and returns the raw text of each choice; parsing,
 * validation, repair, caching and cost live above it, so a client stays small and swappable.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A zod schema and its name, sent as a JSON-schema response format where the server supports it. */
export interface ResponseSchema {
  name: string;
  schema: z.ZodType;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  responseSchema?: ResponseSchema;
  temperature: number;
  /** Choices wanted from one request; servers that ignore `n` return fewer (callers top up). */
  n?: number;
  seed?: number;
  maxTokens?: number;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * How the answer was asked for: `json_schema` (response_format honoured), `text` (schema described
 * in the prompt because the server rejected or is configured without response_format), or `none`.
 */
export type StructuredMode = 'json_schema' | 'text' | 'none';

export interface CompletionResponse {
  /** Raw text of each choice, in order; an empty string when the model returned no content. */
  choices: string[];
  usage: TokenUsage;
  structured: StructuredMode;
}

export interface LlmClient {
  /** "openai-compatible" … */
  readonly name: string;
  readonly model: string;
  /** Every request goes to this base URL and nowhere else. */
  readonly baseUrl: string;
  complete(request: CompletionRequest): Promise<CompletionResponse>;
}
