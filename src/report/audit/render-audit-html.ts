import { escapeHtml } from '../escape.ts';
import { referenceNote, retractedLine } from './reference-integrity.ts';
import type { AuditClaimJson, AuditEvidenceJson, AuditJson } from './audit-json.ts';
import {
  checkLine,
  citedVerdict,
  independenceLine,
  independentVerdicts,
  SPLIT_LEGEND,
  severalPapers,
  truncationNote,
} from './audit-text.ts';

/** audit.html: one self-contained page (inline CSS, no scripts); every text from the document or papers is escaped. */
export function renderAuditHtml(audit: AuditJson): string {
  const s = audit.summary;
  const title = `Audit of ${audit.document_title ?? audit.document}`;
  const split = severalPapers(audit);
  const findings =
    audit.findings.length === 0
      ? '<p>No findings about the document itself.</p>'
      : `<ul>${audit.findings.map((f) => `<li><strong>${escapeHtml(f.kind.replaceAll('_', ' '))}</strong>: ${escapeHtml(f.detail)}</li>`).join('')}</ul>`;
  const references = audit.references
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.key)}</td><td>${escapeHtml(r.text)}</td><td>${escapeHtml(r.paper_id ?? '—')}</td><td>${escapeHtml(referenceNote(r))}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(audit.document)} (${escapeHtml(audit.document_kind)}) · verifier ${escapeHtml(audit.engine)} · ${escapeHtml(audit.generated_at)} · litmus ${escapeHtml(audit.litmus_version)}</p>
${audit.question ? `<p><strong>Question</strong> (from the ${escapeHtml(audit.question_source ?? 'document')}): ${escapeHtml(audit.question)}</p>` : ''}
<p class="summary">Claims: ${s.claims} · <span class="upheld">upheld ${s.upheld}</span> · <span class="overturned">overturned ${s.overturned}</span> · <span class="unverifiable">unverifiable ${s.unverifiable}</span> · references resolved ${s.references_resolved ?? 0} of ${s.references ?? audit.references.length}</p>
${independenceLine(audit) ? `<p class="summary">${escapeHtml(independenceLine(audit)!)}</p>` : ''}
<h2>Findings</h2>
${retractedLine(audit) ? `<p class="summary overturned"><strong>${escapeHtml(retractedLine(audit)!)}</strong></p>` : ''}
${findings}
<h2>Claims</h2>
<table>
<thead><tr><th>#</th><th>Claim</th><th>Document</th>${split ? '<th>Stated by (cited paper)</th><th>Independent support (other papers)</th>' : '<th>litmus</th>'}<th>Agrees</th><th>Evidence</th></tr></thead>
<tbody>${audit.claims.map((c) => claimRow(c, split)).join('\n')}</tbody>
</table>
${split ? `<p class="meta">${escapeHtml(SPLIT_LEGEND)}</p>` : ''}
<h2>References</h2>
<table><thead><tr><th>Ref</th><th>Entry</th><th>Paper</th><th>Note</th></tr></thead><tbody>${references}</tbody></table>
<p class="meta">Confidence: ${escapeHtml(audit.calibration)}</p>
</body>
</html>
`;
}

function claimRow(c: AuditClaimJson, split: boolean): string {
  const documentSide = [
    c.document_mark ?? c.document_verdict ?? '—',
    c.document_confidence === null ? '' : String(c.document_confidence),
  ]
    .filter(Boolean)
    .join(' ');
  const agrees = c.agrees_with_document === null ? '—' : c.agrees_with_document ? 'yes' : 'no';
  const numeric = c.numeric
    .map((n) => `<div class="figure">claimed ${escapeHtml(n.claimed)}, paper: ${escapeHtml(n.found)}</div>`)
    .join('');
  const evidence = c.evidence.map(evidenceHtml).join('');
  const independent = (c.independent ?? [])
    .flatMap((o) => o.evidence.slice(0, 1))
    .map(evidenceHtml)
    .join('');
  const judged = split
    ? `<td><strong>${escapeHtml(citedVerdict(c))}</strong></td><td>${independentVerdicts(c)
        .map((line) => `<div>${escapeHtml(line)}</div>`)
        .join('')}${independent}</td>`
    : `<td><strong>${escapeHtml(c.verdict)}</strong>${c.confidence === null ? '' : ` ${c.confidence.toFixed(2)}`}</td>`;
  const cut = c.truncated ? ` <em class="cut">(cut off: ${escapeHtml(truncationNote(c))})</em>` : '';
  return `<tr class="${escapeHtml(c.status ?? '')}"><td>${c.n}</td><td>${escapeHtml(c.text)}${cut}</td><td>${escapeHtml(documentSide)}</td>${judged}<td>${agrees}</td><td>${numeric}${evidence}<details><summary>why</summary>${escapeHtml(c.rationale)}${(c.checks ?? []).map((check) => `<div class="check">${escapeHtml(checkLine(check))}</div>`).join('')}</details></td></tr>`;
}

/** A results-table cell shows as the cell with its row and column headers; a quote as a blockquote. */
function evidenceHtml(e: AuditEvidenceJson): string {
  if (e.cell) {
    const headers = `<table class="cell"><tr><th></th><th>${escapeHtml(e.cell.column.join(' › '))}</th></tr><tr><th>${escapeHtml(e.cell.row.join(' › '))}</th><td>${escapeHtml(e.cell.text)}</td></tr></table>`;
    return `<div class="cell-evidence">${headers}<cite>${escapeHtml(e.paper_id)}, ${escapeHtml(e.cell.address)}</cite></div>`;
  }
  return `<blockquote>${escapeHtml(e.quote)}<cite>${escapeHtml(e.paper_id)}, ${escapeHtml(e.location)}</cite></blockquote>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}
.meta{color:#555;font-size:.9em}.upheld{color:#17622a}.overturned{color:#9b1c1c}.unverifiable{color:#6b5b00}
tr.overturned{background:#fdf0f0}tr.upheld{background:#f0f9f2}blockquote{margin:.2rem 0;padding-left:.6rem;border-left:3px solid #bbb}
cite{display:block;color:#555;font-size:.85em}.figure{font-weight:600}.cut{color:#9b1c1c}
table.cell{width:auto;margin:.2rem 0}table.cell th{background:#f4f4f4;font-weight:500}`;
