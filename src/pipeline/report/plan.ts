import { critiqueQuestion, type QuestionCritique } from '../../synthesize/critique/critique-question.ts';
import { questionFacetRoles } from '../../synthesize/facets/facet-roles.ts';
import { invalidPlanWarning, planQueries } from '../../selection/plan-queries.ts';
import type { Engines } from '../engines.ts';
import type { PlanArtifact, ReportOptions } from './report-types.ts';

/**
 * The plan stage: the question read into role facets and checked (the notes the report opens with,
 * written before anything is searched), then the queries given with --query, else the LLM engine's
 * plan, else the embedded planner's. An LLM plan with no valid query gives way to the embedded plan,
 * with a warning that the report shows, rather than a report that searches nothing.
 */
export async function planReport(
  options: Pick<ReportOptions, 'question' | 'queries'>,
  deps: { engines: Pick<Engines, 'planQueries' | 'model' | 'critiqueQuestion'>; warn: (line: string) => void },
): Promise<PlanArtifact> {
  const { question } = options;
  const planned = planQueries(question);
  const roles = questionFacetRoles(question);
  let critique: QuestionCritique = critiqueQuestion(question, roles);
  if (deps.engines.critiqueQuestion) {
    const written = await deps.engines.critiqueQuestion(question, roles, critique);
    if (written.warning) deps.warn(written.warning);
    critique = written.critique;
  }
  const read = { roles, critique };
  if (options.queries?.length)
    return { question, planner: 'given with --query', queries: options.queries, facets: planned.facets, ...read };
  if (deps.engines.planQueries) {
    const queries = await deps.engines.planQueries(question);
    if (queries.length > 0)
      return { question, planner: `llm:${deps.engines.model}`, queries, facets: planned.facets, ...read };
    const warning = invalidPlanWarning(deps.engines.model);
    deps.warn(warning);
    return {
      question,
      planner: 'embedded keyphrases (fallback: invalid LLM plan)',
      queries: planned.queries,
      facets: planned.facets,
      ...read,
      warnings: [warning],
    };
  }
  return { question, planner: 'embedded keyphrases', queries: planned.queries, facets: planned.facets, ...read };
}
