import type { Paper } from '../../core/types.ts';
import { independentSupport, type ReportModel, type ReportPaper } from '../../report/report-model.ts';
import type { Engines } from '../engines.ts';
import type {
  AssessArtifact,
  IdentifyArtifact,
  PlanArtifact,
  ReportOptions,
  RetrieveArtifact,
  ScreenArtifact,
  SynthesizeArtifact,
} from './report-types.ts';

export interface BuildModelInput {
  options: ReportOptions;
  plan: PlanArtifact;
  identify: IdentifyArtifact;
  screen: ScreenArtifact;
  retrieve: RetrieveArtifact;
  assess: AssessArtifact;
  synthesize: SynthesizeArtifact;
  papers: Paper[]; // the retrieved (included) papers, in report order
  engines: Pick<Engines, 'kind' | 'model' | 'prompts' | 'calibration' | 'confidenceCutoff'>;
  generatedAt: string;
  litmusVersion: string;
  arxivBase: string;
  runId: number | null;
  offline: boolean;
}

/** Assembles the report model from the stages' outputs. Counts are derived, never typed in. */
export function buildReportModel(input: BuildModelInput): ReportModel {
  const { identify, screen, retrieve, assess, synthesize } = input;
  const excluded = screen.decisions.filter((d) => !d.included);
  const claimNumbers = new Map(assess.claims.map((c, index) => [c.claim_id, index + 1]));
  // A synthesize stage file from before facets existed has none: its claims keep their extraction relevance.
  const claimFacets = new Map((synthesize.claim_facets ?? []).map((f) => [f.claim, f]));
  const papers = assignCiteKeys(input.papers.map((p) => toReportPaper(p, input.arxivBase)));
  const limitations = [
    input.engines.kind === 'embedded'
      ? 'Claims were extracted by rules and verified by the embedded model (logistic regression over lexical, entity, number and negation features), not by a language model; paraphrases it cannot match lexically come out as NOT_ENOUGH_INFO.'
      : `Claims were extracted and verified by ${input.engines.model}; its verdicts keep only quotes found verbatim in the papers.`,
    ...retrieve.unavailable.map((u) => `Full text of ${u.id} ("${u.title}") could not be retrieved: ${u.reason}`),
    ...identify.per_query.filter((q) => q.error).map((q) => `The search "${q.query}" failed: ${q.error}`),
    ...identify.unresolved.map((u) => `--paper ${u.input} could not be resolved: ${u.reason}`),
    ...(assess.unverified > 0 ? [`${assess.unverified} claim(s) could not be verified (see their rows).`] : []),
    ...(input.offline ? ['The run was offline: only cached searches and stored papers were used.'] : []),
    `Screening used title and abstract relevance only; ${excluded.length} record(s) were excluded at that stage.`,
  ];
  return {
    title: `Literature report: ${input.options.question}`,
    question: input.options.question,
    generated_at: input.generatedAt,
    engine: input.engines.kind,
    model: input.engines.model,
    question_notes: synthesize.question_notes ?? [],
    facets: synthesize.facets ?? [],
    answer: reportAnswer(synthesize),
    method: {
      queries: input.plan.queries,
      sources: [
        'arXiv',
        ...(input.options.papers?.length ? [input.options.pinnedReason ?? 'papers given with --paper'] : []),
      ],
      max_papers: input.options.maxPapers,
      threshold: input.options.threshold,
      exclusions: [
        ...identify.duplicates.map((d) => ({
          id: d.id,
          title: d.title,
          stage: 'duplicate' as const,
          reason: d.reason,
        })),
        ...excluded.map((d) => ({ id: d.id, title: d.title, stage: 'screening' as const, reason: d.reason })),
        ...retrieve.unavailable.map((u) => ({
          id: u.id,
          title: u.title,
          stage: 'full_text' as const,
          reason: u.reason,
        })),
      ],
    },
    counts: {
      identified: identify.records.length + identify.duplicates.length,
      duplicates: identify.duplicates.length,
      screened: identify.records.length,
      excluded: excluded.length,
      full_text_unavailable: retrieve.unavailable.length,
      included: retrieve.retrieved.length,
    },
    papers,
    claims: assess.claims.map((c) => ({
      n: claimNumbers.get(c.claim_id)!,
      text: c.text,
      paper_id: c.paper_id,
      location: c.location,
      verdict: c.verdict,
      confidence: round(c.confidence),
      // Relevance scored facet by facet at synthesis (extraction's lexical score only ranked candidates).
      relevance: round(claimFacets.get(claimNumbers.get(c.claim_id)!)?.relevance ?? c.relevance),
      facets: claimFacets.get(claimNumbers.get(c.claim_id)!)?.facets ?? [],
      about_question: claimFacets.get(claimNumbers.get(c.claim_id)!)?.about_question ?? false,
      evidence: c.evidence,
      corroborating: c.corroborating,
      contradicting: c.contradicting,
      numeric: c.numeric,
      experiment: c.experiment,
      unverified_reason: c.unverified_reason,
      independent_support: independentSupport(c.corroborating, c.contradicting, c.experiment),
      low_confidence: c.confidence < input.engines.confidenceCutoff(c.calibration ?? null),
      calibration: c.calibration ?? null,
      checks: c.checks ?? [],
    })),
    other_claims_count: assess.other_claims_count,
    contradictions: synthesize.contradictions,
    gaps: synthesize.gaps,
    limitations,
    calibration: input.engines.calibration,
    provenance: {
      litmus_version: input.litmusVersion,
      engine: input.engines.kind,
      model: input.engines.model,
      prompts: input.engines.prompts,
      corpus_snapshot: assess.corpus_snapshot,
      run_id: input.runId,
    },
  };
}

/** The answer part of the synthesize stage's output. */
function reportAnswer(synthesize: SynthesizeArtifact): ReportModel['answer'] {
  return {
    summary: synthesize.summary,
    evidence_grade: synthesize.evidence_grade,
    cited_claims: synthesize.cited_claims,
    reading: synthesize.reading ?? '',
    findings: synthesize.findings ?? [],
    evidence_table: synthesize.evidence_table ?? [],
    not_covered: synthesize.not_covered ?? [],
    independent_papers: synthesize.independent_papers ?? 0,
    single_study: synthesize.single_study ?? false,
  };
}

function toReportPaper(paper: Paper, arxivBase: string): Omit<ReportPaper, 'cite_key'> {
  const year = paper.published ? Number(paper.published.slice(0, 4)) : null;
  const arxivId = paper.source === 'arxiv' ? `${paper.externalId}${paper.version ? `v${paper.version}` : ''}` : null;
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    authors: paper.authors.map((a) => a.name),
    year: Number.isFinite(year) ? year : null,
    url: paper.url ?? (arxivId ? `${arxivBase.replace(/\/+$/, '')}/abs/${arxivId}` : null),
    arxiv_id: arxivId,
    doi: paper.doi ?? null,
  };
}

function assignCiteKeys(papers: Omit<ReportPaper, 'cite_key'>[]): ReportPaper[] {
  const used = new Set<string>();
  return papers.map((paper) => {
    const surname =
      (paper.authors[0]?.split(/\s+/).at(-1) ?? 'anon')
        .normalize('NFKD')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase() || 'anon';
    const word = paper.title.toLowerCase().match(/[a-z]{4,}/)?.[0] ?? 'paper';
    const base = `${surname}${paper.year ?? 'nd'}${word}`;
    let key = base;
    for (let n = 2; used.has(key); n += 1) key = `${base}${n}`;
    used.add(key);
    return { ...paper, cite_key: key };
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
