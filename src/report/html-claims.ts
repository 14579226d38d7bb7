import { VERDICTS } from '../core/types.ts';
import { escapeHtml as esc } from './escape.ts';
import {
  aboutQuestionText,
  calibrationNote,
  claimsIntro,
  formatProbability,
  paperIdWithVersion,
  paperLink,
  sortClaimsByRelevance,
  unrelatedNote,
  VERDICT_LABEL,
} from './report-content.ts';
import type { ReportClaim, ReportFacet, ReportModel, ReportPaper } from './report-model.ts';

/** The HTML claims table: filters, sortable headers, one row per claim with its evidence. */

export interface HtmlContext {
  papers: Map<string, ReportPaper>;
  /** Paper id → id of its reference-list entry ("ref-3"). */
  refIds: Map<string, string>;
  /** The question's facets, to say which a claim covers. */
  facets: ReportFacet[];
}

export function claimsSection(model: ReportModel, ctx: HtmlContext): string {
  const sorted = sortClaimsByRelevance(model.claims);
  const paperOptions = model.papers
    .map((p) => `<option value="${esc(p.id)}">${esc(p.cite_key)} — ${esc(p.id)}</option>`)
    .join('');
  const header = (key: string, type: 'number' | 'text', label: string, cls = '', sort = '') =>
    `<th scope="col" data-sort-key="${key}" data-sort-type="${type}"${cls ? ` class="${cls}"` : ''}${sort ? ` aria-sort="${sort}"` : ''}><button type="button">${label}<span class="arrow" aria-hidden="true"></span></button></th>`;
  return `<section id="claims" aria-labelledby="claims-h"><h2 id="claims-h">Claims</h2>
<p>${esc(claimsIntro(model))} ${esc(unrelatedNote(model))}</p>
<p>${esc(calibrationNote(model))}</p>
<div class="filters" role="group" aria-label="Filter claims">
<label for="verdict-filter">Verdict<select id="verdict-filter">
<option value="ALL">ALL</option>${VERDICTS.map((v) => `<option value="${v}">${v}</option>`).join('')}
</select></label>
<label for="paper-filter">Paper<select id="paper-filter"><option value="ALL">ALL</option>${paperOptions}</select></label>
<label for="level-filter">Confidence level<select id="level-filter">
<option value="ALL">ALL</option><option value="high">high confidence only</option><option value="low">low confidence only</option>
</select></label>
<label for="about-filter">About the question<select id="about-filter">
<option value="ALL">ALL</option><option value="yes">covers every required facet</option><option value="no">covers only some or none</option>
</select></label>
<label for="confidence-filter">Minimum confidence: <output id="confidence-value" for="confidence-filter">0.00</output>
<input id="confidence-filter" type="range" min="0" max="1" step="0.05" value="0"></label>
<button type="button" id="filters-reset">Show all</button>
</div>
<p id="claims-status" class="status" role="status" aria-live="polite">Showing ${sorted.length} of ${sorted.length} claims.</p>
<table id="claims-table">
<caption class="status">Select a column heading to sort.</caption>
<thead><tr>
${header('n', 'number', '#', 'num')}
<th scope="col">Claim, evidence and checks</th>
${header('paper', 'text', 'Paper', 'paper-col')}
${header('verdict', 'text', 'Stated by its paper')}
${header('confidence', 'number', 'Confidence', 'num')}
${header('independent', 'text', 'Independent support')}
${header('relevance', 'number', 'Relevance', 'num', 'descending')}
<th scope="col">About the question</th>
</tr></thead>
<tbody>
${sorted.map((c) => claimRow(c, ctx)).join('\n')}
</tbody></table>
</section>`;
}

function claimRow(claim: ReportClaim, ctx: HtmlContext): string {
  const details: string[] = [`<p class="claim-text">${esc(claim.text)}</p>`];
  if (claim.unverified_reason) details.push(`<p class="unverified">Not verified: ${esc(claim.unverified_reason)}</p>`);
  if (claim.excluded_from_answer) {
    details.push(`<p class="unverified excluded">Not used in the answer: ${esc(claim.excluded_from_answer)}</p>`);
  }
  for (const e of claim.evidence) {
    if (e.cell)
      details.push(
        `<p class="detail cell-evidence">Table cell: ${refLink(e.paper_id, ctx, e.cell.address)} (${esc(e.location)})</p>`,
      );
    else details.push(quote(e.quote, e.paper_id, e.location, ctx));
  }
  if (claim.evidence.length === 0) details.push('<p class="detail">No evidence quote.</p>');
  for (const m of claim.numeric) {
    details.push(`<p class="detail">Numeric mismatch: claimed ${esc(m.claimed)}, found ${esc(m.found)}</p>`);
  }
  if (claim.calibration) details.push(`<p class="detail">Confidence rests on: ${esc(claim.calibration)}</p>`);
  for (const c of claim.checks) {
    if (c.from === null) continue;
    details.push(
      `<p class="detail check">Check (${esc(c.rule)}) changed ${esc(c.from)} to ${esc(claim.verdict)}: ${esc(c.detail)}</p>`,
    );
  }
  const paper = ctx.papers.get(claim.paper_id);
  const pct = Math.round(Math.min(1, Math.max(0, claim.confidence)) * 100);
  return `<tr id="claim-${claim.n}" data-n="${claim.n}" data-verdict="${esc(claim.verdict)}" data-paper="${esc(claim.paper_id)}" data-confidence="${claim.confidence}" data-relevance="${claim.relevance}" data-level="${claim.low_confidence ? 'low' : 'high'}" data-independent="${esc(claim.independent_support)}" data-about="${claim.about_question ? 'yes' : 'no'}">
<td class="num">${claim.n}</td>
<td>${details.join('\n')}</td>
<td>${refLink(claim.paper_id, ctx, paperIdWithVersion(claim.paper_id, paper))}<br><span class="detail">${esc(claim.location)}</span></td>
<td><span class="verdict v-${esc(claim.verdict)}">${esc(claim.verdict)}</span><br><span class="detail">${VERDICT_LABEL[claim.verdict]}</span>${claim.low_confidence ? '<br><span class="low-confidence">low confidence</span>' : ''}</td>
<td class="num">${formatProbability(claim.confidence)}<span class="bar" aria-hidden="true"><span style="width:${pct}%"></span></span></td>
<td>${independentCell(claim, ctx)}</td>
<td class="num">${formatProbability(claim.relevance)}</td>
<td>${esc(aboutQuestionText(claim, ctx.facets))}</td>
</tr>`;
}

/** Other papers and experiments apart from the stating paper, or that the claim rests on its own word. */
function independentCell(claim: ReportClaim, ctx: HtmlContext): string {
  const parts: string[] = [];
  if (claim.corroborating.length > 0) parts.push(`Corroborated by ${paperLinks(claim.corroborating, ctx)}`);
  if (claim.contradicting.length > 0) parts.push(`Contradicted by ${paperLinks(claim.contradicting, ctx)}`);
  const x = claim.experiment;
  if (x)
    parts.push(
      `Experiment ${esc(x.status)}: ${esc(x.experiment)}, ${esc(x.metric)} claimed ${x.claimed} vs measured ${x.measured}`,
    );
  if (parts.length === 0) return '<span class="detail">None: rests on its own paper</span>';
  return parts.map((p) => `<p class="detail">${p}</p>`).join('');
}

/** A verbatim quote, linked to its location in the reference list and, when known, to the paper. */
function quote(text: string, paperId: string, location: string, ctx: HtmlContext): string {
  const paper = ctx.papers.get(paperId);
  const external = paper ? paperLink(paper) : null;
  const outLink = external
    ? ` · <a href="${esc(external)}" rel="noopener noreferrer">open paper${paper?.arxiv_id ? ' on arXiv' : ''}</a>`
    : '';
  return `<blockquote><p>“${esc(text)}”</p><cite>${refLink(paperId, ctx, `${paperId}, ${location}`)}${outLink}</cite></blockquote>`;
}

export function refLink(paperId: string, ctx: HtmlContext, label: string): string {
  const ref = ctx.refIds.get(paperId);
  return ref ? `<a href="#${ref}">${esc(label)}</a>` : esc(label);
}

function paperLinks(ids: string[], ctx: HtmlContext): string {
  return ids.map((id) => refLink(id, ctx, id)).join(', ');
}
