import type { Store } from './db.ts';

/** One cached HTTP response, keyed by URL. */
export interface CachedResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  fetchedAt: number; // ms since epoch
  etag: string | null;
  lastModified: string | null;
}

export interface HttpCacheRow {
  url: string;
  status: number;
  headers_json: string;
  body: Buffer;
  fetched_at: number;
  etag: string | null;
  last_modified: string | null;
}

export function getCachedResponse(store: Store, url: string): CachedResponse | null {
  const row = store.db.prepare('SELECT * FROM http_cache WHERE url = ?').get(url) as HttpCacheRow | undefined;
  return row ? rowToCachedResponse(row) : null;
}

/** A cached response from its row (both backends store the same columns). */
export function rowToCachedResponse(row: HttpCacheRow): CachedResponse {
  return {
    url: row.url,
    status: row.status,
    headers: JSON.parse(row.headers_json) as Record<string, string>,
    body: new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength),
    fetchedAt: row.fetched_at,
    etag: row.etag,
    lastModified: row.last_modified,
  };
}

export function putCachedResponse(store: Store, entry: CachedResponse): void {
  store.transaction(() => {
    store.db
      .prepare(
        `INSERT INTO http_cache (url, status, headers_json, body, fetched_at, etag, last_modified)
         VALUES (@url, @status, @headers, @body, @fetchedAt, @etag, @lastModified)
         ON CONFLICT(url) DO UPDATE SET status = excluded.status, headers_json = excluded.headers_json,
           body = excluded.body, fetched_at = excluded.fetched_at, etag = excluded.etag,
           last_modified = excluded.last_modified`,
      )
      .run({
        url: entry.url,
        status: entry.status,
        headers: JSON.stringify(entry.headers),
        body: Buffer.from(entry.body),
        fetchedAt: entry.fetchedAt,
        etag: entry.etag,
        lastModified: entry.lastModified,
      });
  });
}

/** A 304 Not Modified: the cached body is still current, so only its age is reset. */
export function touchCachedResponse(store: Store, url: string, fetchedAt: number): void {
  store.transaction(() => {
    store.db.prepare('UPDATE http_cache SET fetched_at = ? WHERE url = ?').run(fetchedAt, url);
  });
}

export function deleteCachedResponse(store: Store, url: string): void {
  store.transaction(() => {
    store.db.prepare('DELETE FROM http_cache WHERE url = ?').run(url);
  });
}
