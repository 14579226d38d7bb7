import { describeIntegrity } from '../../core/integrity.ts';
import type { AuditJson, AuditReferenceJson } from './audit-json.ts';

/** The reference table's note: a notice on the cited paper comes first, then how it was resolved. */
export function referenceNote(r: AuditReferenceJson): string {
  const resolved = r.error ?? (r.resolved_by ? `via ${r.resolved_by}` : '');
  const integrity = r.integrity;
  if (!integrity || integrity.status === 'clean' || integrity.status === 'unchecked') return resolved;
  return [`${integrity.status.toUpperCase()}: ${describeIntegrity(integrity)}`, resolved].filter(Boolean).join('; ');
}

/** "Retracted or withdrawn references: 1", for the summary; null when there are none. */
export function retractedLine(audit: AuditJson): string | null {
  const n = audit.summary.retracted_references ?? 0;
  return n > 0
    ? `Retracted or withdrawn references: ${n} (see Findings; claims resting on them are not sound support)`
    : null;
}
