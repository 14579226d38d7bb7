import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper, ParsedDocument } from '../../../src/core/types.ts';
import { createApp } from '../../../src/serve/create-app.ts';
import { JobRunner } from '../../../src/serve/jobs.ts';
import { resolveRunFolder } from '../../../src/serve/run-folders.ts';
import type { ServeContext } from '../../../src/serve/serve-context.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { standInConfig } from '../../support/arxiv-stand-in.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const HOSTILE = '<script>window.__xss=1</script> Hostile <b>title</b>';
const TOKEN = 'test-token-0123456789';
const HOST = { host: '127.0.0.1:8537' };

async function addPaper(store: SqliteTestStore, id: string, title: string, text: string): Promise<void> {
  const parsed: ParsedDocument = {
    kind: 'text',
    title,
    abstract: null,
    authors: [],
    fullText: text,
    pages: [],
    sections: [{ path: ['1 Results'], start: 0, end: text.length }],
    tables: [],
    references: [],
    warnings: [],
  };
  const paper: Paper = {
    id,
    workId: id,
    source: 'local',
    externalId: id,
    version: null,
    title,
    authors: [{ name: '<img src=x onerror=alert(1)>' }],
    published: '2023-05-01',
    updated: null,
    categories: [],
    licence: null,
    abstract: null,
  };
  await store.transaction(async (tx) => {
    await tx.papers.upsert(paper);
    await tx.documents.insert({
      paperId: id,
      kind: 'text',
      contentHash: id,
      bytes: text.length,
      origin: 'test',
      parsed,
      passages: [{ ordinal: 0, charStart: 0, charEnd: text.length, page: null, sectionPath: ['1 Results'] }],
    });
  });
}

describe('litmus serve: the app behind the pages and the API', () => {
  const temp = makeTempDir('litmus-serve-app-');
  let store: SqliteTestStore;
  let ctx: ServeContext;
  let app: ReturnType<typeof createApp>;
  const reportsRoot = join(temp.dir, 'reports');

  beforeAll(async () => {
    store = openSqliteStore(join(temp.dir, 'litmus.db'));
    await addPaper(
      store,
      'local:hostile',
      HOSTILE,
      'The model reaches 91.2% accuracy on the test set. <script>alert(2)</script>',
    );
    mkdirSync(join(reportsRoot, 'a-report'), { recursive: true });
    writeFileSync(join(temp.dir, 'secret.json'), '{"secret":true}');
    const config = standInConfig({ db: join(temp.dir, 'litmus.db') });
    ctx = {
      store,
      config,
      reportsRoot,
      uploadsDir: join(temp.dir, 'uploads'),
      maxUploadBytes: 1000,
      jobs: new JobRunner({ globalArgs: ['--db', join(temp.dir, 'litmus.db')], maxConcurrent: 1 }),
      litmusVersion: 'test',
    };
    app = createApp(ctx, { token: TOKEN, loopbackOnly: true });
  });
  afterAll(async () => {
    await ctx.jobs.stopAll();
    await store.close();
    temp.cleanup();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://127.0.0.1:8537${path}`, { headers: { ...HOST, ...headers } });

  it('renders a paper title with <script> as text, under a CSP without inline script', async () => {
    for (const path of ['/', `/papers/${encodeURIComponent('local:hostile')}`, '/?q=accuracy']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt; Hostile &lt;b&gt;title&lt;/b&gt;');
      expect(body).not.toContain('<script>window.__xss');
      expect(body).not.toContain('<img src=x');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
    const passage = await (
      await get(`/papers/${encodeURIComponent('local:hostile')}/passage?quote=91.2%25+accuracy`)
    ).text();
    expect(passage).toContain('<mark id="hl">91.2% accuracy</mark>');
    expect(passage).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    // A quote whose line breaks differ from the stored text is still found.
    const reflowed = await (
      await get(`/papers/${encodeURIComponent('local:hostile')}/passage?quote=reaches%0A91.2%25`)
    ).text();
    expect(reflowed).toContain('<mark id="hl">reaches 91.2%</mark>');
  });

  it('refuses to start a run without the token, from another site, or with a form lacking its CSRF field', async () => {
    const body = JSON.stringify({ kind: 'report', question: 'Does anything work?' });
    const json = { ...HOST, 'content-type': 'application/json' };
    const noToken = await app.request('http://127.0.0.1:8537/api/runs', { method: 'POST', headers: json, body });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { code: string }).code).toBe('E_TOKEN');
    const wrongToken = await app.request('http://127.0.0.1:8537/api/runs', {
      method: 'POST',
      headers: { ...json, authorization: 'Bearer nope' },
      body,
    });
    expect(wrongToken.status).toBe(401);
    const crossSite = await app.request('http://127.0.0.1:8537/api/runs', {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const form = new URLSearchParams({ kind: 'report', question: 'Does anything work?' });
    const cookieOnly = await app.request('http://127.0.0.1:8537/runs', {
      method: 'POST',
      headers: { ...HOST, cookie: `litmus_token=${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(cookieOnly.status).toBe(403);
    // A no-referrer page sends "Origin: null": only the browser's own Sec-Fetch-Site can vouch for it.
    for (const [site, status] of [
      ['cross-site', 403],
      ['same-origin', 400],
    ] as const) {
      const nullOrigin = await app.request('http://127.0.0.1:8537/api/runs', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${TOKEN}`, origin: 'null', 'sec-fetch-site': site },
        body: JSON.stringify({ kind: 'report', question: 'Q' }),
      });
      expect(nullOrigin.status, site).toBe(status);
    }
    const cancel = await app.request('http://127.0.0.1:8537/api/runs/1/cancel', { method: 'POST', headers: HOST });
    expect(cancel.status).toBe(401);
    expect(ctx.jobs.list()).toEqual([]);
  });

  it('refuses requests whose Host is not loopback (DNS rebinding) and signs in with the token link', async () => {
    expect((await get('/', { host: 'evil.example:8537' })).status).toBe(421);
    const signIn = await get('/reports?token=' + TOKEN);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/reports');
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`litmus_token=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect((await get('/?token=wrong')).status).toBe(401);
    // The new-run form carries the token only for a signed-in browser.
    expect(await (await get('/runs/new')).text()).not.toContain(TOKEN);
    expect(await (await get('/runs/new', { cookie: `litmus_token=${TOKEN}` })).text()).toContain(
      `name="_csrf" value="${TOKEN}"`,
    );
  });

  it('needs the token for every request when bound beyond loopback', async () => {
    const open = createApp(ctx, { token: TOKEN, loopbackOnly: false });
    expect((await open.request('http://192.0.2.1:8537/', { headers: { host: '192.0.2.1:8537' } })).status).toBe(401);
    const withToken = await open.request('http://192.0.2.1:8537/api/papers', {
      headers: { host: '192.0.2.1:8537', authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.status).toBe(200);
  });

  it('refuses ../ and other paths out of the reports folder', async () => {
    for (const path of [
      '/reports/..%2F..%2Fetc%2Fpasswd',
      '/reports/..%5C..%5Csecret.json',
      '/reports/%2e%2e/files/report.json',
      '/reports/a-report/files/..%2F..%2Fsecret.json',
      '/reports/a-report/files/secret.json',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('"secret"');
    }
    symlinkSync(temp.dir, join(reportsRoot, 'escape'));
    expect(resolveRunFolder(reportsRoot, 'escape')).toBeNull();
    expect(resolveRunFolder(reportsRoot, '../reports')).toBeNull();
    expect(resolveRunFolder(reportsRoot, 'a-report')).not.toBeNull();
  });

  it('refuses an upload over the cap with a message that says so', async () => {
    const upload = (bytes: number) => {
      const form = new FormData();
      form.set('kind', 'audit');
      form.set('_csrf', TOKEN);
      form.set('document', new File([new Uint8Array(bytes).fill(65)], 'big.md', { type: 'text/markdown' }));
      return app.request('http://127.0.0.1:8537/runs', {
        method: 'POST',
        headers: { ...HOST, cookie: `litmus_token=${TOKEN}`, accept: 'text/html' },
        body: form,
      });
    };
    // Far over: refused by the body limit before the upload is read.
    const huge = await upload(200_000);
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('larger than this server&#39;s 1000-byte limit');
    // Just over: the form is read, the document is refused by the cap itself.
    const over = await upload(1500);
    expect(over.status).toBe(413);
    expect(await over.text()).toContain('larger than this server&#39;s 1000-byte limit');
    // The API answers the same in JSON, and refuses an upload without the token.
    const apiForm = new FormData();
    apiForm.set('document', new File([new Uint8Array(1500).fill(65)], 'big.md'));
    const api = await app.request('http://127.0.0.1:8537/api/audits', {
      method: 'POST',
      headers: { ...HOST, authorization: `Bearer ${TOKEN}` },
      body: apiForm,
    });
    expect(api.status).toBe(413);
    expect(((await api.json()) as { code: string }).code).toBe('E_UPLOAD_TOO_LARGE');
    const anonymous = await app.request('http://127.0.0.1:8537/api/audits', {
      method: 'POST',
      headers: HOST,
      body: apiForm,
    });
    expect(anonymous.status).toBe(401);
    expect(ctx.jobs.list()).toEqual([]);
  });

  it('serves an OpenAPI document and validates API input with zod', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/papers',
        '/api/search',
        '/api/passage',
        '/api/runs',
        '/api/runs/{id}/cancel',
        '/api/topics',
      ]),
    );
    const papers = (await (await get('/api/papers?year=2023')).json()) as { papers: { id: string; year: number }[] };
    expect(papers.papers.map((p) => p.id)).toEqual(['local:hostile']);
    expect(((await (await get('/api/papers?year=2020')).json()) as { papers: unknown[] }).papers).toEqual([]);
    const missingQuery = await get('/api/search');
    expect(missingQuery.status).toBe(400);
    expect(((await missingQuery.json()) as { error: string }).error).toContain('q:');
    const hits = (await (await get('/api/search?q=accuracy')).json()) as { hits: { paperId: string }[] };
    expect(hits.hits[0]?.paperId).toBe('local:hostile');
    const bad = await app.request('http://127.0.0.1:8537/api/runs', {
      method: 'POST',
      headers: { ...HOST, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'report', question: 'Q?', papers: ['/etc/passwd'] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/question|papers/);
    expect(ctx.jobs.list()).toEqual([]);
  });
});
