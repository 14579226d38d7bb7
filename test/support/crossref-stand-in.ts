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
  /** Work records served at /works/{doi} (any other DOI answers 404 "Resource not found.") and searched at /works?query=. */
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
    if (request.path === '/works') {
      // A search: every fixture whose title shares a word with the query, in the list envelope.
      const words = (request.query.get('query') ?? '')
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length > 2);
      const items = [...works.values()]
        .map((body) => (JSON.parse(body) as { message: { title?: string[] } }).message)
        .filter((work) => words.some((w) => (work.title?.[0] ?? '').toLowerCase().includes(w)))
        .slice(0, Number(request.query.get('rows') ?? 20));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: 'ok',
          'message-type': 'work-list',
          'message-version': '1.0.0',
          message: { facets: {}, 'total-results': items.length, items, 'items-per-page': items.length },
        }),
      );
      return;
    }
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
