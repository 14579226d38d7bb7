/**
 * A worker thread of the parse pool (src/pipeline/parse-pool.ts): parses one document per task (the
 * first half of the ingest stage; the main thread finishes it).
 * Errors cross the thread boundary as plain data, so a LitmusError keeps its code and hint.
 */
import { LitmusError } from '../core/errors.ts';
import type { DocumentKind, ParsedDocument } from '../core/types.ts';
import { parseDocument } from './ingest-document.ts';

export interface ParseTask {
  name: string;
  bytes: Uint8Array;
  kind: DocumentKind;
}

export type ParseOutcome =
  | { ok: true; parsed: ParsedDocument }
  | { ok: false; litmus: boolean; code: string; message: string; hint?: string; stack?: string }
  /** The pool itself failed (a worker could not start or died): not the document's fault. */
  | { ok: false; poolFailure: true; message: string };

export default async function parseTask(task: ParseTask): Promise<ParseOutcome> {
  try {
    return { ok: true, parsed: await parseDocument(task) };
  } catch (error) {
    if (LitmusError.isInstance(error)) {
      return { ok: false, litmus: true, code: error.code, message: error.message, hint: error.hint };
    }
    const plain = error instanceof Error ? error : new Error(String(error));
    return { ok: false, litmus: false, code: 'E_PARSE_FAILED', message: plain.message, stack: plain.stack };
  }
}
