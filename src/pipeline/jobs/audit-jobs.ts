import type { Warning } from '../../core/types.ts';
import type { AuditClaimJson } from '../../report/audit/audit-json.ts';
import { createSemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';
import type { DocumentClaim, DocumentReference } from '../audit/document-types.ts';
import { type ReferenceResolution, viaSemanticScholar } from '../audit/resolve-references.ts';
import { checkClaim } from '../audit/verify-document-claims.ts';
import { tablesOf } from '../retrieve-evidence.ts';
import type { PaperJobDeps } from './paper-jobs.ts';

/**
 * The per-reference and per-claim jobs of `litmus audit` (arXiv references are ordinary ingest jobs,
 * shared with report and add). Both are safe to run twice: a lookup ingests through the same
 * idempotent paths as `add`, and checking a claim writes nothing, its verdict going back to the
 * coordinator as the job's output.
 */

/** A reference without an arXiv id, looked up through Semantic Scholar and its full text ingested. */
export interface ResolveJobData {
  reference: DocumentReference;
}
export type ResolveJobOutput = Omit<ReferenceResolution, 'key'>;

/** One claim of the document, checked against its cited papers (and the others for independent support). */
export interface CheckJobData {
  claim: DocumentClaim;
  engine: 'embedded' | 'llm';
  /** Reference key → paper id, as the resolve stage found them. */
  paperOf: [string, string | null][];
  corpus: string[];
}
export interface CheckJobOutput {
  claim: AuditClaimJson;
  warnings: Warning[];
}

export async function runResolveJob(data: ResolveJobData, deps: PaperJobDeps): Promise<ResolveJobOutput> {
  const s2 = createSemanticScholarSource({ http: deps.http, config: deps.config });
  const { key: _key, ...resolution } = await viaSemanticScholar(data.reference, s2, {
    store: deps.store,
    config: deps.config,
    http: deps.http,
    log: deps.warn,
  });
  return resolution;
}

export async function runCheckJob(data: CheckJobData, deps: PaperJobDeps): Promise<CheckJobOutput> {
  const engines = await deps.engines(data.engine);
  const warnings: Warning[] = [];
  const claim = await checkClaim(data.claim, {
    store: deps.store,
    verifier: engines.verifier,
    paperOf: new Map(data.paperOf),
    corpus: data.corpus,
    warn: (warning) => warnings.push(warning),
    tablesOf: (id) => tablesOf(deps.store, [id]),
  });
  return { claim, warnings };
}
