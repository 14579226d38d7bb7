import { createHash } from 'node:crypto';
import type { AuditJson } from '../../report/audit/audit-json.ts';
import { renderAuditHtml } from '../../report/audit/render-audit-html.ts';
import { escapeHtml as esc } from '../../report/escape.ts';
import { REPORT_SCRIPT } from '../../report/html-script.ts';
import type { ReportCharts } from '../../report/render-charts.ts';
import { renderHtml } from '../../report/render-html.ts';
import type { ReportModel } from '../../report/report-model.ts';
import { passageHref, siteNav } from './layout.ts';

/**
 * A report page is report.html itself (the same renderer, from the run's report.json), with the
 * site navigation added and a "passage" link on every evidence quote. The links are inserted after
 * the exact markup the renderer writes for each quote, so nothing the renderer escaped is re-parsed.
 */
export function reportPage(model: ReportModel, charts: ReportCharts | undefined, downloads: string[]): string {
  let html = renderHtml(model, charts);
  for (const claim of model.claims) {
    const rowStart = html.indexOf(`<tr id="claim-${claim.n}"`);
    if (rowStart < 0) continue;
    let cursor = rowStart;
    for (const evidence of claim.evidence) {
      const quote = `<blockquote><p>“${esc(evidence.quote)}”</p><cite>`;
      const at = html.indexOf(quote, cursor);
      if (at < 0) break;
      const close = html.indexOf('</cite>', at);
      const link = ` · <a class="passage-link" href="${passageHref(evidence.paper_id, { quote: evidence.quote })}">passage</a>`;
      html = `${html.slice(0, close)}${link}${html.slice(close)}`;
      cursor = close + link.length;
    }
  }
  return withNav(html, downloads);
}

/** audit.html with the same additions: navigation, and a passage link on every evidence quote. */
export function auditPage(audit: AuditJson, downloads: string[]): string {
  let html = renderAuditHtml(audit);
  const done = new Set<string>();
  for (const evidence of audit.claims.flatMap((c) => c.evidence)) {
    const cite = `<blockquote>${esc(evidence.quote)}<cite>${esc(evidence.paper_id)}, ${esc(evidence.location)}</cite>`;
    if (done.has(cite)) continue;
    done.add(cite);
    const link = ` · <a class="passage-link" href="${passageHref(evidence.paper_id, { quote: evidence.quote })}">passage</a>`;
    html = html.split(cite).join(`${cite.slice(0, -'</cite>'.length)}${link}</cite>`);
  }
  return withNav(html, downloads);
}

/** Site navigation and download links right after <body>, styled inline (the report's CSP allows inline styles only). */
function withNav(html: string, downloads: string[]): string {
  const files = downloads.map((f) => `<a href="${esc(f)}">${esc(f.split('/').pop() ?? f)}</a>`).join(' · ');
  const bar = `<style>.site{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;align-items:baseline;border-bottom:1px solid #d1d5db;padding-bottom:.5rem;margin-bottom:1rem}.site .brand{font-weight:700}</style>
${siteNav('reports')}${files ? `<p class="detail">Files: ${files}</p>` : ''}`;
  return html.replace('<body>\n', `<body>\n${bar}\n`);
}

/** The CSP for report pages: the report's own script by hash, inline styles (its SVG charts use them). */
export function reportCsp(): string {
  const hash = createHash('sha256').update(REPORT_SCRIPT, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
