import type { DocumentFinding } from './document-types.ts';
import { describeIntegrity, mayInformAnswer, type PaperIntegrity } from '../../core/integrity.ts';
import type { Paper } from '../../core/types.ts';
import type { AuditClaimJson, AuditReferenceJson } from '../../report/audit/audit-json.ts';
import type { CrossrefClient } from '../../sources/crossref/crossref-client.ts';
import { checkDoi, checkPapers, isOffline } from '../check-integrity.ts';

export interface CitedIntegrityDeps {
  crossref: CrossrefClient;
  paper: (paperId: string) => Paper | undefined | Promise<Paper | undefined>;
  warn: (line: string) => void;
}

/**
 * Checks every reference of an audited document: a resolved paper against arXiv withdrawal and
 * Crossref's notices (its own DOI), an unresolved one by the DOI the entry gives. Each reference gets
 * its `integrity`; a retracted or withdrawn one becomes a finding naming the claims that cite it.
 */
export async function checkCitedIntegrity(
  references: AuditReferenceJson[],
  claims: AuditClaimJson[],
  deps: CitedIntegrityDeps,
): Promise<{ references: AuditReferenceJson[]; findings: DocumentFinding[] }> {
  const findings: DocumentFinding[] = [];
  const checked: AuditReferenceJson[] = [];
  for (const reference of references) {
    const integrity = await checkReference(reference, deps);
    if (!integrity) {
      checked.push(reference);
      continue;
    }
    const { status, notices, unchecked_reason } = integrity;
    checked.push({ ...reference, integrity: { status, notices, unchecked_reason } });
    if (mayInformAnswer(status)) continue;
    const citing = claims.filter((c) => c.cited.some((x) => x.reference === reference.key)).map((c) => c.n);
    findings.push({
      kind: 'retracted_reference',
      reference: reference.key,
      detail: `reference ${/^\d+$/.test(reference.key) ? `[${reference.key}]` : reference.key}${reference.title ? ` ("${reference.title}")` : ''} is ${describeIntegrity(integrity)}${citing.length > 0 ? `; claim(s) ${citing.join(', ')} rest on it` : ''}`,
    });
  }
  return { references: checked, findings };
}

async function checkReference(reference: AuditReferenceJson, deps: CitedIntegrityDeps): Promise<PaperIntegrity | null> {
  const paper = reference.paper_id ? await deps.paper(reference.paper_id) : undefined;
  try {
    if (paper) {
      // The entry's DOI may be the journal's while the stored paper is the arXiv preprint: ask for both.
      const withDoi = paper.doi || !reference.doi ? paper : { ...paper, doi: reference.doi };
      const check = (
        await checkPapers([withDoi], { crossref: deps.crossref, fullTextOf: () => undefined, warn: deps.warn })
      ).get(paper.id)!;
      return check.integrity;
    }
    return reference.doi ? await checkDoi(reference.doi, deps.crossref) : null;
  } catch (error) {
    const offline = isOffline(error);
    const reason = offline
      ? `doi:${reference.doi} is not in the cache and the run is offline`
      : `retraction check failed: ${(error as Error).message}`;
    if (!offline) deps.warn(`reference ${reference.key}: ${reason}`);
    return { paper_id: reference.key, status: 'unchecked', notices: [], checked: [], unchecked_reason: reason };
  }
}
