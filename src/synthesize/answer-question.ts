import type { ResultTable } from '../core/tables.ts';
import type { Verdict } from '../core/types.ts';
import type { EvidenceGrade, IndependentSupport, ReportAnswer } from '../report/report-model.ts';
import { evidenceRows, groupFindings, type OutcomeFinding } from './answer/group-findings.ts';
import { countWord, independentGroups } from './answer/independence.ts';
import { tableEvidence } from './answer/table-evidence.ts';
import type { QuestionCritique } from './critique/critique-question.ts';
import type { Facet } from './facets/facet-roles.ts';
import { type ClaimFacetRelevance, scoreClaimFacets } from './facets/score-facets.ts';

export interface AssessedClaim {
  n: number;
  text: string;
  paperId: string;
  paperTitle: string;
  verdict: Verdict;
  confidence: number;
  /** Facet-weighted relevance to the question (see facets/score-facets.ts). */
  relevance: number;
  /** Other papers and experiments apart from the stating paper ("none": its own word only). */
  independent?: IndependentSupport;
}

export interface AnswerPaper {
  id: string;
  title: string;
  authors: string[];
  abstract?: string | null;
  /** Its results tables, read for the evidence row (absent: none stored). */
  tables?: ResultTable[];
}

export interface SynthesisInput {
  facets: Facet[];
  claims: AssessedClaim[];
  papers: AnswerPaper[];
  critique: QuestionCritique;
}

export interface SynthesizedAnswer {
  answer: ReportAnswer;
  gaps: string[];
}

/**
 * The embedded synthesis. It groups the verified findings by outcome (direction and size, the claims
 * and papers behind each, agreement across papers, null and negative results), says what the evidence
 * does not cover, and grades it: "direct" needs claims covering every required facet that are
 * independently supported (another paper or an experiment) or agree across independent papers (no
 * shared authors); a single study is always called one. Figures are copied from the claims it cites.
 */
export function answerQuestion(input: SynthesisInput): SynthesizedAnswer {
  const { facets, claims, critique } = input;
  const titles = new Map(input.papers.map((p) => [p.id, p.title]));
  const scored = new Map<number, ClaimFacetRelevance>(
    claims.map((c) => [c.n, scoreClaimFacets(c.text, titles.get(c.paperId) ?? c.paperTitle, facets)]),
  );
  const backed = claims.filter((c) => c.verdict === 'SUPPORTED' || c.verdict === 'PARTIAL');
  const covering = backed.filter((c) => scored.get(c.n)!.about);
  const partial = backed.filter((c) => !scored.get(c.n)!.about && scored.get(c.n)!.covered.length > 0);
  const outcomeLabels = facets.filter((f) => f.role === 'outcome' || f.role === 'topic').map((f) => f.label);
  // A finding counts toward the answer when its claim, or its paper's title and abstract, covers a facet.
  const paperOnQuestion = new Set(
    input.papers
      .filter((p) => scoreClaimFacets(`${p.title} ${p.abstract ?? ''}`, '', facets).covered.length > 0)
      .map((p) => p.id),
  );
  const { findings, effects } = groupFindings(
    backed.map((c) => ({
      ...c,
      onQuestion: scored.get(c.n)!.covered.length > 0 || paperOnQuestion.has(c.paperId),
    })),
    outcomeLabels,
  );
  const groups = independentGroups(input.papers.filter((p) => claims.some((c) => c.paperId === p.id)));
  const groupOf = (paperId: string) => groups.findIndex((g) => g.includes(paperId));

  const coveringPapers = [...new Set(covering.map((c) => c.paperId))];
  const coveringGroups = new Set(coveringPapers.map(groupOf)).size;
  const corroborated = covering.filter((c) => c.independent === 'corroborated');
  const coveringFindings = findings.filter((f) => f.effects.some((e) => covering.some((c) => c.n === e.claim)));
  const agreeAcrossGroups = coveringGroups >= 2 && !coveringFindings.some((f) => f.agreement === 'disagree');
  const grade: EvidenceGrade =
    corroborated.length > 0 || agreeAcrossGroups
      ? 'direct'
      : covering.length > 0 || partial.length > 0
        ? 'indirect'
        : 'none';
  const evidencePapers = [...new Set((covering.length > 0 ? covering : partial).map((c) => c.paperId))];
  const singleStudy = evidencePapers.length === 1;

  const facetList = listFacets(facets.filter((f) => f.required).map((f) => f.label));
  const sentences: string[] = [];
  const cited = new Set<number>();
  const cite = (ns: number[]) => {
    for (const n of ns) cited.add(n);
    return `[${ns.join(', ')}]`;
  };
  if (grade === 'direct') {
    const basis =
      corroborated.length > 0
        ? 'other included papers or experiment runs independently support them'
        : `${countWord(coveringGroups)} independent groups of authors report them and agree`;
    sentences.push(
      `Direct evidence: the included papers report results on ${facetList}, and ${basis} ${cite(
        (corroborated.length > 0 ? corroborated : covering).slice(0, 3).map((c) => c.n),
      )}.`,
    );
    if (singleStudy)
      sentences.push(`All of it comes from a single study (${evidencePapers[0]}); no second paper reports it.`);
  } else if (covering.length > 0) {
    const ns = covering.slice(0, 3).map((c) => c.n);
    sentences.push(
      singleStudy
        ? `A single study addresses the question directly, and its findings rest on its own word: ${evidencePapers[0]} reports on ${facetList} ${cite(ns)}, but no other included paper or experiment run independently supports it.`
        : `${capitalise(countWord(evidencePapers.length))} included papers address the question directly ${cite(ns)}, each on its own word${coveringGroups < evidencePapers.length ? ', and they share authors, so they are not independent studies' : ''}: no other included paper or experiment run independently supports their findings on ${facetList}.`,
    );
  } else if (grade === 'indirect') {
    const best = partial
      .map((c) => ({ c, s: scored.get(c.n)! }))
      .sort((a, b) => b.s.covered.length - a.s.covered.length || b.c.relevance - a.c.relevance)[0]!;
    const label = (ids: string[]) => listFacets(facets.filter((f) => ids.includes(f.id)).map((f) => f.label));
    sentences.push(
      `No included paper directly studies the question as asked: none reports a verified result on ${facetList} together.`,
    );
    sentences.push(
      `The closest evidence ${cite([best.c.n])} covers ${label(best.s.covered)} but not ${label(best.s.missing)}${singleStudy ? ', and it comes from a single study' : ''}.`,
    );
  } else {
    sentences.push(`No included paper addresses the question: no verified claim concerns ${facetList}.`);
  }

  const shown = (grade === 'none' ? [] : findings).slice(0, 6);
  for (const finding of shown) sentences.push(describeFinding(finding, cite));
  const nulls = shown.flatMap((f) => f.effects.filter((e) => e.direction === 'null' || e.direction === 'negative'));
  if (nulls.length > 0)
    sentences.push(
      `Null or negative results: ${nulls.map((e) => `${e.direction === 'null' ? 'no effect' : 'a loss'} ${cite([e.claim])}`).join(', ')}.`,
    );
  const notCovered = facets.filter((f) => f.required && !backed.some((c) => scored.get(c.n)!.covered.includes(f.id)));
  if (notCovered.length > 0)
    sentences.push(`The included evidence does not cover ${listFacets(notCovered.map((f) => f.label))}.`);
  if (grade === 'none') {
    const nearest = claims.filter((c) => c.verdict !== 'REFUTED').sort((a, b) => b.relevance - a.relevance)[0];
    if (nearest) sentences.push(`The nearest claim found ${cite([nearest.n])} is not evidence for the question.`);
  }

  const gaps = notCovered.map((f) => `No verified claim in the included papers addresses "${f.label}" (${f.role}).`);
  const refuted = claims.filter((c) => c.verdict === 'REFUTED');
  if (refuted.length > 0)
    gaps.push(
      `Claims [${refuted.map((c) => c.n).join('], [')}] were contradicted by the text they were checked against.`,
    );
  const papersWithClaims = input.papers.filter((p) => claims.some((c) => c.paperId === p.id));
  return {
    answer: {
      summary: sentences.join(' '),
      evidence_grade: grade,
      cited_claims: [...cited].sort((a, b) => a - b),
      reading: critique.reading,
      findings: shown,
      evidence_table: evidenceRows(
        papersWithClaims,
        backed.map((c) => ({ ...c, onQuestion: true })),
        effects,
        findings,
        new Map(papersWithClaims.map((p) => [p.id, tableEvidence(p.tables ?? [])])),
      ),
      not_covered: notCovered.map((f) => f.label),
      independent_papers: new Set(evidencePapers.map(groupOf)).size,
      single_study: singleStudy,
    },
    gaps,
  };
}

const DIRECTION_TEXT: Record<OutcomeFinding['direction'] | 'unclear', string> = {
  positive: 'improvements reported',
  negative: 'declines reported',
  null: 'no effect reported',
  mixed: 'mixed results',
  unclear: 'results without a stated direction',
};

function describeFinding(finding: OutcomeFinding, cite: (ns: number[]) => string): string {
  const sizes = finding.effects.filter((e) => e.size).map((e) => `${e.size} ${cite([e.claim])}`);
  const significant = finding.effects.some((e) => e.significant) ? ', stated as significant' : '';
  const who =
    finding.agreement === 'single_paper'
      ? `a single study, ${finding.papers[0]}`
      : finding.agreement === 'agree'
        ? `${countWord(finding.papers.length)} papers agree`
        : `the papers disagree: ${finding.papers
            .map((p) => {
              const mine = finding.effects.filter((e) => e.paper_id === p);
              return `${p} reports ${[...new Set(mine.map((e) => DIRECTION_TEXT[e.direction].replace(' reported', '')))].join(' and ')} ${cite(mine.map((e) => e.claim))}`;
            })
            .join('; ')}`;
  const claims = finding.agreement === 'disagree' ? '' : ` ${cite(finding.effects.map((e) => e.claim))}`;
  return `On ${finding.outcome}: ${DIRECTION_TEXT[finding.direction]}${significant} (${who})${claims}${sizes.length > 0 ? `; sizes as stated: ${sizes.join(', ')}` : ''}.`;
}

function listFacets(labels: string[]): string {
  const quoted = labels.map((f) => `"${f}"`);
  if (quoted.length <= 1) return quoted[0] ?? 'the question';
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
