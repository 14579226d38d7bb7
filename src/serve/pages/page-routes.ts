import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { LitmusError, toLitmusError } from '../../core/errors.ts';
import type { Verdict } from '../../core/types.ts';
import { renderCharts } from '../../report/render-charts.ts';
import {
  claimsQuerySchema,
  describeIssues,
  libraryQuerySchema,
  passageQuerySchema,
  reportRequestSchema,
} from '../api/schemas.ts';
import { claimsOfPaper, filterChoices, filterPapers, paperDetail, searchLibrary } from '../library-query.ts';
import { passageWindow } from '../passage-window.ts';
import { DOWNLOADABLE_FILES, listRunFolders, loadRunFolder, resolveRunFolder } from '../run-folders.ts';
import { CSRF_FIELD, hasValidCookie, PAGE_CSP } from '../security.ts';
import type { ServeContext } from '../serve-context.ts';
import { startAuditJob, startReportJob } from '../start-runs.ts';
import { tablesSection } from '../tables-section.ts';
import { topicsWithHistory } from '../topics-query.ts';
import { APP_CSS, APP_JS } from './assets.ts';
import { errorPage } from './layout.ts';
import { libraryPage } from './library-page.ts';
import { newRunPage } from './new-run-page.ts';
import { paperPage } from './paper-page.ts';
import { passagePage } from './passage-page.ts';
import { auditPage, reportCsp, reportPage } from './report-page.ts';
import { jobPage, runsPage } from './runs-page.ts';
import { topicsPage } from './topics-page.ts';

function html(c: Context, body: string, status: 200 | 400 | 404 | 413 | 429 = 200, csp = PAGE_CSP): Response {
  c.header('Content-Security-Policy', csp);
  return c.html(body, status);
}

/** The browser pages: server-rendered HTML, forms that post back here, one small script for live progress. */
export function registerPageRoutes(app: Hono, ctx: ServeContext, token: string): void {
  const csrfFor = (c: Context) => (hasValidCookie(c, token) ? token : null);

  app.get('/assets/app.css', (c) => c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/assets/app.js', (c) => c.body(APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));

  app.get('/', async (c) => {
    const parsed = libraryQuerySchema.safeParse(blankToUndefined(c.req.query()));
    if (!parsed.success) return html(c, errorPage(400, describeIssues(parsed.error)), 400);
    const query = (c.req.query('q') ?? '').slice(0, 500);
    return html(
      c,
      libraryPage({
        query,
        filters: parsed.data,
        choices: await filterChoices(ctx.store),
        papers: await filterPapers(ctx.store, parsed.data),
        hits: query.trim() ? await searchLibrary(ctx.store, query, { ...parsed.data, limit: 30 }) : null,
      }),
    );
  });

  app.get('/papers/:id', async (c) => {
    const id = c.req.param('id');
    const detail = await paperDetail(ctx.store, id);
    if (!detail) return html(c, errorPage(404, `no paper ${id} in the library`), 404);
    const parsed = claimsQuerySchema.safeParse(blankToUndefined(c.req.query()));
    const verdict = parsed.success ? (parsed.data.verdict as Verdict | undefined) : undefined;
    const all = await claimsOfPaper(ctx.store, id);
    return html(
      c,
      paperPage({
        detail,
        claims: verdict ? all.filter((x) => x.verdict?.verdict === verdict) : all,
        totalClaims: all.length,
        verdict,
        tables: await tablesSection(ctx.store, id),
      }),
    );
  });

  app.get('/papers/:id/passage', async (c) => {
    const id = c.req.param('id');
    const parsed = passageQuerySchema.safeParse({ ...blankToUndefined(c.req.query()), paper: id });
    if (!parsed.success) return html(c, errorPage(400, describeIssues(parsed.error)), 400);
    const window = await passageWindow(ctx.store, id, parsed.data);
    const paper = await ctx.store.papers.get(id);
    if (!window || !paper) return html(c, errorPage(404, `no stored text for paper ${id}`), 404);
    return html(c, passagePage(paper.title, window));
  });

  app.get('/reports', async (c) =>
    html(
      c,
      runsPage(
        ctx.jobs.list(),
        listRunFolders(ctx.reportsRoot),
        await ctx.store.runs.list({ limit: 100 }),
        ctx.reportsRoot,
      ),
    ),
  );

  app.get('/reports/:name', async (c) => {
    const dir = resolveRunFolder(ctx.reportsRoot, c.req.param('name'));
    if (!dir) return html(c, errorPage(404, 'no such report folder'), 404);
    return renderFolder(c, dir, `/reports/${encodeURIComponent(c.req.param('name'))}/files/`);
  });

  app.get('/reports/:name/files/:file', (c) => {
    const dir = resolveRunFolder(ctx.reportsRoot, c.req.param('name'));
    const file = c.req.param('file');
    const type = DOWNLOADABLE_FILES[file];
    if (!dir || !type || !existsSync(join(dir, file))) return html(c, errorPage(404, 'no such file'), 404);
    return c.body(readFileSync(join(dir, file), 'utf8'), 200, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
    });
  });

  // A report run from the history, found by the folder its own run row recorded (not a request path).
  app.get('/runs/new', (c) => html(c, newRunPage(csrfFor(c), ctx.maxUploadBytes)));
  app.get('/runs/:id{[0-9]+}', async (c) => {
    const run = await ctx.store.runs.get(Number(c.req.param('id')));
    const outDir = (run?.summary as { outDir?: string } | null)?.outDir;
    if (!run || !outDir || !existsSync(outDir)) return html(c, errorPage(404, 'this run left no report folder'), 404);
    return renderFolder(c, outDir, null);
  });

  app.post('/runs', async (c) => {
    const form = await c.req.parseBody();
    try {
      const engine = form.engine === 'embedded' || form.engine === 'llm' ? form.engine : undefined;
      if (form.kind === 'audit') {
        const file = form.document;
        if (!(file instanceof File))
          throw new LitmusError('E_UPLOAD_MISSING', 'no document was uploaded', { hint: 'choose a file', exitCode: 2 });
        const job = startAuditJob(ctx, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, engine);
        return c.redirect(`/jobs/${job.id}`, 303);
      }
      const parsed = reportRequestSchema.safeParse({
        kind: 'report',
        question: form.question,
        queries: lines(form.queries),
        papers: String(form.papers ?? '')
          .split(/[\s,]+/)
          .filter(Boolean),
        maxPapers: form.maxPapers || undefined,
        engine,
      });
      if (!parsed.success)
        return html(c, newRunPage(csrfFor(c), ctx.maxUploadBytes, describeIssues(parsed.error)), 400);
      const job = startReportJob(ctx, parsed.data);
      return c.redirect(`/jobs/${job.id}`, 303);
    } catch (error) {
      const failure = toLitmusError(error);
      const status = failure.code === 'E_UPLOAD_TOO_LARGE' ? 413 : failure.code === 'E_BUSY' ? 429 : 400;
      return html(c, newRunPage(csrfFor(c), ctx.maxUploadBytes, failure.toLine()), status);
    }
  });

  app.get('/jobs/:id', (c) => {
    const job = ctx.jobs.get(c.req.param('id'));
    if (!job) return html(c, errorPage(404, 'no such run'), 404);
    return html(c, jobPage(job, csrfFor(c)));
  });

  app.post('/jobs/:id/cancel', (c) => {
    const id = c.req.param('id');
    if (!ctx.jobs.get(id)) return html(c, errorPage(404, 'no such run'), 404);
    ctx.jobs.cancel(id);
    return c.redirect(`/jobs/${encodeURIComponent(id)}`, 303);
  });

  app.get('/jobs/:id/events', (c) => {
    const id = c.req.param('id');
    if (!ctx.jobs.get(id)) return c.text('no such run', 404);
    const after = Number(c.req.header('last-event-id') ?? 0) || 0;
    return streamSSE(c, async (stream) => {
      // Writes are chained and awaited before the stream ends, so the final "done" event is never
      // cut off by the close (the browser would reconnect and wait again).
      let written = Promise.resolve();
      let finished = false;
      let release = () => {};
      const over = new Promise<void>((resolve) => {
        release = resolve;
      });
      const unsubscribe = ctx.jobs.subscribe(id, after, (event) => {
        if (finished) return;
        written = written.then(() => stream.writeSSE({ id: String(event.id), event: event.type, data: event.data }));
        if (event.type === 'done') {
          finished = true;
          release();
        }
      });
      stream.onAbort(() => {
        finished = true;
        release();
      });
      await over;
      unsubscribe();
      await written.catch(() => undefined);
    });
  });

  app.get('/topics', async (c) => html(c, topicsPage(await topicsWithHistory(ctx.store))));

  async function renderFolder(c: Context, dir: string, filesBase: string | null): Promise<Response> {
    const loaded = loadRunFolder(dir);
    if (!loaded) return html(c, errorPage(404, 'this folder holds no finished report or audit'), 404);
    const downloads = filesBase
      ? Object.keys(DOWNLOADABLE_FILES)
          .filter((f) => existsSync(join(dir, f)))
          .map((f) => `${filesBase}${f}`)
      : [];
    if (loaded.kind === 'audit') return html(c, auditPage(loaded.audit, downloads), 200, reportCsp());
    return html(c, reportPage(loaded.report, await renderCharts(loaded.report), downloads), 200, reportCsp());
  }
}

export { CSRF_FIELD };

function blankToUndefined(query: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === '' ? undefined : v]));
}

function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}
