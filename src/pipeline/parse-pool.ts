/**
 * Parses documents on every core: a pool of worker threads (piscina) runs the ingest stage, while the
 * main thread stays the one writer (one transaction per document, in input order). `createParseAhead`
 * keeps the pool busy by parsing the next few files of a batch while the current one is written;
 * memory is bounded by that window (pool size + 1 files in flight).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { asErrorCode, LitmusError } from '../core/errors.ts';
import { sha256 } from '../core/hash.ts';
import type { ParsedDocument } from '../core/types.ts';
import {
  detectKind,
  finishDocument,
  type IngestedDocument,
  ingestDocument,
  preloadFinishing,
} from '../ingest/ingest-document.ts';
import type { ParseOutcome, ParseTask } from '../ingest/parse-worker.ts';
import type { Store } from '../store/store.ts';

/** Set to true by scripts/build.ts: the worker is then dist/parse-worker.js, plain JavaScript. */
declare const LITMUS_BUNDLED: boolean | undefined;

export interface ParsePool {
  readonly threads: number;
  parse(task: ParseTask): Promise<ParseOutcome>;
  close(): Promise<void>;
}

/** The worker file: built JavaScript in dist/, else the TypeScript source loaded through tsx (see parse-worker-tsx.mjs). */
function workerSetup(): { filename: string; execArgv: string[] } {
  // In dist/, import.meta.url is rewritten to this source file's location (see scripts/build.ts).
  const here = import.meta.url;
  if (typeof LITMUS_BUNDLED !== 'undefined' && LITMUS_BUNDLED) {
    return { filename: new URL('../../dist/parse-worker.js', here).href, execArgv: [] };
  }
  return { filename: new URL('../ingest/parse-worker-tsx.mjs', here).href, execArgv: [] };
}

/** One worker per core; LITMUS_PARSE_THREADS overrides (e.g. 1 to bound memory on a small machine). */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.LITMUS_PARSE_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

export async function createParsePool(threads = defaultThreads()): Promise<ParsePool> {
  const { filename, execArgv } = workerSetup();
  const { Piscina } = await import('piscina'); // only batches that parse need it
  const pool = new Piscina({ filename, execArgv, minThreads: 0, maxThreads: Math.max(1, threads), idleTimeout: 1000 });
  // A worker that cannot start fails the tasks given to it (below); the pool's own event must not crash us.
  pool.on('error', () => {});
  return {
    threads: pool.options.maxThreads,
    parse: (task) =>
      (pool.run(task) as Promise<ParseOutcome>).catch((error: Error) => ({
        ok: false as const,
        poolFailure: true as const,
        message: error.message,
      })),
    close: () => pool.destroy(),
  };
}

/** A worker's answer as the main thread's result or error (a LitmusError keeps code and hint). */
export function unwrapOutcome(outcome: ParseOutcome): ParsedDocument {
  if (outcome.ok) return outcome.parsed;
  if ('poolFailure' in outcome) throw new LitmusError('E_PARSE_FAILED', `parse worker failed: ${outcome.message}`);
  if (outcome.litmus)
    throw new LitmusError(asErrorCode(outcome.code, 'E_PARSE_FAILED'), outcome.message, { hint: outcome.hint });
  const error = new Error(outcome.message);
  if (outcome.stack) error.stack = outcome.stack;
  throw error;
}

export interface ParseAhead {
  /** How many upcoming files to hand to `prefetch` at each step. */
  readonly window: number;
  /** Starts parsing these files (current first) unless already started, stored, or known to fail. */
  prefetch(files: string[]): void;
  /** The ingest stage for `ingestInput`: a prefetched result when the bytes match, else parsed now. */
  parse(task: ParseTask): Promise<IngestedDocument>;
  close(): Promise<void>;
}

export function createParseAhead(
  store: Store,
  options: { maxBytes: number; retryFailed?: boolean; threads?: number },
): ParseAhead {
  const threads = options.threads ?? defaultThreads();
  let pool: Promise<ParsePool> | undefined;
  const getPool = () => {
    if (!pool) preloadFinishing(); // in this thread, while the workers start and parse
    pool ??= createParsePool(threads);
    return pool;
  };
  const run = (task: ParseTask): Promise<ParseOutcome> =>
    getPool()
      .then((started) => started.parse(task))
      .catch((error: Error) => ({ ok: false, poolFailure: true, message: error.message }));
  // null: not parsed ahead after all (stored already, or known to fail).
  const started = new Map<string, { hash: string; outcome: Promise<ParseOutcome | null> }>();
  const seen = new Set<string>();

  const tryStart = (file: string) => {
    const name = resolve(file);
    if (seen.has(name)) return;
    seen.add(name);
    try {
      // Regular files only: opening a FIFO would block this thread; addFiles refuses those anyway.
      const stat = statSync(name);
      if (!stat.isFile() || stat.size > options.maxBytes) return;
      const kind = detectKind(name, readHead(name));
      if (!kind) return;
      const bytes = new Uint8Array(readFileSync(name));
      const hash = sha256(bytes);
      const outcome = (async () => {
        if (await store.documents.findByHash(hash)) return null; // unchanged: nothing to parse
        const failure = await store.ingestFailures.get(name);
        if (failure && failure.contentHash === hash && !options.retryFailed) return null;
        return run({ name, bytes, kind });
      })().catch(() => null);
      started.set(name, { hash, outcome });
    } catch {
      // Unreadable now: ingestInput meets the same problem and reports it.
    }
  };

  return {
    window: threads + 1,
    prefetch: (files) => {
      for (const file of files) tryStart(file);
    },
    parse: async (task) => {
      const ahead = started.get(task.name);
      started.delete(task.name);
      const prefetched = ahead && ahead.hash === sha256(task.bytes) ? await ahead.outcome : null;
      const outcome = prefetched ?? (await run(task));
      // A pool that cannot work is no reason to record the document as failed: parse it here instead.
      if (!outcome.ok && 'poolFailure' in outcome) return ingestDocument(task);
      return finishDocument(unwrapOutcome(outcome));
    },
    close: async () => {
      started.clear(); // parses nobody asked for end with the pool (their outcomes absorb the rejection)
      await (await pool?.catch(() => undefined))?.close();
    },
  };
}

function readHead(path: string): Uint8Array {
  const buffer = Buffer.alloc(1024);
  const fd = openSync(path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, 1024, 0));
  } finally {
    closeSync(fd);
  }
}
