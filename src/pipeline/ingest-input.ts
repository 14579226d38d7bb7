import { basename, extname } from 'node:path';
import { asErrorCode, LitmusError, toLitmusError } from '../core/errors.ts';
import { sha256 } from '../core/hash.ts';
import { slugify } from '../core/text.ts';
import type { DocumentKind, Paper } from '../core/types.ts';
import { type IngestDocumentInput, type IngestedDocument, ingestDocument } from '../ingest/ingest-document.ts';
import type { Store } from '../store/store.ts';

export interface IngestInput {
  /** Path or URL, used in messages and as the failure-record key. */
  name: string;
  bytes: Uint8Array;
  kind: DocumentKind;
  /** Where the bytes came from: "file:/abs/path" or a URL. */
  origin: string;
  /** Metadata from a source (arXiv…); absent for local files, where it is derived from the text. */
  paper?: Paper;
}

export interface AddResult {
  path: string;
  paper_id: string | null;
  title: string | null;
  pages: number | null;
  passages: number;
  status: 'added' | 'unchanged' | 'failed';
  error?: string;
  code?: string;
  /** What the parser was unsure of (an encoding guessed, an unreadable page), for the user to see. */
  warnings?: string[];
}

export interface IngestOptions {
  retryFailed?: boolean;
  maxBytes: number;
  /** The ingest stage; default in this thread. `addFiles` passes the worker pool's (parse-pool.ts). */
  parse?: (input: IngestDocumentInput) => Promise<IngestedDocument>;
}

/**
 * Ingests one document: unchanged content is a no-op, a failure is recorded and skipped next time
 * (unless retryFailed), and everything for one paper is written in one transaction so a killed
 * process leaves either the whole paper or nothing.
 */
export async function ingestInput(store: Store, input: IngestInput, options: IngestOptions): Promise<AddResult> {
  const contentHash = sha256(input.bytes);
  const failed = (error: LitmusError): AddResult => ({
    path: input.name,
    paper_id: input.paper?.id ?? null,
    title: input.paper?.title ?? null,
    pages: null,
    passages: 0,
    status: 'failed',
    error: error.toLine(),
    code: error.code,
  });

  if (input.bytes.byteLength > options.maxBytes) {
    return failed(tooLarge(input.name, input.bytes.byteLength, options.maxBytes));
  }

  const existing = await store.documents.findByHash(contentHash);
  if (existing && (!input.paper || existing.paperId === input.paper.id)) {
    if (input.paper) await store.papers.upsert(input.paper);
    return unchanged(store, input.name, existing.paperId, existing.id);
  }

  const previousFailure = await store.ingestFailures.get(input.name);
  if (previousFailure && previousFailure.contentHash === contentHash && !options.retryFailed) {
    return failed(
      new LitmusError(
        asErrorCode(previousFailure.code, 'E_PARSE_FAILED'),
        `${previousFailure.message} (failed before; skipped)`,
        {
          hint: 'rerun with --retry-failed to try again',
        },
      ),
    );
  }

  let ingested: IngestedDocument;
  try {
    ingested = await (options.parse ?? ingestDocument)({ name: input.name, bytes: input.bytes, kind: input.kind });
  } catch (error) {
    const litmusError = toParseError(input.name, error);
    await store.ingestFailures.record({
      input: input.name,
      contentHash,
      code: litmusError.code,
      message: litmusError.message,
    });
    return failed(litmusError);
  }

  const { parsed, passages } = ingested;
  const paperId = await store.transaction(async (tx) => {
    const paper = input.paper ?? (await localPaper(tx, input, parsed.title, parsed.abstract, parsed.authors));
    await tx.papers.upsert(paper, input.paper ? null : input.name);
    await tx.documents.deleteOfPaper(paper.id);
    await tx.documents.insert({
      paperId: paper.id,
      kind: input.kind,
      contentHash,
      bytes: input.bytes.byteLength,
      origin: input.origin,
      parsed,
      passages,
    });
    await tx.ingestFailures.clear(input.name);
    return paper.id;
  });
  const paper = (await store.papers.get(paperId))!;
  return {
    path: input.name,
    paper_id: paperId,
    title: paper.title,
    pages: parsed.pages.length > 0 ? parsed.pages.length : null,
    passages: passages.length,
    status: 'added',
    ...(parsed.warnings.length > 0 ? { warnings: parsed.warnings } : {}),
  };
}

async function unchanged(store: Store, name: string, paperId: string, documentId: number): Promise<AddResult> {
  const row = await store.documents.counts(documentId);
  const paper = await store.papers.get(paperId);
  return {
    path: name,
    paper_id: paperId,
    title: paper?.title ?? null,
    pages: row.pages,
    passages: row.passages,
    status: 'unchanged',
  };
}

/** A local file's paper: same path → same paper (a changed file replaces its text); else a new id. */
async function localPaper(
  store: Store,
  input: IngestInput,
  title: string | null,
  abstract: string | null,
  authors: Paper['authors'],
): Promise<Paper> {
  const known = await store.papers.findBySourcePath(input.name);
  const stem = basename(input.name, extname(input.name));
  let id = known?.id;
  if (!id) {
    const base = `local:${slugify(stem, 48)}`;
    id = base;
    for (let n = 2; await store.papers.exists(id); n += 1) id = `${base}-${n}`;
  }
  return {
    id,
    workId: id,
    source: 'local',
    externalId: input.name,
    version: null,
    title: title?.trim() || stem,
    authors,
    published: null,
    updated: null,
    categories: [],
    licence: null,
    abstract,
    url: null,
  };
}

function tooLarge(name: string, bytes: number, maxBytes: number): LitmusError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new LitmusError('E_TOO_LARGE', `${name} is ${mb(bytes)}, over the ${mb(maxBytes)} limit`, {
    hint: 'raise it with --max-bytes <n> if the file is really a paper',
  });
}

function toParseError(name: string, error: unknown): LitmusError {
  if (LitmusError.isInstance(error)) {
    return error.message.includes(name)
      ? error
      : new LitmusError(error.code, `${name}: ${error.message}`, { hint: error.hint, cause: error });
  }
  const base = toLitmusError(error, 'E_PARSE_FAILED');
  return new LitmusError('E_PARSE_FAILED', `${name}: could not be parsed (${base.message.split('\n')[0]})`, {
    hint: 'check that the file is a readable PDF, HTML, Markdown or text document',
    cause: error,
  });
}
