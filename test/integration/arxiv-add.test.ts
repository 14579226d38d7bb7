import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClientFromConfig } from '../../src/http/client-from-config.ts';
import { addArxivPapers, addArxivQuery } from '../../src/pipeline/add-arxiv.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import {
  type ArxivStandIn,
  atomEntry,
  atomReply,
  realArxivFile,
  realEntries,
  standInConfig,
  startArxivStandIn,
} from '../support/arxiv-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';

const pdfBytes = readFileSync(sharedData('pdfs', '2304.02623v1.pdf'));
const latexmlHtml = readFileSync(sharedData('html', 'acl-P14-2054.latexml-0.8.0.html'));
const failedHtml = readFileSync(sharedData('html', 'arxiv-2608.30667v1.failed-conversion.html'));
const pdfReply = { headers: { 'content-type': 'application/pdf' }, body: pdfBytes };
const htmlReply = (body: Uint8Array) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

let arxiv: ArxivStandIn;
let dir: string;
let store: SqliteTestStore;

beforeAll(async () => {
  arxiv = await startArxivStandIn();
});
afterAll(() => arxiv.close());
beforeEach(() => {
  arxiv.reset();
  dir = mkdtempSync(join(tmpdir(), 'litmus-arxiv-add-'));
  store = openSqliteStore(join(dir, 'litmus.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const config = standInConfig({ db: store.path, contact: 'tests@example.org', arxiv: { ...arxiv.endpoints, delayMs: 20 } });
  const http = createHttpClientFromConfig(store, config, { backoffBaseMs: 20 });
  return { config, http };
}

describe('addArxivPapers', () => {
  it('ingests the PDF of a paper with no HTML, with its page count, and a second add makes zero requests', async () => {
    for (const entry of realEntries('atom_idlist_1706.03762_2025format.xml')) arxiv.entries.set('1706.03762v7', entry);
    arxiv.pdf.set('1706.03762v7', pdfReply);
    const { config, http } = setup();
    const [result] = await addArxivPapers(store, config, ['arxiv:1706.03762v7'], { http });
    expect(result).toMatchObject({
      status: 'added',
      paper_id: 'arxiv:1706.03762v7',
      title: 'Attention Is All You Need',
      pages: 4,
      source: 'arxiv',
      arxiv_id: '1706.03762',
      version: 7,
      fulltext: 'pdf',
    });
    expect(result!.passages).toBeGreaterThan(0);
    // metadata, html (404), pdf
    expect(arxiv.requests.map((r) => r.path)).toEqual(['/api/query', '/html/1706.03762v7', '/pdf/1706.03762v7']);
    const api = arxiv.requests[0]!;
    expect(api.query.get('id_list')).toBe('1706.03762v7');
    expect(api.query.get('max_results')).toBe('1');
    for (const request of arxiv.requests) expect(request.headers['user-agent']).toMatch(/^litmus\/\d+\.\d+\.\d+ \(\+mailto:tests@example\.org\)$/);
    expect(http.requestCount).toBe(3);

    const second = setup();
    const [again] = await addArxivPapers(store, second.config, ['arxiv:1706.03762v7'], { http: second.http });
    expect(again).toMatchObject({ status: 'unchanged', paper_id: 'arxiv:1706.03762v7', pages: 4, fulltext: 'pdf' });
    expect(second.http.requestCount).toBe(0);
    expect(arxiv.requests).toHaveLength(3);
  });

  it('a bare id resolves to the newest version; versions stay distinct papers', async () => {
    arxiv.entries.set('2301.00001v1', atomEntry({ id: '2301.00001v1', title: 'First take' }));
    arxiv.entries.set('2301.00001v2', atomEntry({ id: '2301.00001v2', title: 'Second take' }));
    arxiv.pdf.set('2301.00001v1', pdfReply);
    arxiv.html.set('2301.00001v2', htmlReply(latexmlHtml));
    const { config, http } = setup();
    const results = await addArxivPapers(store, config, ['arxiv:2301.00001', 'arxiv:2301.00001v1'], { http });
    expect(results.map((r) => [r.paper_id, r.status, r.fulltext])).toEqual([
      ['arxiv:2301.00001v2', 'added', 'html'],
      ['arxiv:2301.00001v1', 'added', 'pdf'],
    ]);
    expect(arxiv.requestsTo('api')[0]!.query.get('id_list')).toBe('2301.00001,2301.00001v1');
    const rows = store.db.prepare("SELECT id, work_id, version, title FROM papers WHERE work_id = 'arxiv:2301.00001' ORDER BY version").all();
    expect(rows).toEqual([
      { id: 'arxiv:2301.00001v1', work_id: 'arxiv:2301.00001', version: 1, title: 'First take' },
      { id: 'arxiv:2301.00001v2', work_id: 'arxiv:2301.00001', version: 2, title: 'Second take' },
    ]);
    // again: the pinned version is answered from the store; the bare id needs one metadata look-up
    // (which version is newest?) and never the full text again
    const again = setup();
    const before = arxiv.requests.length;
    const same = await addArxivPapers(store, again.config, ['arxiv:2301.00001', 'arxiv:2301.00001v1'], { http: again.http });
    expect(same.map((r) => [r.paper_id, r.status])).toEqual([
      ['arxiv:2301.00001v2', 'unchanged'],
      ['arxiv:2301.00001v1', 'unchanged'],
    ]);
    expect(arxiv.requests.slice(before).map((r) => r.url)).toEqual(['/api/query?id_list=2301.00001&start=0&max_results=1']);
    // within the TTL that look-up is cached too: zero requests
    const third = setup();
    await addArxivPapers(store, third.config, ['arxiv:2301.00001'], { http: third.http });
    expect(third.http.requestCount).toBe(0);
  });

  it('a failed LaTeXML conversion falls back to the PDF', async () => {
    arxiv.entries.set('2608.30667v1', atomEntry({ id: '2608.30667v1', title: 'Untitled Document' }));
    arxiv.html.set('2608.30667v1', htmlReply(failedHtml));
    arxiv.pdf.set('2608.30667v1', pdfReply);
    const { config, http } = setup();
    const [result] = await addArxivPapers(store, config, ['arxiv:2608.30667v1'], { http });
    expect(result).toMatchObject({ status: 'added', fulltext: 'pdf', pages: 4 });
    expect(arxiv.requests.map((r) => r.path)).toEqual(['/api/query', '/html/2608.30667v1', '/pdf/2608.30667v1']);
    const document = store.db.prepare("SELECT kind, origin FROM documents WHERE paper_id = 'arxiv:2608.30667v1'").get();
    expect(document).toEqual({ kind: 'pdf', origin: `${arxiv.url}/pdf/2608.30667v1` });
  });

  it('offline: a stored paper is still answered, a new one fails with E_OFFLINE and no request', async () => {
    arxiv.entries.set('2301.00005v1', atomEntry({ id: '2301.00005v1', title: 'Kept' }));
    arxiv.pdf.set('2301.00005v1', pdfReply);
    await addArxivPapers(store, setup().config, ['arxiv:2301.00005v1'], { http: setup().http });
    arxiv.reset();
    const config = standInConfig({ db: store.path, offline: true, arxiv: { ...arxiv.endpoints, delayMs: 20 } });
    const http = createHttpClientFromConfig(store, config);
    const results = await addArxivPapers(store, config, ['arxiv:2301.00005v1', 'arxiv:2301.00006v1'], { http });
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'failed']);
    expect(results[1]!.code).toBe('E_OFFLINE');
    expect(results[1]!.error).toContain('unavailable offline');
    expect(arxiv.requests).toHaveLength(0);
  });
});

describe('addArxivQuery', () => {
  it('searches, then adds each result version', async () => {
    arxiv.atom.set('search:all:robot AND all:neural', atomReply(realArxivFile('atom_search_cs.RO_neural_legacy.xml')));
    arxiv.html.set('2510.14968v1', htmlReply(latexmlHtml));
    arxiv.pdf.set('2510.14827v1', pdfReply);
    const { config, http } = setup();
    const results = await addArxivQuery(store, config, 'robot neural', 2, { http });
    expect(results.map((r) => [r.paper_id, r.status, r.fulltext])).toEqual([
      ['arxiv:2510.14968v1', 'added', 'html'],
      ['arxiv:2510.14827v1', 'added', 'pdf'],
    ]);
    const search = arxiv.requestsTo('api')[0]!;
    expect(search.query.get('search_query')).toBe('all:robot AND all:neural');
    expect(search.query.get('start')).toBe('0');
    expect(search.query.get('max_results')).toBe('2');
    expect(search.query.get('sortBy')).toBe('relevance');
    expect(search.query.get('sortOrder')).toBe('descending');
    const paper = store.db.prepare("SELECT categories_json, comment FROM papers WHERE id = 'arxiv:2510.14968v1'").get() as {
      categories_json: string;
      comment: string;
    };
    expect(JSON.parse(paper.categories_json)).toContain('eess.SY');
    expect(paper.comment).toMatch(/^39th Conference/);
  });
});
