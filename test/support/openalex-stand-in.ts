import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAlexWork } from '../../src/sources/openalex/openalex-types.ts';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from './loopback-server.ts';
import { repoRoot } from './shared-data.ts';

/**
 * A loopback stand-in for the OpenAlex API (https://docs.openalex.org): `/works/{id}` singletons
 * (OpenAlex id or `doi:…`), and `/works` lists with `search`, `filter` (openalex:W1|W2, cites:W,
 * title.search, publication_year, type, …), `per_page`, and `page` or `cursor` paging, answered
 * in the documented `{ meta, results, group_by }` shape from the works in test/fixtures/openalex.
 * Links in the fixtures listed in `files` are rewritten to this server, which serves their bytes.
 */
export interface OpenAlexStandIn {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The works it knows, by short id. */
  readonly works: Map<string, OpenAlexWork>;
  /** Bytes served for a real URL a fixture links to (e.g. an open-access PDF). */
  readonly files: Map<string, Uint8Array>;
  close(): Promise<void>;
}

export function openAlexFixture(name: string): OpenAlexWork {
  return JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/openalex', name), 'utf8')) as OpenAlexWork;
}

const short = (id: string) => id.replace(/^https:\/\/openalex\.org\//, '');

export async function startOpenAlexStandIn(works: OpenAlexWork[] = []): Promise<OpenAlexStandIn> {
  const byId = new Map(works.map((w) => [short(w.id), w]));
  const files = new Map<string, Uint8Array>();
  let server: LoopbackServer;

  const rewrite = (work: OpenAlexWork): OpenAlexWork => {
    let text = JSON.stringify(work);
    for (const url of files.keys()) text = text.split(url).join(`${server.url}/files/${encodeURIComponent(url)}`);
    return JSON.parse(text) as OpenAlexWork;
  };

  server = await startLoopbackServer((request, response) => {
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const file = /^\/files\/(.+)$/.exec(request.path);
    if (file) {
      const bytes = files.get(decodeURIComponent(file[1]!));
      if (!bytes) return json(404, { error: 'Not Found' });
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end(bytes);
      return;
    }
    const single = /^\/works\/(.+)$/.exec(request.path);
    if (single) {
      const key = decodeURIComponent(single[1]!);
      const doi = /^doi:(.+)$/i.exec(key)?.[1]?.toLowerCase();
      const work = doi
        ? [...byId.values()].find((w) => w.doi?.toLowerCase() === `https://doi.org/${doi}`)
        : byId.get(key.toUpperCase());
      if (!work) return json(404, { error: 'Not Found', message: `Work ${key} not found` });
      return json(200, rewrite(work));
    }
    if (request.path === '/works') return json(200, listPage(request, [...byId.values()].map(rewrite)));
    return json(404, { error: 'Not Found', message: `no route ${request.path}` });
  });

  return {
    url: server.url,
    requests: server.requests,
    works: byId,
    files,
    close: () => server.close(),
  };
}

function matchesFilter(work: OpenAlexWork, filter: string): boolean {
  // Filters are AND-ed by commas; values OR-ed by pipes (docs: "Filter entity lists").
  return filter.split(',').every((part) => {
    const [name, ...rest] = part.split(':');
    const value = rest.join(':');
    const values = value.split('|').map((v) => v.toLowerCase());
    switch (name) {
      case 'openalex':
      case 'ids.openalex':
        return values.includes(short(work.id).toLowerCase());
      case 'cites':
        return (work.referenced_works ?? []).some((r) => values.includes(short(r).toLowerCase()));
      case 'cited_by':
        return false;
      case 'title.search':
      case 'display_name.search':
        return value
          .toLowerCase()
          .split(/\s+/)
          .every((word) => (work.title ?? '').toLowerCase().includes(word));
      case 'publication_year':
        return values.includes(String(work.publication_year));
      case 'from_publication_date':
        return (work.publication_date ?? '') >= value;
      case 'to_publication_date':
        return (work.publication_date ?? '') <= value;
      case 'type':
        return values.includes(work.type ?? '');
      case 'doi':
        return values.some((v) => work.doi?.toLowerCase().endsWith(v));
      default:
        return false;
    }
  });
}

/** `search`: a work matches when its title or abstract has any of the query's words (operators ignored). */
function matchesSearch(work: OpenAlexWork, search: string): boolean {
  const words = search
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !['AND', 'OR', 'NOT'].includes(w))
    .map((w) => w.toLowerCase());
  const text = `${work.title ?? ''} ${Object.keys(work.abstract_inverted_index ?? {}).join(' ')}`.toLowerCase();
  return words.some((word) => text.includes(word));
}

function listPage(request: RecordedRequest, works: OpenAlexWork[]) {
  const search = request.query.get('search');
  const filter = request.query.get('filter');
  const matching = works.filter(
    (w) => (search === null || matchesSearch(w, search)) && (filter === null || matchesFilter(w, filter)),
  );
  const perPage = Number(request.query.get('per_page') ?? request.query.get('per-page') ?? 25);
  const cursor = request.query.get('cursor');
  const offset =
    cursor === null
      ? (Number(request.query.get('page') ?? 1) - 1) * perPage
      : cursor === '*'
        ? 0
        : Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  const results = matching.slice(offset, offset + perPage);
  const next = offset + perPage < matching.length ? Buffer.from(String(offset + perPage)).toString('base64url') : null;
  return {
    meta: {
      count: matching.length,
      db_response_time_ms: 12,
      page: cursor === null ? Number(request.query.get('page') ?? 1) : null,
      per_page: perPage,
      ...(cursor === null ? {} : { next_cursor: next }),
      groups_count: null,
    },
    results,
    group_by: [],
  };
}
