import type { Paper } from '../../core/types.ts';
import { independentSupport } from '../../report/report-model.ts';
import { answerQuestion } from '../../synthesize/answer-question.ts';
import { coverageNotes } from '../../synthesize/critique/coverage-notes.ts';
import { critiqueQuestion } from '../../synthesize/critique/critique-question.ts';
import { questionFacetRoles } from '../../synthesize/facets/facet-roles.ts';
import { facetScore, scoreClaimFacets } from '../../synthesize/facets/score-facets.ts';
import type { Store } from '../../store/store.ts';
import type { Engines } from '../engines.ts';
import type { AssessArtifact, PlanArtifact, SynthesizeArtifact } from './report-types.ts';

/**
 * The synthesize stage: each claim's relevance scored against the facets the plan read, the plan's
 * notes on the question with those no claim covers, then the graded answer (written by the LLM
 * engine when it writes), gaps and contradictions.
 */
export async function synthesizeAnswer(
  question: string,
  plan: PlanArtifact,
  assess: AssessArtifact,
  papers: Paper[],
  deps: {
    engines: Pick<Engines, 'answerQuestion'>;
    warn: (line: string) => void;
    /** Where the papers' results tables are read from, for the evidence rows. */
    store?: Store;
  },
  /** Papers whose claims may not support the answer (retracted, withdrawn, not English), by id. */
  excluded: ReadonlyMap<string, string> = new Map(),
): Promise<SynthesizeArtifact> {
  // The plan read and checked the question before searching; older stage files did not, so read it here.
  const facets = plan.roles ?? questionFacetRoles(question);
  const titles = new Map(papers.map((p) => [p.id, p.title]));
  const kept = (ids: string[]) => ids.filter((id) => !excluded.has(id));
  const numbered = assess.claims.map((c, index) => {
    const scored = scoreClaimFacets(c.text, titles.get(c.paper_id) ?? '', facets);
    return {
      claim: {
        n: index + 1,
        text: c.text,
        paperId: c.paper_id,
        paperTitle: titles.get(c.paper_id) ?? c.paper_id,
        verdict: c.verdict,
        confidence: c.confidence,
        relevance: scored.relevance,
        independent: independentSupport(kept(c.corroborating), kept(c.contradicting), c.experiment),
      },
      scored,
    };
  });
  // Claims of excluded papers keep their facet scores (the report lists them) but support no answer.
  const claims = numbered.map((x) => x.claim).filter((c) => !excluded.has(c.paperId));
  const critique = plan.critique ?? critiqueQuestion(question, facets);
  const coveredBy = new Map(
    facets.map((f) => [f.id, numbered.filter((x) => x.scored.covered.includes(f.id)).map((x) => x.claim.n)]),
  );
  const mentionedBy = new Map(
    facets.map((f) => [
      f.id,
      papers.filter((p) => facetScore(`${p.title} ${p.abstract ?? ''}`, f) >= 0.6).map((p) => p.id),
    ]),
  );
  const notes = [...critique.notes, ...coverageNotes(facets, coveredBy, mentionedBy, papers.length)];
  const input = {
    facets,
    claims,
    papers: await Promise.all(
      papers
        .filter((p) => !excluded.has(p.id))
        .map(async (p) => ({
          id: p.id,
          title: p.title,
          authors: p.authors.map((a) => a.name),
          abstract: p.abstract,
          tables: deps.store ? await deps.store.tables.list(p.id) : [],
        })),
    ),
    critique: { ...critique, notes },
  };
  let { answer, gaps } = answerQuestion(input);
  if (deps.engines.answerQuestion) {
    const written = await deps.engines.answerQuestion(question, claims, { answer, gaps });
    if (written.warning) deps.warn(written.warning);
    ({ answer, gaps } = written.answer);
  }
  const contradictions = assess.claims.flatMap((c, index) => [
    ...(c.verdict === 'REFUTED'
      ? [
          {
            claim: index + 1,
            paper_id: c.paper_id,
            detail: c.numeric.length
              ? c.numeric.map((n) => `claimed ${n.claimed}, paper says ${n.found}`).join('; ')
              : c.rationale,
          },
        ]
      : []),
    ...c.contradicting.map((paperId) => ({
      claim: index + 1,
      paper_id: paperId,
      detail: `${paperId} contradicts this claim`,
    })),
  ]);
  return {
    ...answer,
    gaps,
    contradictions,
    question_notes: notes,
    facets: facets.map((f) => ({ ...f, covered_by: coveredBy.get(f.id) ?? [] })),
    claim_facets: numbered.map((x) => ({
      claim: x.claim.n,
      relevance: x.scored.relevance,
      facets: x.scored.covered,
      about_question: x.scored.about,
    })),
  };
}
