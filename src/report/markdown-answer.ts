import { escapeMarkdownCell as cell, joinCellLines, escapeMarkdown as md } from './escape.ts';
import {
  AGREEMENT_LABEL,
  DIRECTION_LABEL,
  effectTexts,
  evidenceBasis,
  GRADE_TEXT,
  NOTE_KIND_LABEL,
} from './report-content.ts';
import type { ReportModel } from './report-model.ts';

/** report.md's opening notes on the question (null when there are none). */
export function questionNotesMarkdown(model: ReportModel): string | null {
  if (model.question_notes.length === 0) return null;
  return [
    '## Notes on the question',
    '',
    'Read these before the answer: the question, its terms or its evidence do not fit together as worded.',
    '',
    ...model.question_notes.map(
      (n) =>
        `- **${NOTE_KIND_LABEL[n.kind]}**${n.facet ? ` (“${md(n.facet)}”)` : ''}: ${md(n.note)}${n.source ? ` *Source: ${md(n.source)}.*` : ''}`,
    ),
  ].join('\n');
}

/** The answer: how the question was read, the synthesis, its grade, findings by outcome, evidence per paper, facets. */
export function answerMarkdown(model: ReportModel): string {
  const a = model.answer;
  const cited = a.cited_claims.map((n) => `[${n}]`).join(', ');
  const lines = [
    '## Answer',
    '',
    `**How the question was read:** ${md(a.reading)}`,
    '',
    md(a.summary),
    '',
    `**Evidence grade:** ${GRADE_TEXT[a.evidence_grade]}  `,
    `**Rests on:** ${md(evidenceBasis(a))}  `,
    `**Cited claims:** ${cited || 'none'}`,
  ];
  if (a.not_covered.length > 0)
    lines.push('', `**Not covered by the included evidence:** ${a.not_covered.map((f) => `“${md(f)}”`).join(', ')}`);
  if (a.findings.length > 0) {
    lines.push(
      '',
      '### Findings by outcome',
      '',
      '| Outcome | Direction | Across studies | Studies | Effects: [n], direction, size as stated |',
    );
    lines.push('| --- | --- | --- | --- | --- |');
    for (const f of a.findings)
      lines.push(
        `| ${cell(f.outcome)} | ${DIRECTION_LABEL[f.direction]} | ${AGREEMENT_LABEL[f.agreement]} | ${cell(f.papers.join(', '))} | ${joinCellLines(effectTexts(f).map(cell))} |`,
      );
  }
  if (a.evidence_table.length > 0) {
    lines.push('', '### Evidence per paper', '', '| Study | Method | Data | Task | Metric | Tables | Effect | From |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of a.evidence_table)
      lines.push(
        `| ${cell(r.paper_id)} | ${cell(r.method)} | ${cell(r.data.join(', ') || '—')} | ${cell(r.task.join(', ') || '—')} | ${cell(r.metric.join(', ') || '—')} | ${joinCellLines(r.tables.map((t) => cell(t))) || '—'} | ${cell(r.effect)} | ${r.claims.map((n) => `[${n}]`).join(' ') || '—'} |`,
      );
  }
  lines.push('', '### Question facets', '', '| Facet | Role | Required | Covered by |', '| --- | --- | --- | --- |');
  for (const f of model.facets)
    lines.push(
      `| ${cell(f.label)} | ${f.role} | ${f.required ? 'yes' : 'no'} | ${f.covered_by.length > 0 ? f.covered_by.map((n) => `[${n}]`).join(' ') : '**none: no claim covers it**'} |`,
    );
  return lines.join('\n');
}
