import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnpaywallRecord } from '../../src/sources/unpaywall/unpaywall-types.ts';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from './loopback-server.ts';
import { repoRoot } from './shared-data.ts';

/**
 * A loopback stand-in for the Unpaywall REST API v2 (https://unpaywall.org/products/api):
 * `GET /v2/<doi>?email=…` answers the DOI object from test/fixtures/unpaywall, 404 for an unknown
 * DOI and 422 without an email, with the error bodies Unpaywall sends. Links listed in `files` are
 * rewritten to this server, which serves their bytes (the open-access PDFs).
 */
export interface UnpaywallStandIn {
  readonly url: string;
  /** Config value for `unpaywall.api`. */
  readonly api: string;
  readonly requests: RecordedRequest[];
  readonly records: Map<string, UnpaywallRecord>;
  readonly files: Map<string, Uint8Array>;
  close(): Promise<void>;
}

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/unpaywall', name), 'utf8');

export function unpaywallFixture(name: string): UnpaywallRecord {
  return JSON.parse(fixture(name)) as UnpaywallRecord;
}

export async function startUnpaywallStandIn(records: UnpaywallRecord[] = []): Promise<UnpaywallStandIn> {
  const byDoi = new Map(records.map((r) => [r.doi.toLowerCase(), r]));
  const files = new Map<string, Uint8Array>();
  let server: LoopbackServer;
  server = await startLoopbackServer((request, response) => {
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    const file = /^\/files\/(.+)$/.exec(request.path);
    if (file) {
      const bytes = files.get(decodeURIComponent(file[1]!));
      if (!bytes) return send(404, 'Not Found', 'text/plain');
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end(bytes);
      return;
    }
    const doi = /^\/v2\/(.+)$/.exec(request.path)?.[1];
    if (!doi) return send(404, fixture('error-404.json'));
    const email = request.query.get('email') ?? '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || /example\.(com|invalid)$/.test(email)) {
      return send(422, fixture('error-422.json'));
    }
    const record = byDoi.get(decodeURIComponent(doi).toLowerCase());
    if (!record) return send(404, fixture('error-404.json'));
    let text = JSON.stringify(record);
    for (const url of files.keys()) text = text.split(url).join(`${server.url}/files/${encodeURIComponent(url)}`);
    return send(200, text);
  });
  return {
    url: server.url,
    api: `${server.url}/v2`,
    requests: server.requests,
    records: byDoi,
    files,
    close: () => server.close(),
  };
}
