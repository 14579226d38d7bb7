import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LitmusError } from '../../src/core/errors.ts';
import { createHttpClientFromConfig } from '../../src/http/client-from-config.ts';
import { addArxivPapers } from '../../src/pipeline/add-arxiv.ts';
import { createArxivSource } from '../../src/sources/arxiv/arxiv-source.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import {
  type ArxivStandIn,
  atomEntry,
  atomFeed,
  atomReply,
  realArxivFile,
  realEntries,
  standInConfig,
  startArxivStandIn,
} from '../support/arxiv-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';

const SEARCH = 'search:cat:cs.RO AND (neural)';
const searchFile = () => atomReply(realArxivFile('atom_search_cs.RO_neural_legacy.xml'));

let arxiv: ArxivStandIn;
let dir: string;
let store: SqliteTestStore;

beforeAll(async () => {
  arxiv = await startArxivStandIn();
});
afterAll(() => arxiv.close());
beforeEach(() => {
  arxiv.reset();
  dir = mkdtempSync(join(tmpdir(), 'litmus-arxiv-faults-'));
  store = openSqliteStore(join(dir, 'litmus.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(arxivFlags: Record<string, number> = {}) {
  const config = standInConfig({ db: store.path, arxiv: { ...arxiv.endpoints, delayMs: 50, maxRetries: 3, ...arxivFlags } });
  const http = createHttpClientFromConfig(store, config, { backoffBaseMs: 50 });
  const warnings: string[] = [];
  const source = createArxivSource({ http, config, warn: (w) => warnings.push(w) });
  return { config, http, source, warnings };
}

const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('arXiv faults', () => {
  it('429 with Retry-After: waits as asked, then succeeds', async () => {
    arxiv.atom.set(SEARCH, [{ status: 429, headers: { 'retry-after': '1' }, body: 'Rate exceeded.' }, searchFile()]);
    const { source, http } = setup();
    const result = await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 });
    expect(result.entries).toHaveLength(2);
    const [first, second] = arxiv.requestsTo('api');
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(990);
    expect(http.requestCount).toBe(2);
  });

  it('503 twice, then a good answer', async () => {
    arxiv.atom.set(SEARCH, [{ status: 503 }, { status: 503 }, searchFile()]);
    const { source } = setup();
    expect((await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 })).entries).toHaveLength(2);
    expect(arxiv.requestsTo('api')).toHaveLength(3);
  });

  it('503 on every try: one line naming the URL and the status', async () => {
    arxiv.atom.set(SEARCH, { status: 503, body: 'down' });
    const { source } = setup({ maxRetries: 2 });
    const error = (await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 }).catch((e: unknown) => e)) as LitmusError;
    expect(error.code).toBe('E_HTTP');
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/query\?search_query=cat%3Acs\.RO\+AND\+%28neural%29.* failed after 3 tries: HTTP 503$/);
    expect(arxiv.requestsTo('api')).toHaveLength(3);
  });

  it('a reset connection is retried', async () => {
    arxiv.atom.set(SEARCH, [{ reset: true }, searchFile()]);
    const { source } = setup();
    expect((await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 })).entries).toHaveLength(2);
    expect(arxiv.requestsTo('api')).toHaveLength(2);
  });

  it('a timeout is retried', async () => {
    arxiv.atom.set(SEARCH, [{ ...searchFile(), delayMs: 1500 }, searchFile()]);
    const { source } = setup({ timeoutMs: 300 });
    expect((await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 })).entries).toHaveLength(2);
    expect(arxiv.requestsTo('api')).toHaveLength(2);
  });

  it('malformed XML is asked for once more, then reported, and never cached', async () => {
    arxiv.atom.set(SEARCH, atomReply('<?xml version="1.0"?><feed><entry><id>http://arxiv.org/abs/1</id>'));
    const { source } = setup();
    const error = (await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 }).catch((e: unknown) => e)) as LitmusError;
    expect(error.code).toBe('E_ARXIV_BAD_XML');
    expect(error.message).toMatch(/is not valid XML/);
    expect(arxiv.requestsTo('api')).toHaveLength(2);
    expect(count('http_cache')).toBe(0);
    arxiv.atom.set(SEARCH, searchFile());
    expect((await setup().source.searchEntries('cat:cs.RO AND (neural)', { max: 2 })).entries).toHaveLength(2);
  });

  it('an empty page when results were expected is asked for again', async () => {
    arxiv.atom.set(SEARCH, [atomReply(atomFeed([], { total: 5619 })), searchFile()]);
    const { source, warnings } = setup();
    const result = await source.searchEntries('cat:cs.RO AND (neural)', { max: 2 });
    expect(result.entries.map((e) => e.arxivId)).toEqual(['2510.14968', '2510.14827']);
    expect(result.totalResults).toBe(5619);
    expect(arxiv.requestsTo('api')).toHaveLength(2);
    expect(warnings[0]).toMatch(/empty page at start=0/);
  });

  it('pages by 2000 with start/max_results and cross-checks totalResults', async () => {
    const entries = Array.from({ length: 2003 }, (_, i) => atomEntry({ id: `2401.${String(i).padStart(5, '0')}v1`, title: `Paper ${i}` }));
    arxiv.atom.set('search:all:many@0', atomReply(atomFeed(entries.slice(0, 2000), { total: 2003, start: 0 })));
    arxiv.atom.set('search:all:many@2000', atomReply(atomFeed(entries.slice(2000), { total: 2004, start: 2000 })));
    const { source, warnings } = setup();
    const result = await source.searchEntries('many', { max: 2003, sort: 'submitted', order: 'ascending' });
    expect(result.entries).toHaveLength(2003);
    expect(result.entries[2002]!.arxivId).toBe('2401.02002');
    const requests = arxiv.requestsTo('api');
    expect(requests.map((r) => [r.query.get('start'), r.query.get('max_results')])).toEqual([
      ['0', '2000'],
      ['2000', '3'],
    ]);
    expect(requests[0]!.query.get('sortBy')).toBe('submittedDate');
    expect(requests[0]!.query.get('sortOrder')).toBe('ascending');
    expect(warnings.some((w) => /totalResults changed between pages \(2003 → 2004\)/.test(w))).toBe(true);
  });

  it('search answers are reused within the TTL; --refresh asks again', async () => {
    arxiv.atom.set(SEARCH, searchFile());
    await setup().source.searchEntries('cat:cs.RO AND (neural)', { max: 2 });
    await setup().source.searchEntries('cat:cs.RO AND (neural)', { max: 2 });
    expect(arxiv.requestsTo('api')).toHaveLength(1);
    await setup().source.searchEntries('cat:cs.RO AND (neural)', { max: 2, refresh: true });
    expect(arxiv.requestsTo('api')).toHaveLength(2);
  });

  it('an unknown id is a not-found error, and nothing is stored', async () => {
    const { source, config, http } = setup();
    await expect(source.get('arxiv:2401.99999v1')).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'arXiv has no paper 2401.99999v1' });
    const [result] = await addArxivPapers(store, config, ['arxiv:2401.99999'], { http });
    expect(result).toMatchObject({ status: 'failed', code: 'E_NOT_FOUND', paper_id: null });
    expect(count('papers')).toBe(0);
  });

  it('an arXiv error entry is reported with its message', async () => {
    arxiv.atom.set('id_list:1234.5678x', atomReply(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.5678x</id><title>Error</title><summary>incorrect id format for 1234.5678x</summary></entry></feed>`));
    const { source } = setup();
    await expect(source.getEntries([{ id: '1234.5678x', version: null }])).rejects.toThrow('arXiv API error: incorrect id format for 1234.5678x');
  });

  it('a withdrawn version is flagged and not fetched; nothing is stored', async () => {
    arxiv.entries.set('2301.00002v2', atomEntry({ id: '2301.00002v2', title: 'Gone', comment: 'This paper has been withdrawn by the author' }));
    const { config, http } = setup();
    const [result] = await addArxivPapers(store, config, ['arxiv:2301.00002v2'], { http });
    expect(result).toMatchObject({ status: 'failed', code: 'E_ARXIV_WITHDRAWN', withdrawn: true, version: 2 });
    expect(result!.error).toContain('arxiv:2301.00002v2 has been withdrawn (try arxiv:2301.00002v1)');
    expect(arxiv.requests.map((r) => r.path)).toEqual(['/api/query']);
    expect(count('papers')).toBe(0);
  });

  it('a PDF that never arrives leaves nothing half-stored, and the next run completes', async () => {
    for (const entry of realEntries('atom_idlist_1601.00001_legacy.xml')) arxiv.entries.set('1601.00001v1', entry);
    arxiv.pdf.set('1601.00001v1', { status: 503 });
    const { config, http } = setup({ maxRetries: 1 });
    const [result] = await addArxivPapers(store, config, ['arxiv:1601.00001v1'], { http });
    expect(result).toMatchObject({ status: 'failed', code: 'E_HTTP' });
    expect(result!.error).toMatch(/\/pdf\/1601\.00001v1 failed after 2 tries: HTTP 503/);
    expect([count('papers'), count('documents'), count('passages')]).toEqual([0, 0, 0]);
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM http_cache WHERE url LIKE '%/pdf/%'").get()).toEqual({ n: 0 });

    arxiv.pdf.set('1601.00001v1', { headers: { 'content-type': 'application/pdf' }, body: readFileSync(sharedData('pdfs', '2304.02623v1.pdf')) });
    const [retry] = await addArxivPapers(store, config, ['arxiv:1601.00001v1'], { http });
    expect(retry).toMatchObject({ status: 'added', fulltext: 'pdf', paper_id: 'arxiv:1601.00001v1' });
    // the pinned version's metadata came from the cache; only the html and pdf were asked again
    expect(arxiv.requests.filter((r) => r.path === '/api/query')).toHaveLength(1);
  });
});
