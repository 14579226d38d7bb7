import { collapseWhitespace } from '../../core/text.ts';
import { escapeMarkdown, escapeMarkdownCell, joinCellLines } from '../escape.ts';
import type { AuditClaimJson, AuditJson } from './audit-json.ts';

/** audit.md: summary, findings, one row per claim, then the evidence and the references. */
export function renderAuditMarkdown(audit: AuditJson): string {
  const out: string[] = [];
  const s = audit.summary;
  out.push(`# Audit of ${escapeMarkdown(audit.document_title ?? audit.document)}`, '');
  out.push(`- Document: ${escapeMarkdown(audit.document)} (${audit.document_kind})`);
  if (audit.question)
    out.push(`- Question (from the ${audit.question_source ?? 'document'}): ${escapeMarkdown(audit.question)}`);
  out.push(
    `- Verifier: ${escapeMarkdown(audit.engine)}; generated ${audit.generated_at} by litmus ${escapeMarkdown(audit.litmus_version)}`,
  );
  out.push(
    `- Claims: ${s.claims} — upheld ${s.upheld}, overturned ${s.overturned}, unverifiable ${s.unverifiable}`,
    `- References resolved: ${s.references_resolved ?? 0} of ${s.references ?? audit.references.length}`,
    '',
  );

  out.push('## Findings', '');
  if (audit.findings.length === 0) out.push('No findings about the document itself.');
  for (const f of audit.findings) out.push(`- **${f.kind.replaceAll('_', ' ')}**: ${escapeMarkdown(f.detail)}`);
  out.push('');

  out.push('## Claims', '');
  out.push('| # | Claim | Document | litmus | Agrees | Evidence |', '|---|---|---|---|---|---|');
  for (const c of audit.claims) out.push(claimRow(c));
  out.push('');

  out.push('## Evidence', '');
  for (const c of audit.claims) {
    out.push(`### Claim ${c.n}: ${c.verdict}${c.truncated ? ' (truncated claim)' : ''}`, '');
    out.push(`> ${escapeMarkdown(collapseWhitespace(c.text))}`, '');
    for (const n of c.numeric)
      out.push(`- Figure: claimed ${escapeMarkdown(n.claimed)}, paper says ${escapeMarkdown(n.found)}`);
    for (const e of c.evidence) {
      // Shown on one line (a blank line would end the list item); audit.json keeps the quote verbatim.
      out.push(
        `- ${escapeMarkdown(e.paper_id)} (${escapeMarkdown(e.location)}): “${escapeMarkdown(collapseWhitespace(e.quote))}”`,
      );
    }
    out.push(`- Why: ${escapeMarkdown(collapseWhitespace(c.rationale))}`, '');
  }

  out.push('## References', '');
  out.push('| Ref | Entry | Paper | Note |', '|---|---|---|---|');
  for (const r of audit.references) {
    out.push(
      `| ${escapeMarkdownCell(r.key)} | ${escapeMarkdownCell(r.text)} | ${escapeMarkdownCell(r.paper_id ?? '—')} | ${escapeMarkdownCell(r.error ?? (r.resolved_by ? `via ${r.resolved_by}` : ''))} |`,
    );
  }
  out.push('', `Confidence: ${escapeMarkdown(audit.calibration)}`, '');
  return out.join('\n');
}

function claimRow(c: AuditClaimJson): string {
  const documentSide = [
    c.document_mark ?? c.document_verdict ?? '—',
    c.document_confidence === null ? '' : String(c.document_confidence),
  ]
    .filter(Boolean)
    .join(' ');
  const verdict = `${c.verdict}${c.confidence === null ? '' : ` (${c.confidence.toFixed(2)})`}`;
  const agrees = c.agrees_with_document === null ? '—' : c.agrees_with_document ? 'yes' : '**no**';
  const evidence = joinCellLines([
    ...c.numeric.map((n) => escapeMarkdownCell(`claimed ${n.claimed}, paper: ${n.found}`)),
    ...c.evidence.slice(0, 1).map((e) => escapeMarkdownCell(`${e.paper_id}: “${e.quote}”`)),
  ]);
  const text = escapeMarkdownCell(c.text) + (c.truncated ? ' *(cut off)*' : '');
  return `| ${c.n} | ${text} | ${escapeMarkdownCell(documentSide)} | ${verdict} | ${agrees} | ${evidence} |`;
}
