import { z } from 'zod';
import type { Warning } from '../core/types.ts';
import type { LlmCaller } from './llm-caller.ts';
import type { ChatMessage } from './llm-client.ts';
import { type Prompt, type PromptValues, renderPrompt } from './prompts.ts';

/**
 * Structured output: ask for JSON matching a zod schema, validate every choice, and give each
 * invalid choice exactly one repair round (the invalid reply and the errors go back, asking for
 * corrected JSON). What is still invalid comes back as `{ ok: false }` — never a throw, never a guess.
 * `check` adds problems the schema cannot express (a truncated claim…): they trigger the same single
 * repair, and whatever remains is returned with the value for the caller to act on.
 */
export interface StructuredRequest<T> {
  prompt: Prompt;
  values: PromptValues;
  schema: z.ZodType<T>;
  /** Name sent with the JSON schema; default the prompt's `output`. */
  schemaName?: string;
  temperature: number;
  /** Choices wanted (k sampled answers). Asked for with `n`; topped up with single calls on new seeds. */
  samples?: number;
  /** Base seed; default 1 so identical inputs make identical, cacheable requests. */
  seed?: number;
  maxTokens?: number;
  check?: (value: T) => string[];
}

export type StructuredChoice<T> =
  | { ok: true; value: T; repaired: boolean; problems: string[] }
  | { ok: false; error: string };

export interface StructuredResult<T> {
  choices: StructuredChoice<T>[];
  warnings: Warning[];
}

export const MODEL_OUTPUT_INVALID = 'model output invalid';

export async function completeStructured<T>(
  caller: LlmCaller,
  request: StructuredRequest<T>,
): Promise<StructuredResult<T>> {
  const messages = renderPrompt(request.prompt, request.values);
  const responseSchema = {
    name: request.schemaName ?? request.prompt.output ?? request.prompt.id,
    schema: request.schema,
  };
  const samples = request.samples ?? 1;
  const seed = request.seed ?? 1;
  const base = {
    prompt: request.prompt,
    responseSchema,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
  };

  const first = await caller.call({ ...base, messages, n: samples, seed });
  const raws = first.choices.length > 0 ? first.choices.slice(0, samples) : [''];
  while (raws.length < samples) {
    const more = await caller.call({ ...base, messages, n: 1, seed: seed + raws.length });
    raws.push(more.choices[0] ?? '');
  }

  const warnings: Warning[] = [];
  const choices: StructuredChoice<T>[] = [];
  for (const [index, raw] of raws.entries()) {
    const checked = validate(raw, request.schema, request.check);
    if (checked.ok && checked.problems.length === 0) {
      choices.push({ ok: true, value: checked.value, repaired: false, problems: [] });
      continue;
    }
    const problems = checked.ok ? checked.problems : [checked.error];
    const repairMessages: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: raw },
      { role: 'user', content: repairInstruction(problems) },
    ];
    const repairedRaw = (
      await caller.call({ ...base, messages: repairMessages, temperature: 0, n: 1, seed: seed + index })
    ).choices[0];
    const repaired = validate(repairedRaw ?? '', request.schema, request.check);
    const where = `${request.prompt.id}${samples > 1 ? ` (sample ${index + 1})` : ''}`;
    if (repaired.ok) {
      warnings.push({ code: 'W_LLM_REPAIRED', message: `${where}: output repaired after: ${summarize(problems)}` });
      choices.push({ ok: true, value: repaired.value, repaired: true, problems: repaired.problems });
    } else if (checked.ok) {
      // The first answer was valid JSON with content problems; the repair broke it. Keep the first.
      choices.push({ ok: true, value: checked.value, repaired: false, problems: checked.problems });
    } else {
      warnings.push({
        code: 'W_LLM_INVALID_OUTPUT',
        message: `${where}: ${MODEL_OUTPUT_INVALID} after one repair: ${summarize([repaired.error])}`,
      });
      choices.push({ ok: false, error: `${MODEL_OUTPUT_INVALID}: ${repaired.error}` });
    }
  }
  return { choices, warnings };
}

type Validation<T> = { ok: true; value: T; problems: string[] } | { ok: false; error: string };

export function validate<T>(raw: string, schema: z.ZodType<T>, check?: (value: T) => string[]): Validation<T> {
  const json = parseJsonReply(raw);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: `does not match the schema: ${z.prettifyError(parsed.error)}` };
  return { ok: true, value: parsed.data, problems: check ? check(parsed.data) : [] };
}

/** JSON from a reply: bare, inside a ``` fence, or the outermost {...} amid prose. */
export function parseJsonReply(raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'the reply is empty' };
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i.exec(text);
  const candidates = [fenced ? fenced[1]! : text];
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start !== -1 && end > start) candidates.push(text.slice(start, end + 1));
  let lastError = '';
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  return { ok: false, error: `not valid JSON: ${lastError}` };
}

function repairInstruction(problems: string[]): string {
  return [
    'Your previous reply cannot be used. Problems:',
    ...problems.map((problem) => `- ${problem}`),
    'Reply again with the complete corrected JSON object only, following the same instructions and schema.',
  ].join('\n');
}

function summarize(problems: string[]): string {
  const text = problems.join('; ').replace(/\s+/g, ' ');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
