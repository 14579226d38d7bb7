import { LitmusError } from '../core/errors.ts';

/**
 * How many bytes a response may carry, by what it is. A feed or API answer is small; a PDF or an
 * HTML paper may be large (the same `maxBytes` that bounds files given to `add`).
 */
export interface BodyCaps {
  /** Atom/XML feeds and JSON API answers. */
  feed: number;
  html: number;
  pdf: number;
  /** Anything else, or no Content-Type at all. */
  other: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_BODY_CAPS: BodyCaps = { feed: 32 * MIB, html: 50 * MIB, pdf: 50 * MIB, other: 50 * MIB };

export type BodyKind = keyof BodyCaps;

export function bodyKind(contentType: string | null | undefined): BodyKind {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('pdf')) return 'pdf';
  if (type.includes('html')) return 'html';
  if (type.includes('xml') || type.includes('json')) return 'feed';
  return 'other';
}

const KIND_NAMES: Record<BodyKind, string> = { feed: 'feed/API', html: 'HTML', pdf: 'PDF', other: 'response' };

export function tooLargeError(url: string, kind: BodyKind, cap: number): LitmusError {
  return new LitmusError(
    'E_TOO_LARGE',
    `GET ${url} stopped: the ${KIND_NAMES[kind]} body exceeds the ${cap}-byte cap`,
    {
      hint:
        kind === 'feed'
          ? 'raise http.maxFeedBytes in litmus.config.json if the answer is genuine'
          : 'raise it with --max-bytes <n> (or maxBytes in litmus.config.json) if it is really a paper',
      exitCode: 1,
    },
  );
}

/**
 * Reads a response body as a stream and stops at `cap` bytes: an endless or oversized body costs at
 * most the cap in memory, and the connection is cancelled at once (a declared Content-Length over the
 * cap is refused before reading anything).
 */
export async function readBoundedBody(
  response: Response,
  url: string,
  kind: BodyKind,
  cap: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => {});
    throw tooLargeError(url, kind, cap);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw tooLargeError(url, kind, cap);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
