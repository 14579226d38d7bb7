import { synonymsOf } from '../core/relevance.ts';
import { phraseHead, type QuestionFacets, questionFacets } from '../core/question-facets.ts';

/**
 * The embedded planner: arXiv queries from the question's facets, with simple synonym expansion.
 * The most specific query (every facet) comes first; broader ones follow so that a question no
 * paper answers directly still finds the closest work.
 */
export function planQueries(question: string, maxQueries = 4): { queries: string[]; facets: QuestionFacets } {
  const facets = questionFacets(question);
  const heads = [...new Set(facets.phrases.map(phraseHead))];
  const phraseTerms = heads.map((head) => orGroup([head, ...synonymsOf(head)]));
  const entityTerms = facets.entities.map((entity) => term(entity));
  const queries: string[] = [];
  const add = (parts: string[]) => {
    const query = parts.filter(Boolean).join(' AND ');
    if (query && !queries.includes(query)) queries.push(query);
  };
  add([...entityTerms, ...phraseTerms]);
  if (phraseTerms.length >= 2) add(phraseTerms);
  for (const phrase of phraseTerms) add([phrase, ...entityTerms.slice(0, 1)]);
  if (entityTerms.length > 0) add(entityTerms);
  return { queries: queries.slice(0, maxQueries), facets };
}

function term(text: string): string {
  const clean = text.replace(/["()]/g, ' ').replace(/\s+/g, ' ').trim();
  return /\s|-/.test(clean) ? `all:"${clean}"` : `all:${clean}`;
}

function orGroup(variants: string[]): string {
  const unique = [...new Set(variants.map((v) => v.toLowerCase()))];
  return unique.length === 1 ? term(unique[0]!) : `(${unique.map(term).join(' OR ')})`;
}

/**
 * What a report and a topic say when the LLM engine's plan was invalid (no usable query after its
 * repair) and the embedded plan above was searched instead: the one fallback every planner caller makes.
 */
export function invalidPlanWarning(model: string | null): string {
  return `The query plan of ${model ?? 'the LLM'} was invalid; the embedded planner's queries were used instead.`;
}
