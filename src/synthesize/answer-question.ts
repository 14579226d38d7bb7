import type { Verdict } from '../core/types.ts';
import type { EvidenceGrade, IndependentSupport, ReportAnswer } from '../report/report-model.ts';
import { facetCoverage, type QuestionFacets } from './question-facets.ts';

export interface AssessedClaim {
  n: number;
  text: string;
  paperId: string;
  paperTitle: string;
  verdict: Verdict;
  confidence: number;
  relevance: number;
  /** Other papers and experiments apart from the stating paper ("none": its own word only). */
  independent?: IndependentSupport;
}

export interface SynthesizedAnswer {
  answer: ReportAnswer;
  gaps: string[];
}

/**
 * The embedded synthesis: grade the evidence against the question's facets and say what it shows,
 * quoting claims verbatim (so every figure in the answer comes from a claim it cites). When no paper
 * measures what the question asks, the first sentence says so, then gives the closest evidence and
 * what it lacks.
 */
export function answerQuestion(facets: QuestionFacets, claims: AssessedClaim[]): SynthesizedAnswer {
  const backed = claims
    .filter((c) => c.verdict === 'SUPPORTED' || c.verdict === 'PARTIAL')
    .map((c) => ({ claim: c, coverage: facetCoverage(`${c.text} ${c.paperTitle}`, facets) }))
    .sort(
      (a, b) =>
        b.coverage.covered.length - a.coverage.covered.length ||
        b.claim.relevance * b.claim.confidence - a.claim.relevance * a.claim.confidence,
    );
  const facetCount = facets.entities.length + facets.phrases.length;
  const covering = backed.filter((b) => b.coverage.missing.length === 0 && facetCount > 0);
  // Direct evidence must be independently supported: a claim checked only against the paper that
  // states it is that paper's word (a faithfulness check), however well it matches the question.
  const direct = covering.filter((b) => b.claim.independent === 'corroborated');
  const ownWord = covering.filter((b) => b.claim.independent !== 'corroborated');
  const indirect = backed.filter((b) => b.coverage.covered.length > 0 && b.coverage.missing.length > 0);
  const grade: EvidenceGrade =
    direct.length > 0 ? 'direct' : ownWord.length > 0 || indirect.length > 0 ? 'indirect' : 'none';
  const allFacets = [...facets.entities, ...facets.phrases];
  const uncovered = allFacets.filter((f) => !backed.some((b) => b.coverage.covered.includes(f)));
  const gaps = uncovered.map((f) => `No verified claim in the included papers addresses "${f}".`);
  const refuted = claims.filter((c) => c.verdict === 'REFUTED');
  if (refuted.length > 0)
    gaps.push(
      `Claims [${refuted.map((c) => c.n).join('], [')}] were contradicted by the text they were checked against.`,
    );

  const sentences: string[] = [];
  let cited: AssessedClaim[] = [];
  if (grade === 'direct') {
    cited = direct.slice(0, 3).map((d) => d.claim);
    const papers = new Set(direct.map((d) => d.claim.paperId)).size;
    sentences.push(
      `Direct evidence: the included papers report results on ${listFacets(allFacets)}, and other included papers corroborate ${papers === 1 ? 'them' : 'them independently'}.`,
    );
    sentences.push(...cited.map(describe));
  } else if (ownWord.length > 0) {
    cited = ownWord.slice(0, 3).map((d) => d.claim);
    const papers = [...new Set(ownWord.map((d) => d.claim.paperId))];
    sentences.push(
      papers.length === 1
        ? `A single study addresses the question directly, and its findings rest on its own word: ${papers[0]} reports on ${listFacets(allFacets)}, but no other included paper or experiment run independently supports it.`
        : `${papers.length} included papers address the question directly, each on its own word: no other included paper or experiment run independently supports their findings on ${listFacets(allFacets)}.`,
    );
    sentences.push(...cited.map(describe));
  } else if (grade === 'indirect') {
    const closest = indirect[0]!;
    cited = indirect.slice(0, 3).map((d) => d.claim);
    sentences.push(
      `No included paper directly studies the question as asked: none reports a verified result on ${listFacets(allFacets)} together.`,
    );
    sentences.push(`The closest evidence: ${cited.map(describe).join(' ')}`);
    sentences.push(
      `This evidence is indirect: it covers ${listFacets(closest.coverage.covered)} but not ${listFacets(closest.coverage.missing)}.`,
    );
  } else {
    sentences.push(`No included paper addresses the question: no verified claim concerns ${listFacets(allFacets)}.`);
    const nearest = claims.filter((c) => c.verdict !== 'REFUTED').sort((a, b) => b.relevance - a.relevance)[0];
    if (nearest) {
      cited = [nearest];
      sentences.push(`The nearest claim found is ${describe(nearest)} It is not evidence for the question.`);
    }
  }
  return {
    answer: { summary: sentences.join(' '), evidence_grade: grade, cited_claims: cited.map((c) => c.n) },
    gaps,
  };
}

function describe(claim: AssessedClaim): string {
  const text = /[.!?]$/.test(claim.text) ? claim.text : `${claim.text}.`;
  return `"${text}" [${claim.n}] (${claim.verdict.toLowerCase().replaceAll('_', ' ')}).`;
}

function listFacets(facets: string[]): string {
  const quoted = facets.map((f) => `"${f}"`);
  if (quoted.length <= 1) return quoted[0] ?? 'the question';
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
