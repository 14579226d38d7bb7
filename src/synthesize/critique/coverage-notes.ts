import type { Facet } from '../facets/facet-roles.ts';
import type { CritiqueNote } from './critique-question.ts';

/**
 * Facets no included paper addresses, once the claims are scored: the answer cannot speak to them,
 * and the report says so before it answers. `coveredBy` maps a facet id to the claims covering it;
 * `mentionedBy` to the included papers whose title or abstract names it.
 */
export function coverageNotes(
  facets: Facet[],
  coveredBy: Map<string, number[]>,
  mentionedBy: Map<string, string[]>,
  papers: number,
): CritiqueNote[] {
  return facets
    .filter((f) => f.required && (coveredBy.get(f.id) ?? []).length === 0)
    .map((f) => {
      const mentioned = mentionedBy.get(f.id) ?? [];
      const where =
        papers === 0
          ? 'no paper was included'
          : mentioned.length > 0
            ? `${mentioned.join(', ')} ${mentioned.length === 1 ? 'names' : 'name'} it in the title or abstract, but no claim drawn from the papers states anything about it`
            : `none of the ${papers} included ${papers === 1 ? 'paper addresses' : 'papers address'} it in a claim, title or abstract`;
      return {
        kind: 'facet_not_addressed' as const,
        facet: f.label,
        note: `No evidence on "${f.label}" (${f.role}): ${where}. The answer cannot say anything about this part of the question.`,
        source: null,
      };
    });
}
