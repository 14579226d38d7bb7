import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Config, ConfigInput } from '../../src/config/schema.ts';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from './loopback-server.ts';
import { sharedData } from './shared-data.ts';

/**
 * A loopback stand-in for arXiv (query API, /html, /pdf, OAI-PMH) whose answers a test configures and
 * may change between runs. Every request is recorded (time, method, url, headers) on `requests`.
 *
 *   const arxiv = await startArxivStandIn();
 *   arxiv.entries.set('1706.03762v7', realEntry('atom_idlist_1706.03762_2025format.xml'));
 *   arxiv.pdf.set('1706.03762v7', { body: readFileSync(pdfPath), headers: { 'content-type': 'application/pdf' } });
 *   loadConfig({ flags: { arxiv: { ...arxiv.endpoints, delayMs: 50 } } })
 */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait this long before answering (for timeouts). */
  delayMs?: number;
  /** Destroy the socket without answering (a connection reset). */
  reset?: boolean;
}

/** One reply for every request, a sequence (each request takes the next; the last repeats), or a function. */
export type Route = Reply | Reply[] | ((request: RecordedRequest) => Reply);

export interface ArxivStandIn {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Config values pointing litmus at this stand-in: { api, base, oai }. */
  readonly endpoints: { api: string; base: string; oai: string };
  /** Atom <entry> XML per versioned id ("1706.03762v7"); id_list answers are built from these. */
  readonly entries: Map<string, string>;
  /** Whole query-API answers by key: `id_list:<value>` or `search:<search_query>` (any start) or `search:<q>@<start>`. */
  readonly atom: Map<string, Route>;
  /** /html/<id>v<n> answers (absent → 404). */
  readonly html: Map<string, Route>;
  /** /pdf/<id>v<n> answers (absent → 404). */
  readonly pdf: Map<string, Route>;
  /** OAI-PMH answers by `resumptionToken` value, or '' for the first page. */
  readonly oai: Map<string, Route>;
  /** Requests of one kind, in order. */
  requestsTo(kind: 'api' | 'html' | 'pdf' | 'oai'): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

const sequencePosition = new WeakMap<Reply[], number>();

export async function startArxivStandIn(): Promise<ArxivStandIn> {
  const entries = new Map<string, string>();
  const atom = new Map<string, Route>();
  const html = new Map<string, Route>();
  const pdf = new Map<string, Route>();
  const oai = new Map<string, Route>();
  const server: LoopbackServer = await startLoopbackServer(async (request, response) => {
    const reply = route(request);
    await send(response, reply);
  });

  function route(request: RecordedRequest): Reply {
    const { path, query } = request;
    if (path === '/api/query') {
      const idList = query.get('id_list') ?? '';
      const searchQuery = query.get('search_query') ?? '';
      if (idList !== '') {
        const exact = atom.get(`id_list:${idList}`);
        if (exact) return resolve(exact, request);
        return { headers: atomHeaders, body: feedForIds(idList.split(','), entries) };
      }
      const start = query.get('start') ?? '0';
      const found = atom.get(`search:${searchQuery}@${start}`) ?? atom.get(`search:${searchQuery}`);
      if (found) return resolve(found, request);
      return { headers: atomHeaders, body: atomFeed([], { total: 0 }) };
    }
    const htmlMatch = /^\/html\/(.+)$/.exec(path);
    if (htmlMatch) return resolve(html.get(htmlMatch[1]!) ?? notFound, request);
    const pdfMatch = /^\/pdf\/(.+?)(\.pdf)?$/.exec(path);
    if (pdfMatch) return resolve(pdf.get(pdfMatch[1]!) ?? notFound, request);
    if (path === '/oai') return resolve(oai.get(query.get('resumptionToken') ?? '') ?? notFound, request);
    return notFound;
  }

  return {
    url: server.url,
    requests: server.requests,
    endpoints: { api: `${server.url}/api/query`, base: server.url, oai: `${server.url}/oai` },
    entries,
    atom,
    html,
    pdf,
    oai,
    requestsTo(kind) {
      return server.requests.filter((r) =>
        kind === 'api'
          ? r.path === '/api/query'
          : kind === 'oai'
            ? r.path === '/oai'
            : r.path.startsWith(`/${kind}/`),
      );
    },
    reset() {
      for (const map of [entries, atom, html, pdf, oai] as Map<string, unknown>[]) map.clear();
      server.clearRequests();
    },
    close: () => server.close(),
  };
}

const atomHeaders = { 'content-type': 'application/atom+xml; charset=utf-8' };
const notFound: Reply = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };

function resolve(route: Route, request: RecordedRequest): Reply {
  if (typeof route === 'function') return route(request);
  if (Array.isArray(route)) {
    const position = sequencePosition.get(route) ?? 0;
    sequencePosition.set(route, position + 1);
    return route[Math.min(position, route.length - 1)]!;
  }
  return route;
}

async function send(response: ServerResponse, reply: Reply): Promise<void> {
  if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
  if (reply.reset) {
    response.socket?.destroy();
    return;
  }
  if (response.destroyed) return;
  response.writeHead(reply.status ?? 200, reply.headers ?? {});
  response.end(reply.body ?? '');
}

/** id_list answer built from registered entries: a bare id gives its highest registered version. */
function feedForIds(ids: string[], entries: Map<string, string>): string {
  const found: string[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    if (/v\d+$/.test(id)) {
      const entry = entries.get(id);
      if (entry) found.push(entry);
      continue;
    }
    const versions = [...entries.keys()]
      .filter((key) => key.replace(/v\d+$/, '') === id)
      .sort((a, b) => Number(b.split('v').at(-1)) - Number(a.split('v').at(-1)));
    if (versions[0]) found.push(entries.get(versions[0])!);
  }
  return atomFeed(found, { total: found.length });
}

/** A 2025-format feed around the given <entry> elements. */
export function atomFeed(entryXml: string[], options: { total?: number; start?: number } = {}): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/stand-in</id>
  <title>arXiv Query: stand-in</title>
  <updated>2026-01-01T00:00:00Z</updated>
  <opensearch:itemsPerPage>${entryXml.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${options.total ?? entryXml.length}</opensearch:totalResults>
  <opensearch:startIndex>${options.start ?? 0}</opensearch:startIndex>
${entryXml.join('\n')}
</feed>`;
}

export interface EntryFields {
  id: string; // with version: "2301.00001v2"
  title: string;
  summary?: string;
  authors?: string[];
  comment?: string;
  published?: string;
  updated?: string;
  categories?: string[];
}

/** A synthetic entry in arXiv's 2025 format, for cases the real files don't cover (withdrawn, many versions). */
export function atomEntry(fields: EntryFields): string {
  const categories = fields.categories ?? ['cs.CL'];
  const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `  <entry>
    <id>http://arxiv.org/abs/${fields.id}</id>
    <title>${escapeXml(fields.title)}</title>
    <updated>${fields.updated ?? '2023-01-02T00:00:00Z'}</updated>
    <link href="https://arxiv.org/abs/${fields.id}" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/${fields.id}" rel="related" type="application/pdf" title="pdf"/>
    <summary>${escapeXml(fields.summary ?? 'An abstract.')}</summary>
${categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
    <published>${fields.published ?? '2023-01-01T00:00:00Z'}</published>
${fields.comment ? `    <arxiv:comment>${escapeXml(fields.comment)}</arxiv:comment>\n` : ''}    <arxiv:primary_category term="${categories[0]}"/>
${(fields.authors ?? ['A. Author']).map((a) => `    <author>\n      <name>${escapeXml(a)}</name>\n    </author>`).join('\n')}
  </entry>`;
}

/** The raw text of a real response in ../shared/data/arxiv-api. */
export function realArxivFile(name: string): string {
  return readFileSync(sharedData('arxiv-api', name), 'utf8');
}

/** The <entry> elements of a real Atom file, verbatim (namespaced elements keep their inline xmlns). */
export function realEntries(name: string): string[] {
  return realArxivFile(name).match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
}

export const atomReply = (body: string): Reply => ({ headers: atomHeaders, body });

/**
 * A Config for tests: defaults + the given flags, no environment, and an empty config file (so a
 * litmus.config.json in the working directory never leaks in). Point `arxiv` at a stand-in with
 * `standInConfig({ db, arxiv: { ...standIn.endpoints, delayMs: 50 } })`.
 */
export function standInConfig(flags: ConfigInput): Config {
  const dir = mkdtempSync(join(tmpdir(), 'litmus-config-'));
  const file = join(dir, 'litmus.config.json');
  writeFileSync(file, '{}');
  try {
    return loadConfig({ flags: flags as Record<string, unknown>, env: {}, file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
