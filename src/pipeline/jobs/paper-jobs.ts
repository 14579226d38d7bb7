import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { ReportExperiment } from '../../report/report-model.ts';
import type { Store } from '../../store/store.ts';
import { type ArxivAddResult, addArxivPapers } from '../add-arxiv.ts';
import type { Engines } from '../engines.ts';
import { extractPaperClaims } from '../extract-paper-claims.ts';
import { assessVerifiedClaims } from '../report/assess.ts';
import type { AssessedClaimRecord } from '../report/report-types.ts';
import { verifyStoredClaims } from '../verify-stored-claims.ts';

/**
 * The per-paper jobs a worker runs: fetch and ingest one arXiv version, extract one paper's claims,
 * verify one paper's relevant claims. Each is safe to run twice: ingest answers a stored version from
 * the store, claims keep their ids by (paper, engine, text), and a verdict over the same evidence is
 * reused, so a job retried after its worker died finishes the work without duplicating a row.
 */
export interface PaperJobDeps {
  store: Store;
  config: Config;
  http: HttpClient;
  /** The engines of a kind, built once per worker. */
  engines(kind: 'embedded' | 'llm'): Promise<Engines>;
  matchExperiment?: (claimText: string) => ReportExperiment | null;
  warn: (line: string) => void;
}

/** Fetch (HTML, else PDF) and ingest one arXiv version, its document written in one transaction. */
export interface IngestJobData {
  arxivId: string;
  /** Try again an input whose last ingest failed (`add --retry-failed`). */
  retryFailed?: boolean;
  /** `add --max-bytes`: the coordinator's limit, else the worker's config. */
  maxBytes?: number;
}
export type IngestJobOutput = ArxivAddResult;

export interface ExtractJobData {
  paperId: string;
  engine: 'embedded' | 'llm';
  question: string;
  claimsPerPaper: number;
  claimThreshold: number;
}
export interface ExtractJobOutput {
  /** Claims at or above the threshold, in extraction order. */
  relevant: number[];
  other: number;
  warnings: string[];
}

export interface VerifyJobData {
  paperId: string;
  engine: 'embedded' | 'llm';
  claimIds: number[];
  corpusPaperIds: string[];
}
export interface VerifyJobOutput {
  records: AssessedClaimRecord[];
  warnings: string[];
}

export async function runIngestJob(data: IngestJobData, deps: PaperJobDeps): Promise<IngestJobOutput> {
  const [result] = await addArxivPapers(deps.store, deps.config, [data.arxivId], {
    http: deps.http,
    warn: deps.warn,
    ...(data.retryFailed ? { retryFailed: true } : {}),
    ...(data.maxBytes !== undefined ? { maxBytes: data.maxBytes } : {}),
  });
  if (!result) throw new LitmusError('E_NOT_FOUND', `arXiv paper ${data.arxivId} was not retrieved`);
  return result;
}

export async function runExtractJob(data: ExtractJobData, deps: PaperJobDeps): Promise<ExtractJobOutput> {
  const engines = await deps.engines(data.engine);
  const extracted = await extractPaperClaims(deps.store, engines.extractor, data.paperId, {
    question: data.question,
    maxClaims: data.claimsPerPaper,
  });
  const relevant = extracted.claims.filter((claim) => claim.relevance >= data.claimThreshold);
  return {
    relevant: relevant.map((claim) => claim.id),
    other: extracted.claims.length - relevant.length,
    warnings: extracted.warnings.map((w) => w.message),
  };
}

export async function runVerifyJob(data: VerifyJobData, deps: PaperJobDeps): Promise<VerifyJobOutput> {
  const engines = await deps.engines(data.engine);
  const stored = new Map((await deps.store.claims.list(data.paperId)).map((claim) => [claim.id, claim]));
  const claims = data.claimIds.map((id) => {
    const claim = stored.get(id);
    if (!claim) throw new LitmusError('E_NOT_FOUND', `claim ${id} of ${data.paperId} is not in the store`);
    return claim;
  });
  const verification = await verifyStoredClaims(deps.store, engines.verifier, claims, {
    corpusPaperIds: data.corpusPaperIds,
  });
  const records = await assessVerifiedClaims(verification.verified, {
    store: deps.store,
    verifier: engines.verifier,
    paperIds: data.corpusPaperIds,
    matchExperiment: deps.matchExperiment,
  });
  return { records, warnings: verification.warnings.map((w) => w.message) };
}
