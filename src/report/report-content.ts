import { VERDICTS, type Verdict } from '../core/types.ts';
import { safeHttpUrl } from './escape.ts';
import type {
  EffectDirection,
  EvidenceGrade,
  ReportClaim,
  ReportCounts,
  ReportFacet,
  ReportFinding,
  ReportModel,
  ReportPaper,
  ReportQuestionNote,
} from './report-model.ts';

/**
 * What every renderer says the same way: wording, ordering and derived figures. Markdown and HTML
 * format these; neither computes its own version of a number.
 */

export const GRADE_TEXT: Record<EvidenceGrade, string> = {
  direct: 'Direct — the cited claims state the answer and were checked against the papers’ own text.',
  indirect: 'Indirect — the answer is inferred from claims that bear on the question without stating it outright.',
  none: 'None — no included paper gives evidence that answers the question.',
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  SUPPORTED: 'Supported',
  REFUTED: 'Refuted',
  PARTIAL: 'Partially supported',
  NOT_ENOUGH_INFO: 'Not enough information',
};

/** A probability as written in reports: two decimals, e.g. 0.82. */
export function formatProbability(value: number): string {
  return value.toFixed(2);
}

/** Claims in report order: most relevant to the question first, then by claim number. */
export function sortClaimsByRelevance(claims: readonly ReportClaim[]): ReportClaim[] {
  return [...claims].sort((a, b) => b.relevance - a.relevance || a.n - b.n);
}

export interface VerdictStats {
  verdict: Verdict;
  count: number;
  /** null when no claim has this verdict. */
  meanConfidence: number | null;
}

export function verdictStats(claims: readonly ReportClaim[]): VerdictStats[] {
  return VERDICTS.map((verdict) => {
    const matching = claims.filter((c) => c.verdict === verdict);
    const sum = matching.reduce((total, c) => total + c.confidence, 0);
    return { verdict, count: matching.length, meanConfidence: matching.length > 0 ? sum / matching.length : null };
  });
}

export interface FlowStep {
  label: string;
  count: number;
  /** Indented steps are records removed from the step above. */
  removed: boolean;
}

/** The PRISMA-style flow, top to bottom. */
export function flowSteps(counts: ReportCounts): FlowStep[] {
  return [
    { label: 'Records identified', count: counts.identified, removed: false },
    { label: 'Duplicates removed', count: counts.duplicates, removed: true },
    { label: 'Records screened', count: counts.screened, removed: false },
    { label: 'Excluded at screening', count: counts.excluded, removed: true },
    { label: 'Full text unavailable', count: counts.full_text_unavailable, removed: true },
    { label: 'Papers included', count: counts.included, removed: false },
  ];
}

/** The arithmetic the flow rests on, written out so a reader can check it (≠ when it fails). */
export function flowChecks(model: ReportModel): string[] {
  const c = model.counts;
  const rel = (ok: boolean) => (ok ? '=' : '≠');
  return [
    `identified ${c.identified} ${rel(c.identified === c.duplicates + c.screened)} duplicates ${c.duplicates} + screened ${c.screened}`,
    `screened ${c.screened} ${rel(c.screened === c.excluded + c.full_text_unavailable + c.included)} excluded ${c.excluded} + full text unavailable ${c.full_text_unavailable} + included ${c.included}`,
    `included ${c.included} ${rel(c.included === model.papers.length)} ${model.papers.length} references listed`,
  ];
}

export const EXCLUSION_STAGE_LABEL = {
  duplicate: 'Duplicate',
  screening: 'Excluded at screening',
  full_text: 'Full text unavailable',
} as const;

/** Exclusion reasons with how many records each removed, per stage, most frequent first. */
export function exclusionReasons(model: ReportModel): { stage: string; reason: string; count: number }[] {
  const tally = new Map<string, { stage: string; reason: string; count: number }>();
  for (const e of model.method.exclusions) {
    const key = `${e.stage}\u0000${e.reason}`;
    const entry = tally.get(key) ?? { stage: EXCLUSION_STAGE_LABEL[e.stage], reason: e.reason, count: 0 };
    entry.count += 1;
    tally.set(key, entry);
  }
  return [...tally.values()].sort((a, b) => a.stage.localeCompare(b.stage) || b.count - a.count);
}

export function paperIndex(model: ReportModel): Map<string, ReportPaper> {
  return new Map(model.papers.map((p) => [p.id, p]));
}

/** "arxiv:2305.01234v2 (v2)" — the id and, when it has one, the version. */
export function paperIdWithVersion(paperId: string, paper: ReportPaper | undefined): string {
  return paper?.version != null ? `${paperId} (v${paper.version})` : paperId;
}

/** "arXiv:2305.01234v2" or "doi:10.1/x" or null. */
export function paperIdentifier(paper: ReportPaper): string | null {
  const parts: string[] = [];
  if (paper.arxiv_id) parts.push(`arXiv:${arxivWithVersion(paper)}`);
  if (paper.doi) parts.push(`doi:${paper.doi}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The arXiv id with its version suffix (once), e.g. "2305.01234v2". */
export function arxivWithVersion(paper: ReportPaper): string {
  const id = paper.arxiv_id ?? '';
  if (/v\d+$/.test(id) || paper.version === null) return id;
  return `${id}v${paper.version}`;
}

/** The http(s) link a paper is read at: its URL, else its arXiv abs page, else the DOI resolver. */
export function paperLink(paper: ReportPaper): string | null {
  const fromUrl = safeHttpUrl(paper.url);
  if (fromUrl) return fromUrl;
  if (paper.arxiv_id) return safeHttpUrl(`https://arxiv.org/abs/${encodeURI(arxivWithVersion(paper))}`);
  if (paper.doi) return safeHttpUrl(`https://doi.org/${encodeURI(paper.doi)}`);
  return null;
}

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length === 0) return 'Unknown authors';
  if (authors.length === 1) return authors[0]!;
  return `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

export function experimentText(claim: ReportClaim): string | null {
  const x = claim.experiment;
  if (!x) return null;
  return `${x.status}: ${x.experiment}, ${x.metric} claimed ${x.claimed} vs measured ${x.measured}`;
}

export function unrelatedNote(model: ReportModel): string {
  const n = model.other_claims_count;
  return `${n} other ${n === 1 ? 'claim was' : 'claims were'} left out as unrelated to the question.`;
}

export function calibrationNote(model: ReportModel): string {
  return `Confidence is the probability that the verdict is right. Calibration: ${model.calibration}`;
}

export const NOTE_KIND_LABEL: Record<ReportQuestionNote['kind'], string> = {
  benchmark_mismatch: 'Benchmark does not measure what the question says',
  language_not_covered: 'Language not covered',
  task_mismatch: 'Benchmark measures another task',
  modality_mismatch: 'Benchmark has another modality',
  conflicting_constraints: 'Conflicting constraints',
  facet_not_addressed: 'Not addressed by any included paper',
};

export const DIRECTION_LABEL: Record<ReportFinding['direction'] | EffectDirection, string> = {
  positive: 'better',
  negative: 'worse',
  null: 'no effect',
  mixed: 'mixed',
  unclear: 'unclear',
};

export const AGREEMENT_LABEL: Record<ReportFinding['agreement'], string> = {
  single_paper: 'single study',
  agree: 'papers agree',
  disagree: 'papers disagree',
};

/** "single study (arxiv:…)" or "three independent author groups": what the grade rests on. */
export function evidenceBasis(answer: ReportModel['answer']): string {
  if (answer.evidence_grade === 'none') return 'no evidence on the question';
  if (answer.single_study) return 'a single study: no second paper reports it';
  const n = answer.independent_papers;
  return `${n} independent ${n === 1 ? 'group' : 'groups'} of authors (papers that share an author count once)`;
}

/** Each effect of a finding: "[5] gain, significant, +4% to +10%". */
export function effectTexts(finding: ReportFinding): string[] {
  return finding.effects.map(
    (e) =>
      `[${e.claim}] ${DIRECTION_LABEL[e.direction]}${e.significant ? ', significant' : ''}${e.size ? `, ${e.size}` : ''} (${e.paper_id})`,
  );
}

/** "yes", or which facets the claim covers and which required ones it misses. */
export function aboutQuestionText(claim: ReportClaim, facets: readonly ReportFacet[]): string {
  if (claim.about_question) return 'yes';
  const label = (ids: string[]) => ids.map((id) => facets.find((f) => f.id === id)?.label ?? id).join(', ');
  const missing = facets.filter((f) => f.required && !claim.facets.includes(f.id)).map((f) => f.id);
  if (claim.facets.length === 0) return `no: covers no facet of the question`;
  return `partly: covers ${label(claim.facets)}; misses ${label(missing)}`;
}

/** Claims about the question, then the rest, each with its count. */
export function claimsIntro(model: ReportModel): string {
  const about = model.claims.filter((c) => c.about_question).length;
  const n = model.claims.length;
  return `${n} ${n === 1 ? 'claim' : 'claims'}, most relevant first; ${about} ${about === 1 ? 'covers' : 'cover'} every required facet of the question (“About the question”), the others only some or none. Relevance is scored facet by facet.`;
}

/**
 * A report.json written before facets, question notes and structured findings existed (litmus serve
 * shows old runs) renders with those parts empty rather than failing.
 */
export function withSynthesisDefaults(model: ReportModel): ReportModel {
  const partial = model as Partial<ReportModel> & ReportModel;
  const answer = partial.answer as Partial<ReportModel['answer']> & ReportModel['answer'];
  return {
    ...model,
    question_notes: partial.question_notes ?? [],
    facets: partial.facets ?? [],
    answer: {
      ...answer,
      reading: answer.reading ?? '',
      findings: answer.findings ?? [],
      evidence_table: answer.evidence_table ?? [],
      not_covered: answer.not_covered ?? [],
      independent_papers: answer.independent_papers ?? 0,
      single_study: answer.single_study ?? false,
    },
    claims: model.claims.map((c) => ({ ...c, facets: c.facets ?? [], about_question: c.about_question ?? false })),
  };
}
