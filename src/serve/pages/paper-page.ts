import { VERDICTS, type Verdict } from '../../core/types.ts';
import { escapeHtml as esc, safeHttpUrl } from '../../report/escape.ts';
import { formatProbability, VERDICT_LABEL } from '../../report/report-content.ts';
import type { ClaimWithVerdict, PaperDetail } from '../library-query.ts';
import { paperYear } from '../library-query.ts';
import { page, paperHref, passageHref } from './layout.ts';

export interface PaperView {
  detail: PaperDetail;
  claims: ClaimWithVerdict[];
  totalClaims: number;
  verdict: Verdict | undefined;
  /** Rendered tables section, or null while the store has no tables (see tables-section.ts). */
  tables: string | null;
}

/** A paper: metadata, outline, tables, and its claims with their verdicts and evidence. */
export function paperPage(view: PaperView): string {
  const { paper, document, outline } = view.detail;
  const link = safeHttpUrl(paper.url);
  const meta = `<dl class="meta">
<dt>Id</dt><dd class="mono">${esc(paper.id)}</dd>
<dt>Authors</dt><dd>${esc(paper.authors.map((a) => a.name).join(', ') || 'unknown')}</dd>
<dt>Year</dt><dd>${paperYear(paper) ?? '—'}</dd>
<dt>Source</dt><dd>${esc(paper.source)}${paper.version !== null ? ` (v${paper.version})` : ''}</dd>
${paper.doi ? `<dt>DOI</dt><dd>${esc(paper.doi)}</dd>` : ''}
${paper.categories.length ? `<dt>Categories</dt><dd>${esc(paper.categories.join(', '))}</dd>` : ''}
${link ? `<dt>Link</dt><dd><a href="${esc(link)}" rel="noopener noreferrer">${esc(link)}</a></dd>` : ''}
<dt>Stored text</dt><dd>${document ? `${esc(document.kind)}, ${document.pages ?? '?'} pages, ${document.chars} characters — <a href="${passageHref(paper.id, { start: 0, end: 0 })}">read</a>` : 'none'}</dd>
</dl>
${paper.abstract ? `<h2>Abstract</h2><p>${esc(paper.abstract)}</p>` : ''}`;
  const outlineHtml =
    outline.length === 0
      ? '<p>No section structure was found in the stored text.</p>'
      : `<ul class="outline">${outline
          .map(
            (s) =>
              `<li class="d${Math.min(s.depth, 4)}"><a href="${passageHref(paper.id, { start: s.charStart, end: s.charStart })}">${esc(s.title)}</a></li>`,
          )
          .join('')}</ul>`;
  const filter = `<form class="inline" method="get" action="${paperHref(paper.id)}#claims">
<label>Verdict<select id="verdict-filter" name="verdict" data-autosubmit><option value="">ALL</option>${VERDICTS.map(
    (v) => `<option value="${v}"${v === view.verdict ? ' selected' : ''}>${v}</option>`,
  ).join('')}</select></label>
<button type="submit">Filter</button></form>
<p id="claims-status" class="status" role="status">Showing ${view.claims.length} of ${view.totalClaims} claims.</p>`;
  const claims =
    view.totalClaims === 0
      ? `<p>No claims stored yet. Extract and verify them with <code>litmus claims ${esc(paper.id)}</code> then <code>litmus verify ${esc(paper.id)}</code>.</p>`
      : `${filter}<table id="claims-table"><thead><tr><th scope="col">Claim and evidence</th><th scope="col">Verdict</th><th scope="col" class="num">Confidence</th></tr></thead>
<tbody>${view.claims.map(claimRow).join('\n')}</tbody></table>`;
  return page(
    paper.title,
    'library',
    `<h1>${esc(paper.title)}</h1>
${meta}
<section id="outline" aria-labelledby="outline-h"><h2 id="outline-h">Outline</h2>${outlineHtml}</section>
<section id="tables" aria-labelledby="tables-h"><h2 id="tables-h">Tables</h2>${view.tables ?? '<p class="placeholder">Results tables are not stored for this paper.</p>'}</section>
<section id="claims" aria-labelledby="claims-h"><h2 id="claims-h">Claims</h2>${claims}</section>`,
  );
}

function claimRow({ claim, verdict }: ClaimWithVerdict): string {
  const source =
    claim.charStart !== null
      ? ` <a class="detail" href="${passageHref(claim.paperId, { start: claim.charStart, end: claim.charEnd ?? claim.charStart })}">source sentence</a>`
      : '';
  const evidence = (verdict?.evidence ?? [])
    .map((e) => {
      const target =
        e.charStart !== undefined && e.charEnd !== undefined
          ? passageHref(e.paperId, { start: e.charStart, end: e.charEnd })
          : passageHref(e.paperId, { quote: e.quote });
      return `<blockquote><p>“${esc(e.quote)}”</p><cite><a class="evidence-link" href="${target}">${esc(e.paperId)}, ${esc(e.location)}</a></cite></blockquote>`;
    })
    .join('');
  const v = verdict?.verdict;
  return `<tr data-verdict="${esc(v ?? 'NONE')}"><td><p class="claim-text">${esc(claim.text)}</p>${source}${evidence}${
    verdict?.rationale ? `<p class="detail">${esc(verdict.rationale)}</p>` : ''
  }</td>
<td>${v ? `<span class="verdict v-${esc(v)}">${esc(v)}</span><br><span class="detail">${VERDICT_LABEL[v]}</span>` : '<span class="detail">not verified</span>'}</td>
<td class="num">${verdict ? formatProbability(verdict.confidence) : '—'}</td></tr>`;
}
