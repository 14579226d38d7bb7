import { escapeMarkdownCell as cell, joinCellLines, escapeMarkdown as md } from './escape.ts';
import type { ReportCharts } from './render-charts.ts';
import { answerMarkdown, questionNotesMarkdown } from './markdown-answer.ts';
import { integrityMarkdown, styledReferencesMarkdown } from './render-integrity.ts';
import {
  aboutQuestionText,
  calibrationNote,
  claimsIntro,
  EXCLUSION_STAGE_LABEL,
  exclusionReasons,
  experimentText,
  flowChecks,
  flowSteps,
  formatAuthors,
  formatProbability,
  paperIdentifier,
  paperIdWithVersion,
  paperIndex,
  paperLink,
  sortClaimsByRelevance,
  unrelatedNote,
  VERDICT_LABEL,
  verdictStats,
  withSynthesisDefaults,
} from './report-content.ts';
import type { ReportClaim, ReportModel, ReportPaper } from './report-model.ts';

/** Chart files a Markdown report links to, relative to the report (written by the pipeline). */
export const CHART_FILES = {
  verdicts: 'charts/verdicts.svg',
  confidence: 'charts/confidence.svg',
  years: 'charts/years.svg',
} as const;

/** report.md: answer first, then method, claims, confidence, contradictions, gaps, references. */
export function renderMarkdown(written: ReportModel, charts?: ReportCharts): string {
  const model = withSynthesisDefaults(written);
  const sections = [
    header(model),
    questionNotesMarkdown(model),
    answerMarkdown(model),
    method(model),
    charts ? chartLinks() : null,
    claimsTable(model),
    confidenceTable(model),
    list('Contradictions', contradictionLines(model)),
    list('Evidence gaps', model.gaps.map(md)),
    list('Limitations', model.limitations.map(md)),
    integrityMarkdown(model),
    styledReferencesMarkdown(model),
    references(model),
    provenance(model),
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}

function header(model: ReportModel): string {
  return [
    `# ${md(oneLine(model.title))}`,
    '',
    `**Question:** ${md(oneLine(model.question))}  `,
    `**Generated:** ${md(model.generated_at)}  `,
    `**Engine:** ${md(model.engine)} · **Model:** ${md(model.model ?? 'none')}`,
  ].join('\n');
}

function method(model: ReportModel): string {
  const m = model.method;
  const lines = [
    '## Method',
    '',
    `- Queries: ${m.queries.map((q) => `“${md(oneLine(q))}”`).join('; ') || 'none'}`,
    `- Sources: ${m.sources.map(md).join(', ') || 'none'}`,
    `- At most ${m.max_papers} papers; relevance threshold ${m.threshold}`,
    '',
    '### Study flow',
    '',
    '| Stage | Records |',
    '| --- | ---: |',
    ...flowSteps(model.counts).map((s) => `| ${s.removed ? '− ' : ''}${s.label} | ${s.count} |`),
    '',
    ...flowChecks(model).map((c) => `- ${c}`),
  ];
  const reasons = exclusionReasons(model);
  if (reasons.length > 0) {
    lines.push('', '### Reasons for exclusion', '', '| Stage | Reason | Records |', '| --- | --- | ---: |');
    for (const r of reasons) lines.push(`| ${r.stage} | ${cell(r.reason)} | ${r.count} |`);
    lines.push('', '| Record | Title | Stage | Reason |', '| --- | --- | --- | --- |');
    for (const e of m.exclusions) {
      lines.push(`| ${cell(e.id)} | ${cell(e.title)} | ${EXCLUSION_STAGE_LABEL[e.stage]} | ${cell(e.reason)} |`);
    }
  }
  return lines.join('\n');
}

function chartLinks(): string {
  return [
    '## Charts',
    '',
    `![Claims per verdict](${CHART_FILES.verdicts})`,
    '',
    `![Confidence per verdict](${CHART_FILES.confidence})`,
    '',
    `![Included papers by year](${CHART_FILES.years})`,
  ].join('\n');
}

function claimsTable(model: ReportModel): string {
  const papers = paperIndex(model);
  const claims = sortClaimsByRelevance(model.claims);
  const lines = [
    '## Claims',
    '',
    `${md(claimsIntro(model))} ${unrelatedNote(model)}`,
    '',
    md(calibrationNote(model)),
    '',
    '“Stated by its paper” checks the claim against the paper it comes from (a faithfulness check: quote and location); “Independent support” is what other included papers and experiment runs say. Verdicts marked *low confidence* fall below the engine’s high-confidence cut-off.',
    '',
    '| # | Claim | Paper | Location | Stated by its paper | Confidence | Independent support | Relevance | About the question | Evidence | Numeric mismatches | Checks |',
    '| ---: | --- | --- | --- | --- | ---: | --- | ---: | --- | --- | --- | --- |',
  ];
  for (const claim of claims) lines.push(claimRow(claim, papers, model));
  if (claims.length === 0) lines.push('| — | No claims about the question were found. | | | | | | | | | | |');
  return lines.join('\n');
}

function claimRow(claim: ReportClaim, papers: Map<string, ReportPaper>, model: ReportModel): string {
  const text = `${
    claim.unverified_reason
      ? `${cell(claim.text)}<br>*Not verified: ${cell(claim.unverified_reason)}*`
      : cell(claim.text)
  }${claim.excluded_from_answer ? `<br>**Not used in the answer:** ${cell(claim.excluded_from_answer)}` : ''}`;
  const evidence = claim.evidence.map((e) =>
    e.cell
      ? `table cell ${cell(e.cell.address)} — ${cell(paperIdWithVersion(e.paper_id, papers.get(e.paper_id)))}, ${cell(e.location)}`
      : `“${cell(e.quote)}” — ${cell(paperIdWithVersion(e.paper_id, papers.get(e.paper_id)))}, ${cell(e.location)}`,
  );
  const numeric = claim.numeric.map((x) => `claimed ${cell(x.claimed)}, found ${cell(x.found)}`);
  const checks = claim.checks
    .filter((c) => c.rule !== 'faithful' || c.from !== null)
    .map((c) => `${c.from ? `${c.from} → ${claim.verdict}` : c.rule}: ${cell(c.detail)}`);
  return `| ${[
    String(claim.n),
    text,
    cell(paperIdWithVersion(claim.paper_id, papers.get(claim.paper_id))),
    cell(claim.location),
    claim.low_confidence ? `${claim.verdict} *(low confidence)*` : claim.verdict,
    formatProbability(claim.confidence),
    joinCellLines(independentLines(claim)),
    formatProbability(claim.relevance),
    cell(aboutQuestionText(claim, model.facets)),
    joinCellLines(evidence),
    joinCellLines(numeric),
    joinCellLines(checks),
  ].join(' | ')} |`;
}

/** Other papers and experiments, or a plain note that the claim rests on its own paper's word. */
function independentLines(claim: ReportClaim): string[] {
  const lines = [
    ...claim.corroborating.map((id) => `corroborated by ${cell(id)}`),
    ...claim.contradicting.map((id) => `contradicted by ${cell(id)}`),
  ];
  const experiment = experimentText(claim);
  if (experiment) lines.push(cell(experiment));
  return lines.length > 0 ? lines : ['none: rests on its own paper'];
}

function confidenceTable(model: ReportModel): string {
  const lines = ['## Confidence', '', '| Verdict | Claims | Mean confidence |', '| --- | ---: | ---: |'];
  for (const s of verdictStats(model.claims)) {
    const mean = s.meanConfidence === null ? '—' : formatProbability(s.meanConfidence);
    lines.push(`| ${s.verdict} (${VERDICT_LABEL[s.verdict]}) | ${s.count} | ${mean} |`);
  }
  lines.push(`| All | ${model.claims.length} | ${meanOrDash(model.claims.map((c) => c.confidence))} |`);
  return lines.join('\n');
}

function contradictionLines(model: ReportModel): string[] {
  return model.contradictions.map((c) => `Claim [${c.claim}] vs ${md(c.paper_id)}: ${md(oneLine(c.detail))}`);
}

function list(title: string, items: string[]): string {
  const body = items.length > 0 ? items.map((item) => `- ${oneLine(item)}`).join('\n') : 'None recorded.';
  return `## ${title}\n\n${body}`;
}

function references(model: ReportModel): string {
  const entries = model.papers.map((p) => {
    const parts = [
      `${md(formatAuthors(p.authors))}.`,
      `*${md(oneLine(p.title))}*.`,
      p.year === null ? 'n.d.' : `${p.year}.`,
    ];
    const identifier = paperIdentifier(p);
    if (identifier) parts.push(`${md(identifier)}.`);
    const link = paperLink(p);
    if (link) parts.push(`<${link}>`);
    return `- **[${md(p.cite_key)}]** ${parts.join(' ')} (${md(p.id)})`;
  });
  return `## References\n\n${entries.length > 0 ? entries.join('\n') : 'No papers were included.'}`;
}

function provenance(model: ReportModel): string {
  const p = model.provenance;
  const lines = [
    '## Provenance',
    '',
    `- litmus ${md(p.litmus_version)}; engine ${md(p.engine)}; model ${md(p.model ?? 'none')}`,
    `- Corpus snapshot: ${md(p.corpus_snapshot)}`,
    `- Run: ${p.run_id ?? 'none'}`,
  ];
  if (p.prompts.length > 0) {
    lines.push('', '| Prompt | Version | Hash |', '| --- | --- | --- |');
    for (const prompt of p.prompts)
      lines.push(`| ${cell(prompt.id)} | ${cell(prompt.version)} | ${cell(prompt.hash)} |`);
  } else {
    lines.push('- Prompts: none');
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function meanOrDash(values: number[]): string {
  if (values.length === 0) return '—';
  return formatProbability(values.reduce((a, b) => a + b, 0) / values.length);
}
