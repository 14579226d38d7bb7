import type { Store } from './db.ts';

export interface IngestFailure {
  input: string;
  contentHash: string | null;
  code: string;
  message: string;
  failedAt: string;
}

export function recordIngestFailure(
  store: Store,
  failure: { input: string; contentHash: string | null; code: string; message: string },
): void {
  store.db
    .prepare(
      `INSERT INTO ingest_failures (input, content_hash, code, message) VALUES (?, ?, ?, ?)
       ON CONFLICT(input) DO UPDATE SET content_hash = excluded.content_hash, code = excluded.code,
         message = excluded.message, failed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    )
    .run(failure.input, failure.contentHash, failure.code, failure.message);
}

export function getIngestFailure(store: Store, input: string): IngestFailure | undefined {
  const row = store.db.prepare('SELECT * FROM ingest_failures WHERE input = ?').get(input) as
    | { input: string; content_hash: string | null; code: string; message: string; failed_at: string }
    | undefined;
  return row
    ? { input: row.input, contentHash: row.content_hash, code: row.code, message: row.message, failedAt: row.failed_at }
    : undefined;
}

export function clearIngestFailure(store: Store, input: string): void {
  store.db.prepare('DELETE FROM ingest_failures WHERE input = ?').run(input);
}
