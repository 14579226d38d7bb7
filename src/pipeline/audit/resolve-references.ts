import { resolve } from 'node:path';
import type { DocumentReference } from './document-types.ts';
import { formatArxiv } from './references.ts';
import { sameWork, workMentions } from './work-ids.ts';
import type { Config } from '../../config/schema.ts';
import { toLitmusError, usageError } from '../../core/errors.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import { createSemanticScholarSource, type S2Work } from '../../sources/semantic-scholar/s2-source.ts';
import type { Store } from '../../store/store.ts';
import { type ArxivAddResult, addArxivPapers } from '../add-arxiv.ts';
import { addFiles } from '../add-files.ts';
import { ingestInput } from '../ingest-input.ts';

/** `--paper <id>=<file>`: a local file standing for a reference (offline audits). */
export interface PaperFile {
  id: string;
  file: string;
}

const OFFLINE = 'not fetched: offline and not in the cache (give it with --paper <id>=<file>)';

export interface ReferenceResolution {
  key: string;
  paperId: string | null;
  by: 'file' | 'arxiv' | 'semantic-scholar' | null;
  error: string | null;
}

export interface ResolveDeps {
  store: Store;
  config: Config;
  http: HttpClient;
  log?: (line: string) => void;
  /** Where references are fetched: in this process by default; by `litmus worker`s on Postgres. */
  lookups?: ReferenceLookups;
}

/**
 * The network half of resolving: arXiv references fetched and ingested, the others looked up through
 * Semantic Scholar. `failures` names lookups that did not run to an answer (a job that failed after its
 * retries): their references are unresolved and the audit run is partial, never ok.
 */
export interface ReferenceLookups {
  arxiv(references: DocumentReference[]): Promise<LookupOutcome>;
  semanticScholar(references: DocumentReference[]): Promise<LookupOutcome>;
}
export interface LookupOutcome {
  resolutions: ReferenceResolution[];
  failures: string[];
}

export interface ResolveArtifact {
  resolutions: ReferenceResolution[];
  extraPaperIds: string[];
  /** Lookups that failed to run (see ReferenceLookups); absent in stages saved before there were any. */
  failures?: string[];
}

/** `<id>=<file>`, split at the last "=" so an id may be a URL with a query ("openreview.net/forum?id=…"). */
export function parsePaperFile(spec: string): PaperFile {
  const at = spec.lastIndexOf('=');
  if (at <= 0 || at === spec.length - 1) {
    throw usageError(
      'E_PAPER_SPEC',
      `--paper "${spec}" is not <id>=<file>`,
      'e.g. --paper 2401.00001=papers/codebridge.pdf',
    );
  }
  return { id: spec.slice(0, at).trim(), file: spec.slice(at + 1).trim() };
}

/**
 * Does `--paper <id>` stand for this reference? Any identifier the reference gives counts, however
 * written: an arXiv id (without a version it stands for every version), a DOI or DOI URL, an ACL
 * Anthology id or URL, an OpenReview URL, a publisher page; else the reference's number or key.
 */
export function fileMatches(spec: string, reference: DocumentReference): boolean {
  const mentions = workMentions(spec.trim(), true);
  if (mentions.length > 0) return mentions.some((mention) => sameWork(reference, mention));
  return spec.trim().replace(/^\[|\]$/g, '') === reference.key;
}

/**
 * Finds the full text of every reference: a `--paper` file first, then arXiv (HTML or PDF), then
 * Semantic Scholar for DOIs and titles (its arXiv id, else its open-access PDF). A reference that
 * cannot be found is recorded with the reason; it never stops the audit.
 */
export async function resolveReferences(
  references: DocumentReference[],
  files: PaperFile[],
  deps: ResolveDeps,
): Promise<ResolveArtifact> {
  const { store, config } = deps;
  const out = new Map<string, ReferenceResolution>();
  const ingestedFiles = new Map<string, { paperId: string | null; error: string | null }>();
  for (const reference of references) {
    const file = files.find((f) => fileMatches(f.id, reference));
    if (!file) continue;
    const path = resolve(file.file);
    if (!ingestedFiles.has(path)) {
      const [result] = await addFiles(store, [file.file], { maxBytes: config.maxBytes });
      ingestedFiles.set(path, { paperId: result?.paper_id ?? null, error: result?.error ?? null });
      deps.log?.(`paper ${file.id}: ${result?.status ?? 'failed'} from ${file.file}`);
    }
    const ingested = ingestedFiles.get(path)!;
    out.set(reference.key, {
      key: reference.key,
      paperId: ingested.paperId,
      by: ingested.paperId ? 'file' : null,
      error: ingested.error,
    });
  }
  // A file no reference names still joins the corpus the claims are checked against.
  const extraPaperIds: string[] = [];
  for (const file of files.filter((f) => !references.some((r) => fileMatches(f.id, r)))) {
    deps.log?.(`paper ${file.id} is not cited by the document; it is used as corpus only`);
    const [result] = await addFiles(store, [file.file], { maxBytes: config.maxBytes });
    if (result?.paper_id) extraPaperIds.push(result.paper_id);
  }

  const lookups = deps.lookups ?? inProcessLookups(deps);
  const failures: string[] = [];
  const take = (outcome: LookupOutcome) => {
    for (const resolution of outcome.resolutions) out.set(resolution.key, resolution);
    failures.push(...outcome.failures);
  };
  const arxivRefs = references.filter((r) => !out.has(r.key) && r.arxiv !== null);
  if (arxivRefs.length > 0) take(await lookups.arxiv(arxivRefs));

  const lookable: DocumentReference[] = [];
  for (const reference of references) {
    if (out.has(reference.key)) continue;
    if (!reference.doi && !aclId(reference) && !reference.title) {
      out.set(reference.key, {
        key: reference.key,
        paperId: null,
        by: null,
        error: 'no arXiv id, DOI, ACL Anthology id or title to look it up by',
      });
    } else lookable.push(reference);
  }
  if (lookable.length > 0) take(await lookups.semanticScholar(lookable));
  return {
    resolutions: references.map((r) => out.get(r.key)!),
    extraPaperIds,
    ...(failures.length > 0 ? { failures } : {}),
  };
}

function inProcessLookups(deps: ResolveDeps): ReferenceLookups {
  return {
    async arxiv(references) {
      const results = await addArxivPapers(
        deps.store,
        deps.config,
        references.map((r) => formatArxiv(r.arxiv!)),
        { http: deps.http, warn: deps.log },
      );
      return { resolutions: arxivResolutions(references, results), failures: [] };
    },
    async semanticScholar(references) {
      const s2 = createSemanticScholarSource({ http: deps.http, config: deps.config });
      const resolutions: ReferenceResolution[] = [];
      for (const reference of references) resolutions.push(await viaSemanticScholar(reference, s2, deps));
      return { resolutions, failures: [] };
    },
  };
}

/** The arXiv references' resolutions from what adding their ids gave, in the same order. */
export function arxivResolutions(
  references: DocumentReference[],
  results: (Pick<ArxivAddResult, 'paper_id' | 'code' | 'error'> | undefined)[],
): ReferenceResolution[] {
  return references.map((reference, index) => {
    const result = results[index];
    return {
      key: reference.key,
      paperId: result?.paper_id ?? null,
      by: result?.paper_id ? 'arxiv' : null,
      error: result?.paper_id
        ? null
        : result?.code === 'E_OFFLINE'
          ? OFFLINE
          : (result?.error ?? 'arXiv returned nothing'),
    };
  });
}

/** What Semantic Scholar is asked for this reference: its DOI, else its ACL Anthology id, else its title. */
export function semanticScholarQuery(reference: DocumentReference): string | null {
  const acl = aclId(reference);
  if (reference.doi) return `DOI:${reference.doi}`;
  if (acl) return `ACL:${acl}`;
  return reference.title ? `title:${reference.title}` : null;
}

/** One reference through Semantic Scholar: its arXiv id fetched from arXiv, else its open-access PDF. */
export async function viaSemanticScholar(
  reference: DocumentReference,
  s2: ReturnType<typeof createSemanticScholarSource>,
  deps: Omit<ResolveDeps, 'lookups'>,
): Promise<ReferenceResolution> {
  const failed = (error: string): ReferenceResolution => ({ key: reference.key, paperId: null, by: null, error });
  let work: S2Work | null;
  try {
    const query = semanticScholarQuery(reference)!;
    work = query.startsWith('title:') ? await s2.matchTitle(reference.title!) : await s2.lookup(query);
  } catch (error) {
    const litmusError = toLitmusError(error);
    return failed(litmusError.code === 'E_OFFLINE' ? OFFLINE : litmusError.toLine());
  }
  if (!work) return failed(`Semantic Scholar has no paper titled "${reference.title}"`);
  if (work.arxivId) {
    const [result] = await addArxivPapers(deps.store, deps.config, [work.arxivId], { http: deps.http, warn: deps.log });
    if (result?.paper_id) return { key: reference.key, paperId: result.paper_id, by: 'semantic-scholar', error: null };
    return failed(result?.error ?? `arXiv:${work.arxivId} could not be fetched`);
  }
  try {
    const full = await s2.fullText(work.paper);
    if (!full) return failed(`${work.paper.title || reference.key}: no open-access full text`);
    const result = await ingestInput(
      deps.store,
      { name: work.paper.id, bytes: full.bytes, kind: full.kind, origin: full.url, paper: work.paper },
      { maxBytes: deps.config.maxBytes },
    );
    if (result.paper_id && result.status !== 'failed')
      return { key: reference.key, paperId: result.paper_id, by: 'semantic-scholar', error: null };
    return failed(result.error ?? 'the open-access full text could not be ingested');
  } catch (error) {
    return failed(toLitmusError(error).toLine());
  }
}

/** The ACL Anthology id a reference gives ("2020.acl-main.447"), which Semantic Scholar looks up as "ACL:<id>". */
function aclId(reference: DocumentReference): string | null {
  const id = reference.ids.find((i) => i.startsWith('acl:'))?.slice(4) ?? null;
  // Ids are kept lower-case for comparison; old-style Anthology ids are written "P14-1129".
  return id && /^[a-z]\d{2}-\d{4}$/.test(id) ? id.toUpperCase() : id;
}
