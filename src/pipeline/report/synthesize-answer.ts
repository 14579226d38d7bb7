import type { Paper } from '../../core/types.ts';
import { independentSupport } from '../../report/report-model.ts';
import { answerQuestion } from '../../synthesize/answer-question.ts';
import type { Engines } from '../engines.ts';
import type { AssessArtifact, PlanArtifact, SynthesizeArtifact } from './report-types.ts';

/** The synthesize stage: the graded answer (written by the LLM engine when it writes), gaps and contradictions. */
export async function synthesizeAnswer(
  question: string,
  plan: PlanArtifact,
  assess: AssessArtifact,
  papers: Paper[],
  deps: { engines: Pick<Engines, 'answerQuestion'>; warn: (line: string) => void },
  /** Papers whose claims may not support the answer (retracted, withdrawn, not English), by id. */
  excluded: ReadonlyMap<string, string> = new Map(),
): Promise<SynthesizeArtifact> {
  const titles = new Map(papers.map((p) => [p.id, p.title]));
  const kept = (ids: string[]) => ids.filter((id) => !excluded.has(id));
  const candidates = assess.claims.map((c, index) => ({
    n: index + 1,
    text: c.text,
    paperId: c.paper_id,
    paperTitle: titles.get(c.paper_id) ?? c.paper_id,
    verdict: c.verdict,
    confidence: c.confidence,
    relevance: c.relevance,
    independent: independentSupport(kept(c.corroborating), kept(c.contradicting), c.experiment),
  }));
  const numbered = candidates.filter((c) => !excluded.has(c.paperId));
  let { answer, gaps } = answerQuestion(plan.facets, numbered);
  if (deps.engines.answerQuestion) {
    const written = await deps.engines.answerQuestion(question, numbered, { answer, gaps });
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
  return { ...answer, gaps, contradictions };
}
