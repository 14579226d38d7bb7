import { collapseWhitespace } from '../../core/text.ts';
import { referenceNote, retractedLine } from './reference-integrity.ts';
import { escapeMarkdown, escapeMarkdownCell, joinCellLines } from '../escape.ts';
import type { AuditClaimJson, AuditJson } from './audit-json.ts';
import {
  checkLine,
  citedVerdict,
  evidenceLine,
  independenceLine,
  independentVerdicts,
  SPLIT_LEGEND,
  severalPapers,
  truncationNote,
} from './audit-text.ts';

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
  );
  const independence = independenceLine(audit);
  if (independence) out.push(`- ${independence}`);
  const retracted = retractedLine(audit);
  if (retracted) out.push(`- **${escapeMarkdown(retracted)}**`);
  out.push('');

  out.push('## Findings', '');
  if (audit.findings.length === 0) out.push('No findings about the document itself.');
  for (const f of audit.findings) out.push(`- **${f.kind.replaceAll('_', ' ')}**: ${escapeMarkdown(f.detail)}`);
  out.push('');

  out.push('## Claims', '');
  // With several papers, what the cited paper states (faithfulness) and what other papers say are apart.
  const split = severalPapers(audit);
  if (split) {
    out.push(
      '| # | Claim | Document | Stated by (cited paper) | Independent support (other papers) | Agrees | Evidence |',
      '|---|---|---|---|---|---|---|',
    );
  } else out.push('| # | Claim | Document | litmus | Agrees | Evidence |', '|---|---|---|---|---|---|');
  for (const c of audit.claims) out.push(claimRow(c, split));
  out.push('');
  if (split) out.push(escapeMarkdown(SPLIT_LEGEND), '');

  out.push('## Evidence', '');
  for (const c of audit.claims) {
    out.push(`### Claim ${c.n}: ${c.verdict}${c.truncated ? ` (truncated claim: ${truncationNote(c)})` : ''}`, '');
    out.push(`> ${escapeMarkdown(collapseWhitespace(c.text))}`, '');
    for (const n of c.numeric)
      out.push(`- Figure: claimed ${escapeMarkdown(n.claimed)}, paper says ${escapeMarkdown(n.found)}`);
    // Shown on one line (a blank line would end the list item); audit.json keeps the quote verbatim.
    for (const e of c.evidence) out.push(`- ${escapeMarkdown(evidenceLine(e))}`);
    for (const check of c.checks ?? []) out.push(`- ${escapeMarkdown(checkLine(check))}`);
    for (const other of c.independent ?? []) {
      out.push(`- Independent: ${escapeMarkdown(other.paper_id)} — ${other.verdict}`);
      for (const e of other.evidence.slice(0, 1)) out.push(`  - ${escapeMarkdown(evidenceLine(e))}`);
    }
    out.push(`- Why: ${escapeMarkdown(collapseWhitespace(c.rationale))}`, '');
  }

  out.push('## References', '');
  out.push('| Ref | Entry | Paper | Note |', '|---|---|---|---|');
  for (const r of audit.references) {
    out.push(
      `| ${escapeMarkdownCell(r.key)} | ${escapeMarkdownCell(r.text)} | ${escapeMarkdownCell(r.paper_id ?? '—')} | ${escapeMarkdownCell(referenceNote(r))} |`,
    );
  }
  out.push('', `Confidence: ${escapeMarkdown(audit.calibration)}`, '');
  return out.join('\n');
}

function claimRow(c: AuditClaimJson, split: boolean): string {
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
    ...c.evidence.slice(0, 1).map((e) => escapeMarkdownCell(evidenceLine(e))),
  ]);
  const text =
    escapeMarkdownCell(c.text) + (c.truncated ? ` *(cut off: ${escapeMarkdownCell(truncationNote(c))})*` : '');
  const judged = split
    ? `${escapeMarkdownCell(citedVerdict(c))} | ${joinCellLines(independentVerdicts(c).map(escapeMarkdownCell))}`
    : verdict;
  return `| ${c.n} | ${text} | ${escapeMarkdownCell(documentSide)} | ${judged} | ${agrees} | ${evidence} |`;
}
