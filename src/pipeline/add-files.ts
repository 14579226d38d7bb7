import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { LitmusError, usageError } from '../core/errors.ts';
import { detectKind, supportedExtensions } from '../ingest/ingest-document.ts';
import type { Store } from '../store/store.ts';
import { type AddResult, type IngestOptions, ingestInput } from './ingest-input.ts';
import { createParseAhead } from './parse-pool.ts';

export interface AddFilesOptions {
  maxBytes: number;
  retryFailed?: boolean;
  onProgress?: (result: AddResult) => void;
  /** Called once the inputs are expanded, with how many files will be processed. */
  onPlanned?: (count: number) => void;
}

/** A file to add: its path as given, and where a symlink led (followed only to regular files). */
export interface PlannedFile {
  path: string;
  linkTarget?: string;
  /** Why it cannot be read (a FIFO, a device, a dangling link): reported as a failed result. */
  refused?: LitmusError;
}

export type FileAddResult = AddResult & { symlink_target?: string };

/**
 * Expands files and directories (recursively, supported extensions only, in a stable order). Symlinks
 * to regular files are followed, inside directories too; anything that is not a regular file (a FIFO,
 * /dev/zero, a socket) is refused up front, because opening or reading it could block for ever.
 */
export function planInputs(paths: string[]): PlannedFile[] {
  const missing = paths.filter((path) => !existsSync(path) && !isSymlink(path));
  if (missing.length > 0) {
    throw usageError('E_NOT_FOUND', `no such file or directory: ${missing.join(', ')}`, 'check the path');
  }
  const files: PlannedFile[] = [];
  for (const path of paths) {
    if (!isSymlink(path) && statSync(path).isDirectory()) files.push(...walk(path));
    else files.push(planFile(path));
  }
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.path) && seen.add(file.path));
}

/** The paths `planInputs` would process. */
export function expandInputs(paths: string[]): string[] {
  return planInputs(paths).map((file) => file.path);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function planFile(path: string): PlannedFile {
  const link = isSymlink(path);
  let target: string | undefined;
  try {
    target = link ? realpathSync(path) : undefined;
  } catch {
    return { path, refused: notRegular(path, 'is a symlink to nothing (dangling)') };
  }
  const stats = statSync(path);
  if (!stats.isFile()) {
    const what = stats.isFIFO()
      ? 'a FIFO (named pipe)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : stats.isDirectory()
            ? 'a directory'
            : 'not a regular file';
    return { path, linkTarget: target, refused: notRegular(path, link ? `links to ${target}, ${what}` : `is ${what}`) };
  }
  return link ? { path, linkTarget: target } : { path };
}

function notRegular(path: string, reason: string): LitmusError {
  return new LitmusError('E_NOT_REGULAR', `${path} ${reason}; only regular files are read`, {
    hint: 'give the paper file itself',
    exitCode: 2,
  });
}

function walk(dir: string): PlannedFile[] {
  const out: PlannedFile[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (supportedExtensions.includes(extname(entry.name).slice(1).toLowerCase())) {
      // Symlinked directories are not followed (a link cycle would never end); everything else
      // with a paper's extension is planned, so a FIFO or device is reported rather than skipped.
      if (entry.isSymbolicLink() && isDirectory(path)) continue;
      out.push(planFile(path));
    }
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `litmus add <file|dir>...`: every file is ingested or fails on its own; the batch goes on. */
export async function addFiles(store: Store, paths: string[], options: AddFilesOptions): Promise<FileAddResult[]> {
  const files = planInputs(paths);
  options.onPlanned?.(files.length);
  const results: FileAddResult[] = [];
  // Several files: parse them on every core (worker threads) while this thread writes, in order.
  const ahead = files.length > 1 ? createParseAhead(store, options) : undefined;
  try {
    for (const [index, file] of files.entries()) {
      ahead?.prefetch(files.slice(index, index + ahead.window).map((planned) => planned.path));
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
  planned: PlannedFile,
  options: AddFilesOptions & Pick<IngestOptions, 'parse'>,
): Promise<FileAddResult> {
  const file = planned.path;
  const absolute = resolve(file);
  const display = relative(process.cwd(), absolute).startsWith('..') ? absolute : file;
  const link = planned.linkTarget ? { symlink_target: planned.linkTarget } : {};
  const failed = (error: LitmusError): FileAddResult => ({
    ...link,
    path: display,
    paper_id: null,
    title: null,
    pages: null,
    passages: 0,
    status: 'failed',
    error: error.toLine(),
    code: error.code,
  });
  if (planned.refused) return failed(planned.refused);
  // Non-blocking open, then a check of what was opened: a file swapped for a FIFO since planning
  // cannot hang the read.
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  let bytes: Uint8Array;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return failed(notRegular(display, 'is not a regular file'));
    if (stats.size > options.maxBytes) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return failed(
        new LitmusError('E_TOO_LARGE', `${display} is ${mb(stats.size)}, over the ${mb(options.maxBytes)} limit`, {
          hint: 'raise it with --max-bytes <n> if the file is really a paper',
        }),
      );
    }
    bytes = new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
  const kind = detectKind(absolute, bytes.subarray(0, 1024));
  if (!kind) {
    return failed(
      new LitmusError('E_UNSUPPORTED', `${display}: unsupported file type`, {
        hint: `litmus reads ${supportedExtensions.map((e) => `.${e}`).join(' ')}`,
      }),
    );
  }
  const result = await ingestInput(
    store,
    { name: absolute, bytes, kind, origin: `file:${absolute}` },
    { maxBytes: options.maxBytes, retryFailed: options.retryFailed, parse: options.parse },
  );
  const warnings = result.warnings?.map((warning) => warning.replaceAll(absolute, display));
  return {
    ...link,
    ...result,
    path: display,
    error: result.error?.replaceAll(absolute, display),
    ...(warnings ? { warnings } : {}),
  };
}
