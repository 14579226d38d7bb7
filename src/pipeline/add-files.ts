import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { LitmusError, usageError } from '../core/errors.ts';
import { detectKind, supportedExtensions } from '../ingest/ingest-document.ts';
import type { Store } from '../store/db.ts';
import { type AddResult, type IngestOptions, ingestInput } from './ingest-input.ts';
import { createParseAhead } from './parse-pool.ts';

export interface AddFilesOptions {
  maxBytes: number;
  retryFailed?: boolean;
  onProgress?: (result: AddResult) => void;
  /** Called once the inputs are expanded, with how many files will be processed. */
  onPlanned?: (count: number) => void;
}

/** Expands files and directories (recursively, supported extensions only, in a stable order). */
export function expandInputs(paths: string[]): string[] {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw usageError('E_NOT_FOUND', `no such file or directory: ${missing.join(', ')}`, 'check the path');
  }
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else files.push(path);
  }
  return [...new Set(files)];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && supportedExtensions.includes(extname(entry.name).slice(1).toLowerCase())) out.push(path);
  }
  return out;
}

/** `litmus add <file|dir>...`: every file is ingested or fails on its own; the batch goes on. */
export async function addFiles(store: Store, paths: string[], options: AddFilesOptions): Promise<AddResult[]> {
  const files = expandInputs(paths);
  options.onPlanned?.(files.length);
  const results: AddResult[] = [];
  // Several files: parse them on every core (worker threads) while this thread writes, in order.
  const ahead = files.length > 1 ? createParseAhead(store, options) : undefined;
  try {
    for (const [index, file] of files.entries()) {
      ahead?.prefetch(files.slice(index, index + ahead.window));
      const result = await addOneFile(store, file, { ...options, parse: ahead?.parse });
      results.push(result);
      options.onProgress?.(result);
    }
  } finally {
    await ahead?.close();
  }
  return results;
}

async function addOneFile(
  store: Store,
  file: string,
  options: AddFilesOptions & Pick<IngestOptions, 'parse'>,
): Promise<AddResult> {
  const absolute = resolve(file);
  const display = relative(process.cwd(), absolute).startsWith('..') ? absolute : file;
  const failed = (error: LitmusError): AddResult => ({
    path: display,
    paper_id: null,
    title: null,
    pages: null,
    passages: 0,
    status: 'failed',
    error: error.toLine(),
    code: error.code,
  });
  const size = statSync(absolute).size;
  if (size > options.maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return failed(
      new LitmusError('E_TOO_LARGE', `${display} is ${mb(size)}, over the ${mb(options.maxBytes)} limit`, {
        hint: 'raise it with --max-bytes <n> if the file is really a paper',
      }),
    );
  }
  const kind = detectKind(absolute, readHead(absolute));
  if (!kind) {
    return failed(
      new LitmusError('E_UNSUPPORTED', `${display}: unsupported file type`, {
        hint: `litmus reads ${supportedExtensions.map((e) => `.${e}`).join(' ')}`,
      }),
    );
  }
  const bytes = new Uint8Array(readFileSync(absolute));
  const result = await ingestInput(
    store,
    { name: absolute, bytes, kind, origin: `file:${absolute}` },
    { maxBytes: options.maxBytes, retryFailed: options.retryFailed, parse: options.parse },
  );
  return { ...result, path: display, error: result.error?.replaceAll(absolute, display) };
}

function readHead(path: string): Uint8Array {
  const buffer = Buffer.alloc(1024);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, buffer, 0, 1024, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
