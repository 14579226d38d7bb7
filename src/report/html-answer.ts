import { escapeHtml as esc } from './escape.ts';
import {
  AGREEMENT_LABEL,
  DIRECTION_LABEL,
  effectTexts,
  evidenceBasis,
  GRADE_TEXT,
  NOTE_KIND_LABEL,
} from './report-content.ts';
import type { ReportModel } from './report-model.ts';

/** The opening notes on the question (empty string when there are none). */
export function questionNotesHtml(model: ReportModel): string {
  if (model.question_notes.length === 0) return '';
  const items = model.question_notes
    .map(
      (n) =>
        `<li><strong>${esc(NOTE_KIND_LABEL[n.kind])}</strong>${n.facet ? ` (“${esc(n.facet)}”)` : ''}: ${esc(n.note)}${n.source ? ` <cite>Source: ${esc(n.source)}</cite>` : ''}</li>`,
    )
    .join('\n');
  return `<section id="question-notes" aria-labelledby="question-notes-h"><h2 id="question-notes-h">Notes on the question</h2>
<p>Read these before the answer: the question, its terms or its evidence do not fit together as worded.</p>
<ul class="question-notes">
${items}
</ul></section>`;
}

export function answerHtml(model: ReportModel, paragraphs: (text: string) => string): string {
  const a = model.answer;
  const claimLink = (n: number) => `<a href="#claim-${n}">[${n}]</a>`;
  const cited = a.cited_claims.map(claimLink).join(', ');
  const findings =
    a.findings.length === 0
      ? ''
      : `<h3>Findings by outcome</h3>
<table class="findings"><thead><tr><th scope="col">Outcome</th><th scope="col">Direction</th><th scope="col">Across studies</th><th scope="col">Studies</th><th scope="col">Effects: [n], direction, size as stated</th></tr></thead><tbody>
${a.findings
  .map(
    (f) =>
      `<tr><td>${esc(f.outcome)}</td><td>${DIRECTION_LABEL[f.direction]}</td><td>${AGREEMENT_LABEL[f.agreement]}</td><td class="mono">${esc(f.papers.join(', '))}</td><td>${effectTexts(
        f,
      )
        .map((t) => esc(t))
        .join('<br>')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const evidence =
    a.evidence_table.length === 0
      ? ''
      : `<h3>Evidence per paper</h3>
<table class="evidence-table"><thead><tr><th scope="col">Study</th><th scope="col">Method</th><th scope="col">Data</th><th scope="col">Task</th><th scope="col">Metric</th><th scope="col">Tables</th><th scope="col">Effect</th><th scope="col">From</th></tr></thead><tbody>
${a.evidence_table
  .map(
    (r) =>
      `<tr><td class="mono">${esc(r.paper_id)}</td><td>${esc(r.method)}</td><td>${esc(r.data.join(', ') || '—')}</td><td>${esc(r.task.join(', ') || '—')}</td><td>${esc(r.metric.join(', ') || '—')}</td><td>${r.tables.map((t) => esc(t)).join('<br>') || '—'}</td><td>${esc(r.effect)}</td><td>${r.claims.map(claimLink).join(' ') || '—'}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const facets = `<h3>Question facets</h3>
<table class="facets"><thead><tr><th scope="col">Facet</th><th scope="col">Role</th><th scope="col">Required</th><th scope="col">Covered by</th></tr></thead><tbody>
${model.facets
  .map(
    (f) =>
      `<tr data-facet="${esc(f.id)}"><td>${esc(f.label)}</td><td>${esc(f.role)}</td><td>${f.required ? 'yes' : 'no'}</td><td>${f.covered_by.length > 0 ? f.covered_by.map(claimLink).join(' ') : '<strong>none: no claim covers it</strong>'}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const notCovered =
    a.not_covered.length > 0
      ? `<p><strong>Not covered by the included evidence:</strong> ${a.not_covered.map((f) => `“${esc(f)}”`).join(', ')}</p>`
      : '';
  return `<section id="answer" aria-labelledby="answer-h"><h2 id="answer-h">Answer</h2>
<div class="answer">
${a.reading ? `<p class="reading"><strong>How the question was read:</strong> ${esc(a.reading)}</p>` : ''}
${paragraphs(a.summary)}
<p><strong>Evidence grade:</strong> ${esc(GRADE_TEXT[a.evidence_grade])}</p>
<p><strong>Rests on:</strong> ${esc(evidenceBasis(a))}</p>
<p><strong>Cited claims:</strong> ${cited || 'none'}</p>
${notCovered}
</div>
${findings}
${evidence}
${facets}
</section>`;
}
