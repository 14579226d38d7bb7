import { describeIntegrity, mayInformAnswer } from '../core/integrity.ts';
import { escapeHtml as esc, escapeMarkdownCell as cell, escapeMarkdown as md } from './escape.ts';
import type { ReportModel, ReportPaper } from './report-model.ts';

const STYLE_NAMES: Record<string, string> = { apa: 'APA', vancouver: 'Vancouver', ieee: 'IEEE', harvard: 'Harvard' };

interface IntegrityFindings {
  checked: number;
  notices: ReportPaper[];
  foreign: ReportPaper[];
  unchecked: ReportPaper[];
}

function findings(model: ReportModel): IntegrityFindings | null {
  const checked = model.papers.filter((p) => p.integrity);
  if (checked.length === 0) return null;
  return {
    checked: checked.length,
    notices: checked.filter((p) => p.integrity!.notices.length > 0),
    foreign: checked.filter((p) => p.language && p.language !== 'en'),
    unchecked: checked.filter((p) => p.integrity!.status === 'unchecked'),
  };
}

function summary(f: IntegrityFindings): string {
  const flagged = f.notices.filter((p) => !mayInformAnswer(p.integrity!.status)).length;
  return `${f.checked} included paper(s) checked for retractions, corrections and expressions of concern (Crossref, with the Retraction Watch data it serves) and arXiv withdrawals: ${flagged} retracted or withdrawn, ${f.notices.length - flagged} with other notices, ${f.unchecked.length} could not be checked. Claims of retracted or withdrawn papers are shown but never support the answer.`;
}

function languageLine(f: IntegrityFindings): string {
  if (f.foreign.length === 0) return 'Every included paper whose language could be told is in English.';
  return `${f.foreign.length} paper(s) not in English: claims are extracted and verified in English only, so their claims are listed but kept out of the answer.`;
}

/** "## Paper integrity and language" in report.md; null for a model made without the checks. */
export function integrityMarkdown(model: ReportModel): string | null {
  const f = findings(model);
  if (!f) return null;
  const lines = ['## Paper integrity and language', '', md(summary(f))];
  if (f.notices.length > 0) {
    lines.push('', '| Paper | Title | Status | Notice |', '| --- | --- | --- | --- |');
    for (const p of f.notices) {
      lines.push(
        `| ${cell(p.id)} | ${cell(p.title)} | **${p.integrity!.status.toUpperCase()}** | ${cell(describeIntegrity(p.integrity!))} |`,
      );
    }
  }
  for (const p of f.unchecked)
    lines.push('', `- Not checked: ${md(p.id)} — ${md(p.integrity!.unchecked_reason ?? '')}`);
  lines.push('', md(languageLine(f)));
  for (const p of f.foreign) lines.push(`- ${md(p.id)} (${md(p.title)}): language \`${md(p.language ?? '')}\``);
  return lines.join('\n');
}

export function integrityHtml(model: ReportModel): string {
  const f = findings(model);
  if (!f) return '';
  const rows = f.notices.map(
    (p) =>
      `<tr class="integrity-${esc(p.integrity!.status)}"><td class="mono">${esc(p.id)}</td><td>${esc(p.title)}</td><td><strong>${esc(p.integrity!.status.toUpperCase())}</strong></td><td>${esc(describeIntegrity(p.integrity!))}</td></tr>`,
  );
  const table = rows.length
    ? `<table><thead><tr><th>Paper</th><th>Title</th><th>Status</th><th>Notice</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  const unchecked = f.unchecked.map(
    (p) => `<li>Not checked: <span class="mono">${esc(p.id)}</span> — ${esc(p.integrity!.unchecked_reason ?? '')}</li>`,
  );
  const foreign = f.foreign.map(
    (p) =>
      `<li><span class="mono">${esc(p.id)}</span> (${esc(p.title)}): language <code>${esc(p.language ?? '')}</code></li>`,
  );
  return `<section id="integrity" aria-labelledby="integrity-h"><h2 id="integrity-h">Paper integrity and language</h2>
<p>${esc(summary(f))}</p>
${table}${unchecked.length ? `<ul>${unchecked.join('')}</ul>` : ''}
<p>${esc(languageLine(f))}</p>${foreign.length ? `<ul>${foreign.join('')}</ul>` : ''}
</section>`;
}

/** The reference list formatted in the chosen style (citation-js), when the model carries one. */
export function styledReferencesMarkdown(model: ReportModel): string | null {
  if (!model.references) return null;
  const name = STYLE_NAMES[model.references.style] ?? model.references.style;
  const entries = model.references.entries.map((e) => `- ${md(e)}`);
  return `## Reference list (${name})\n\n${entries.length ? entries.join('\n') : 'No papers were included.'}`;
}

export function styledReferencesHtml(model: ReportModel): string {
  if (!model.references) return '';
  const name = STYLE_NAMES[model.references.style] ?? model.references.style;
  const entries = model.references.entries.map((e) => `<li>${esc(e)}</li>`);
  return `<section id="reference-list" aria-labelledby="reference-list-h"><h2 id="reference-list-h">Reference list (${esc(name)})</h2>
${entries.length ? `<ul class="refs styled">${entries.join('\n')}</ul>` : '<p>No papers were included.</p>'}</section>`;
}
