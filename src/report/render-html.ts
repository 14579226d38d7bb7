import { createHash } from 'node:crypto';
import { escapeHtml as esc } from './escape.ts';
import { answerHtml, questionNotesHtml } from './html-answer.ts';
import { claimsSection, type HtmlContext, refLink } from './html-claims.ts';
import { REPORT_SCRIPT } from './html-script.ts';
import { REPORT_CSS } from './html-style.ts';
import type { ReportCharts } from './render-charts.ts';
import { integrityHtml, styledReferencesHtml } from './render-integrity.ts';
import {
  EXCLUSION_STAGE_LABEL,
  exclusionReasons,
  flowChecks,
  flowSteps,
  formatAuthors,
  formatProbability,
  paperIdentifier,
  paperIndex,
  paperLink,
  VERDICT_LABEL,
  verdictStats,
  withSynthesisDefaults,
} from './report-content.ts';
import type { ReportModel } from './report-model.ts';

/**
 * report.html: one self-contained file (inline CSS, JS and SVG; nothing fetched, works offline).
 * Every string from the model goes through `esc`, as text or as a quoted attribute value. The
 * Content-Security-Policy forbids every request and allows only our own script (by hash), so
 * even a missed escape could not run code or load anything.
 */
export function renderHtml(written: ReportModel, charts?: ReportCharts): string {
  const model = withSynthesisDefaults(written);
  const ctx: HtmlContext = {
    papers: paperIndex(model),
    refIds: new Map(model.papers.map((p, i) => [p.id, `ref-${i + 1}`])),
    facets: model.facets,
  };
  const scriptHash = createHash('sha256').update(REPORT_SCRIPT, 'utf8').digest('base64');
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${scriptHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(model.title)}</h1>
<dl class="meta">
<dt>Question</dt><dd>${esc(model.question)}</dd>
<dt>Generated</dt><dd>${esc(model.generated_at)}</dd>
<dt>Engine</dt><dd>${esc(model.engine)}</dd>
<dt>Model</dt><dd>${esc(model.model ?? 'none')}</dd>
</dl>
<nav aria-label="Sections"><ul>
${[
  ...(model.question_notes.length > 0 ? [['question-notes', 'Notes on the question']] : []),
  ['answer', 'Answer'],
  ['method', 'Method'],
  ...(charts ? [['charts', 'Charts']] : []),
  ['claims', 'Claims'],
  ['confidence', 'Confidence'],
  ['contradictions', 'Contradictions'],
  ['gaps', 'Evidence gaps'],
  ['limitations', 'Limitations'],
  ...(model.papers.some((p) => p.integrity) ? [['integrity', 'Integrity']] : []),
  ...(model.references ? [['reference-list', 'Reference list']] : []),
  ['references', 'References'],
  ['provenance', 'Provenance'],
]
  .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
  .join('')}
</ul></nav>
</header>
<main>
${questionNotesHtml(model)}
${answerHtml(model, paragraphs)}
${method(model)}
${charts ? chartSection(charts) : ''}
${claimsSection(model, ctx)}
${confidence(model)}
${contradictions(model, ctx)}
${textList('gaps', 'Evidence gaps', model.gaps)}
${textList('limitations', 'Limitations', model.limitations)}
${integrityHtml(model)}
${styledReferencesHtml(model)}
${references(model)}
${provenance(model)}
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function method(model: ReportModel): string {
  const m = model.method;
  const steps = flowSteps(model.counts)
    .map(
      (s) =>
        `<div class="step${s.removed ? ' removed' : ''}"><span>${s.removed ? '− ' : ''}${s.label}</span><strong>${s.count}</strong></div>`,
    )
    .join('\n');
  const reasons = exclusionReasons(model);
  const exclusions =
    m.exclusions.length === 0
      ? ''
      : `<h3>Reasons for exclusion</h3>
<table><thead><tr><th scope="col">Stage</th><th scope="col">Reason</th><th scope="col" class="num">Records</th></tr></thead><tbody>
${reasons.map((r) => `<tr><td>${esc(r.stage)}</td><td>${esc(r.reason)}</td><td class="num">${r.count}</td></tr>`).join('\n')}
</tbody></table>
<details><summary>Every excluded record (${m.exclusions.length})</summary>
<table><thead><tr><th scope="col">Record</th><th scope="col">Title</th><th scope="col">Stage</th><th scope="col">Reason</th></tr></thead><tbody>
${m.exclusions
  .map(
    (e) =>
      `<tr><td class="mono">${esc(e.id)}</td><td>${esc(e.title)}</td><td>${EXCLUSION_STAGE_LABEL[e.stage]}</td><td>${esc(e.reason)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></details>`;
  return `<section id="method" aria-labelledby="method-h"><h2 id="method-h">Method</h2>
<ul>
<li>Queries: ${m.queries.map((q) => `“${esc(q)}”`).join('; ') || 'none'}</li>
<li>Sources: ${esc(m.sources.join(', ')) || 'none'}</li>
<li>At most ${m.max_papers} papers; relevance threshold ${m.threshold}</li>
</ul>
<h3>Study flow</h3>
<div class="flow" role="list">
${steps.replaceAll('<div class="step', '<div role="listitem" class="step')}
</div>
<ul class="checks">${flowChecks(model)
    .map((c) => `<li>${esc(c)}</li>`)
    .join('')}</ul>
${exclusions}
</section>`;
}

function chartSection(charts: ReportCharts): string {
  const figure = (svg: string, caption: string) => `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
  return `<section id="charts" aria-labelledby="charts-h"><h2 id="charts-h">Charts</h2>
<div class="charts">
${figure(charts.verdicts, 'Claims per verdict')}
${figure(charts.confidence, 'Confidence per verdict')}
${figure(charts.years, 'Included papers by year')}
</div></section>`;
}

function confidence(model: ReportModel): string {
  const rows = verdictStats(model.claims)
    .map(
      (s) =>
        `<tr><th scope="row"><span class="verdict v-${s.verdict}">${s.verdict}</span> ${VERDICT_LABEL[s.verdict]}</th><td class="num">${s.count}</td><td class="num">${s.meanConfidence === null ? '—' : formatProbability(s.meanConfidence)}</td></tr>`,
    )
    .join('\n');
  const all = model.claims.map((c) => c.confidence);
  const mean = all.length > 0 ? formatProbability(all.reduce((a, b) => a + b, 0) / all.length) : '—';
  return `<section id="confidence" aria-labelledby="confidence-h"><h2 id="confidence-h">Confidence</h2>
<table class="summary"><thead><tr><th scope="col">Verdict</th><th scope="col" class="num">Claims</th><th scope="col" class="num">Mean confidence</th></tr></thead>
<tbody>${rows}
<tr><th scope="row">All</th><td class="num">${model.claims.length}</td><td class="num">${mean}</td></tr></tbody></table>
</section>`;
}

function contradictions(model: ReportModel, ctx: HtmlContext): string {
  const items = model.contradictions.map(
    (c) =>
      `<li><a href="#claim-${c.claim}">Claim [${c.claim}]</a> vs ${refLink(c.paper_id, ctx, c.paper_id)}: ${esc(c.detail)}</li>`,
  );
  return section('contradictions', 'Contradictions', items);
}

function textList(id: string, title: string, items: string[]): string {
  return section(
    id,
    title,
    items.map((item) => `<li>${esc(item)}</li>`),
  );
}

function section(id: string, title: string, items: string[]): string {
  const body = items.length > 0 ? `<ul>${items.join('\n')}</ul>` : '<p>None recorded.</p>';
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>\n${body}</section>`;
}

function references(model: ReportModel): string {
  const items = model.papers.map((p, i) => {
    const identifier = paperIdentifier(p);
    const link = paperLink(p);
    return `<li id="ref-${i + 1}"><strong>[${esc(p.cite_key)}]</strong> ${esc(formatAuthors(p.authors))}. <cite>${esc(p.title)}</cite>. ${p.year === null ? 'n.d.' : `${p.year}.`}${identifier ? ` ${esc(identifier)}.` : ''}${link ? ` <a href="${esc(link)}" rel="noopener noreferrer">${esc(link)}</a>` : ''} <span class="mono">(${esc(p.id)})</span></li>`;
  });
  const body = items.length > 0 ? `<ol class="refs">${items.join('\n')}</ol>` : '<p>No papers were included.</p>';
  return `<section id="references" aria-labelledby="references-h"><h2 id="references-h">References</h2>\n${body}</section>`;
}

function provenance(model: ReportModel): string {
  const p = model.provenance;
  const prompts =
    p.prompts.length === 0
      ? '<p>Prompts: none</p>'
      : `<table><thead><tr><th scope="col">Prompt</th><th scope="col">Version</th><th scope="col">Hash</th></tr></thead><tbody>
${p.prompts.map((x) => `<tr><td>${esc(x.id)}</td><td>${esc(x.version)}</td><td class="mono">${esc(x.hash)}</td></tr>`).join('\n')}
</tbody></table>`;
  return `<section id="provenance" aria-labelledby="provenance-h"><h2 id="provenance-h">Provenance</h2>
<dl class="meta">
<dt>litmus</dt><dd>${esc(p.litmus_version)}</dd>
<dt>Engine</dt><dd>${esc(p.engine)}</dd>
<dt>Model</dt><dd>${esc(p.model ?? 'none')}</dd>
<dt>Corpus snapshot</dt><dd class="mono">${esc(p.corpus_snapshot)}</dd>
<dt>Run</dt><dd>${p.run_id ?? 'none'}</dd>
</dl>
${prompts}
</section>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${esc(para)}</p>`)
    .join('\n');
}
