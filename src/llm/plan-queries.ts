import type { Warning } from '../core/types.ts';
import type { LlmCaller } from './llm-caller.ts';
import type { Prompt } from './prompts.ts';
import { PlanQueriesOutput } from './schemas.ts';
import { completeStructured } from './structured.ts';

/**
 * Research question → arXiv `search_query` strings, with the `plan-queries` prompt. Invalid output
 * (after the one repair) gives no queries and a warning; callers then fall back to the embedded plan
 * (`pipeline/report/run-report.ts` for reports, shown in the report's limitations; topic refreshes).
 */
export interface LlmQueryPlan {
  queries: string[];
  warnings: Warning[];
}

export async function planQueriesWithLlm(
  deps: { caller: LlmCaller; prompt: Prompt },
  question: string,
  options: { categories?: string[]; maxQueries?: number } = {},
): Promise<LlmQueryPlan> {
  const result = await completeStructured(deps.caller, {
    prompt: deps.prompt,
    values: { question: question.trim(), categories: (options.categories ?? []).join(', ') || '(none)' },
    schema: PlanQueriesOutput,
    temperature: 0,
  });
  const [choice] = result.choices;
  if (!choice?.ok) return { queries: [], warnings: result.warnings };
  const seen = new Set<string>();
  const queries = choice.value.queries
    .map((entry) => entry.query.replace(/\s+/g, ' ').trim())
    .filter((query) => query.length > 0 && query.length <= 500 && !seen.has(query) && seen.add(query));
  return { queries: queries.slice(0, options.maxQueries ?? 6), warnings: result.warnings };
}
