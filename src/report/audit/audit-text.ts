import { collapseWhitespace } from '../../core/text.ts';
import type { AuditCheckJson, AuditClaimJson, AuditEvidenceJson, AuditJson } from './audit-json.ts';

/**
 * Plain-text pieces both audit renderers show: the stated-by and independent-support verdicts, and
 * one line per evidence item (a table cell by its address and headers, else the quote). Escaping is
 * the renderer's job.
 */

/** Says what the two verdict columns mean, under the claims table. */
export const SPLIT_LEGEND =
  'Stated by: the claim checked against the paper it cites only (a faithfulness check: does the source say it?). ' +
  'Independent support: the other papers of this audit, each judged on its own; "none found" means the claim rests on its source’s word alone.';

/** Stated-by and independent support get their own columns once more than one paper is in play. */
export function severalPapers(audit: AuditJson): boolean {
  const papers = new Set<string>();
  for (const r of audit.references) if (r.paper_id) papers.add(r.paper_id);
  for (const c of audit.claims) for (const other of c.independent ?? []) papers.add(other.paper_id);
  return papers.size > 1;
}

/** "Independent support: 2 claims backed by another paper, 3 resting on their source alone, 1 contradicted elsewhere". */
export function independenceLine(audit: AuditJson): string | null {
  const s = audit.summary;
  if (!severalPapers(audit) || s.source_only === undefined) return null;
  const claims = (n: number) => `${n} claim${n === 1 ? '' : 's'}`;
  return `Independent support: ${claims(s.independently_supported ?? 0)} backed by another paper, ${claims(s.source_only)} resting on their cited paper's word alone, ${claims(s.contradicted_elsewhere ?? 0)} contradicted by another paper`;
}

/** What the cited paper says: the faithfulness verdict, or why there is none. */
export function citedVerdict(c: AuditClaimJson): string {
  if (c.basis === 'corpus') return '— (cites no paper)';
  if (c.basis === 'none') return `${c.verdict} (cited paper not readable)`;
  return `${c.verdict}${confidence(c.confidence)}`;
}

/** What other papers say, one line each; a claim citing nothing was judged on all of them at once. */
export function independentVerdicts(c: AuditClaimJson): string[] {
  if (c.basis === 'corpus') return [`${c.verdict}${confidence(c.confidence)} from the audit's papers`];
  const others = c.independent ?? [];
  if (others.length === 0) return ['none found'];
  return others.map(
    (o) => `${o.verdict} by ${o.reference ? `[${o.reference}] ` : ''}${o.paper_id}${confidence(o.confidence)}`,
  );
}

/** "Check (strength): the claim says … (was SUPPORTED)": why a deterministic check kept or changed the verdict. */
export function checkLine(check: AuditCheckJson): string {
  return `Check (${check.rule}): ${check.detail}${check.from ? ` (the engine said ${check.from})` : ''}`;
}

/** A table cell as "Table 2, row SQuAD, column Avg: 8.4"; a quote as “…” with its paper and place. */
export function evidenceLine(e: AuditEvidenceJson): string {
  if (e.cell) {
    return `${e.paper_id}: ${e.cell.address} (row ${e.cell.row.join(' > ') || '—'}; column ${e.cell.column.join(' > ') || '—'})`;
  }
  return `${e.paper_id} (${e.location}): “${collapseWhitespace(e.quote)}”`;
}

export function truncationNote(c: AuditClaimJson): string {
  return c.truncation_reason ?? 'cut off';
}

function confidence(value: number | null): string {
  return value === null ? '' : ` (${value.toFixed(2)})`;
}
