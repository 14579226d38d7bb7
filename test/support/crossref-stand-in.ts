import { readFileSync } from 'node:fs';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from './loopback-server.ts';

/** The fixture work records in test/fixtures/crossref, by DOI (lower case). */
export function crossrefFixture(name: string): { doi: string; body: string } {
  const body = readFileSync(new URL(`../fixtures/crossref/${name}`, import.meta.url), 'utf8');
  const doi = (JSON.parse(body) as { message: { DOI: string } }).message.DOI.toLowerCase();
  return { doi, body };
}

export interface CrossrefStandIn {
  /** The API base to set as `crossref.api` / LITMUS_CROSSREF_API. */
  readonly url: string;
  /** Work records served at /works/{doi}; any other DOI answers 404 "Resource not found.". */
  readonly works: Map<string, string>;
  readonly requests: RecordedRequest[];
  /** Requests for /works/{doi}, with the DOI decoded. */
  workRequests(): { doi: string; request: RecordedRequest }[];
  close(): Promise<void>;
}

/** A loopback stand-in for api.crossref.org serving fixture records as the REST API does. */
export async function startCrossrefStandIn(fixtures: string[] = []): Promise<CrossrefStandIn> {
  const works = new Map<string, string>();
  for (const name of fixtures) {
    const { doi, body } = crossrefFixture(name);
    works.set(doi, body);
  }
  const server: LoopbackServer = await startLoopbackServer((request, response) => {
    const match = /^\/works\/(.+)$/.exec(request.path);
    const body = match ? works.get(decodeURIComponent(match[1]!).toLowerCase()) : undefined;
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Resource not found.');
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-rate-limit-limit': '10',
      'x-rate-limit-interval': '1s',
      'x-api-pool': request.query.get('mailto') ? 'polite' : 'public',
    });
    response.end(body);
  });
  return {
    url: server.url,
    works,
    requests: server.requests,
    workRequests: () =>
      server.requests
        .filter((r) => r.path.startsWith('/works/'))
        .map((request) => ({ doi: decodeURIComponent(request.path.slice('/works/'.length)), request })),
    close: () => server.close(),
  };
}
