import { readFileSync, statSync } from 'node:fs';
import { LitmusError, toLitmusError } from '../../core/errors.ts';
import type { DocumentKind } from '../../core/types.ts';
import { detectKind, ingestDocument } from '../../ingest/ingest-document.ts';

export interface AuditDocumentText {
  kind: DocumentKind;
  text: string;
  /** From PDF metadata or HTML <title>; null for Markdown and text, whose title is in the text. */
  title: string | null;
}

/**
 * The text of the document under audit. Markdown and plain text are read raw, so tables keep their
 * pipes and tabs; HTML and PDF go through the ingest stage. A document that cannot be read is the one
 * failure of `litmus audit` (exit 1): nothing can be checked without it.
 */
export async function readAuditDocument(path: string, maxBytes: number): Promise<AuditDocumentText> {
  let bytes: Uint8Array;
  try {
    if (!statSync(path).isFile()) throw new LitmusError('E_AUDIT_UNREADABLE', 'not a file');
    if (statSync(path).size > maxBytes)
      throw new LitmusError('E_AUDIT_UNREADABLE', `larger than the ${maxBytes}-byte limit`);
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new LitmusError('E_AUDIT_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, {
      hint: 'give the path of a Markdown, text, HTML or PDF document',
      cause: error,
    });
  }
  const kind = detectKind(path, bytes.subarray(0, 1024)) ?? 'text';
  if (kind === 'markdown' || kind === 'text') {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new LitmusError('E_AUDIT_UNREADABLE', `${path} is empty`, { hint: 'check the file' });
    return { kind, text, title: null };
  }
  try {
    const { parsed } = await ingestDocument({ name: path, bytes, kind });
    return { kind, text: parsed.fullText, title: parsed.title };
  } catch (error) {
    const cause = toLitmusError(error, 'E_PARSE_FAILED');
    throw new LitmusError('E_AUDIT_UNREADABLE', `cannot read ${path}: ${cause.message}`, {
      hint: cause.hint ?? 'check that the file is a readable PDF or HTML document',
      cause: error,
    });
  }
}
