import type { Config } from '../config/schema.ts';
import type { Generate } from '../experiments/humaneval/generate.ts';
import { requireLlmEngine } from '../llm/create-engine.ts';
import { renderPrompt } from '../llm/prompts.ts';
import type { Store } from '../store/store.ts';
import { createStoreLlmCache } from '../store/store-llm-cache.ts';

/**
 * `experiment humaneval-x --generate`: completions from the configured LLM, cached like every call.
 * The k-th request for the same problem carries seed k, so n samples are n distinct cached calls and
 * a rerun reproduces the same set.
 */
export function createCodeGenerator(config: Config, store: Store) {
  return (model: string, options: { temperature: number }): Generate => {
    const engine = requireLlmEngine(
      { ...config, llm: { ...config.llm, model } },
      { cache: createStoreLlmCache(store) },
    );
    const prompt = engine.prompt('complete-code');
    const calls = new Map<string, number>();
    return async (problemPrompt: string) => {
      const seed = calls.get(problemPrompt) ?? 0;
      calls.set(problemPrompt, seed + 1);
      const result = await engine.caller.call({
        prompt,
        messages: renderPrompt(prompt, { prompt: problemPrompt }),
        temperature: options.temperature,
        seed,
        maxTokens: 768,
      });
      return cleanCompletion(result.choices[0] ?? '', problemPrompt);
    };
  };
}

/** Strips Markdown fences and a repeated prompt, which chat models add despite being asked not to. */
export function cleanCompletion(text: string, problemPrompt: string): string {
  let code = text.replace(/^\s*```[a-zA-Z+]*\s*\n/, '').replace(/\n```\s*$/, '');
  const trimmedPrompt = problemPrompt.trimEnd();
  if (code.trimStart().startsWith(trimmedPrompt)) code = code.trimStart().slice(trimmedPrompt.length);
  return code;
}
