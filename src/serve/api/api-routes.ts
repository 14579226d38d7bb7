import type { Context, Hono } from 'hono';
import { toLitmusError } from '../../core/errors.ts';
import type { Verdict } from '../../core/types.ts';
import {
  type ClaimWithVerdict,
  claimsOfPaper,
  filterPapers,
  paperDetail,
  paperYear,
  searchLibrary,
} from '../library-query.ts';
import { passageWindow } from '../passage-window.ts';
import { listRunFolders } from '../run-folders.ts';
import type { ServeContext } from '../serve-context.ts';
import { recordCancelledRun, startAuditJob, startReportJob } from '../start-runs.ts';
import { topicsWithHistory } from '../topics-query.ts';
import { openApiDocument } from './openapi.ts';
import {
  claimsQuerySchema,
  describeIssues,
  libraryQuerySchema,
  passageQuerySchema,
  reportRequestSchema,
  searchQuerySchema,
} from './schemas.ts';

const bad = (c: Context, error: string, code = 'E_BAD_REQUEST') => c.json({ error, code }, 400);
const notFound = (c: Context, error: string) => c.json({ error, code: 'E_NOT_FOUND' }, 404);

export function claimJson({ claim, verdict }: ClaimWithVerdict) {
  return {
    id: claim.id,
    text: claim.text,
    type: claim.type,
    charStart: claim.charStart,
    charEnd: claim.charEnd,
    verdict: verdict?.verdict ?? null,
    confidence: verdict?.confidence ?? null,
    rationale: verdict?.rationale ?? null,
    evidence: (verdict?.evidence ?? []).map((e) => ({
      paperId: e.paperId,
      quote: e.quote,
      location: e.location,
      ...(e.charStart !== undefined ? { charStart: e.charStart } : {}),
      ...(e.charEnd !== undefined ? { charEnd: e.charEnd } : {}),
    })),
  };
}

/** The JSON API (described at /api/openapi.json); the pages and the MCP server read the same queries. */
export function registerApiRoutes(app: Hono, ctx: ServeContext): void {
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(ctx.litmusVersion)));

  app.get('/api/papers', async (c) => {
    const parsed = libraryQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return bad(c, describeIssues(parsed.error));
    const papers = (await filterPapers(ctx.store, parsed.data)).map((p) => ({
      id: p.id,
      title: p.title,
      source: p.source,
      authors: p.authors,
      published: p.published,
      year: paperYear(p),
      passages: p.passages,
      claims: p.claims,
    }));
    return c.json({ papers });
  });

  app.get('/api/papers/:id', async (c) => {
    const detail = await paperDetail(ctx.store, c.req.param('id'));
    if (!detail) return notFound(c, `no paper ${c.req.param('id')}`);
    const { paper } = detail;
    return c.json({
      paper: { ...paper, year: paperYear(paper) },
      document: detail.document,
      outline: detail.outline,
      claims: (await claimsOfPaper(ctx.store, paper.id)).map(claimJson),
    });
  });

  app.get('/api/papers/:id/claims', async (c) => {
    const parsed = claimsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return bad(c, describeIssues(parsed.error));
    if (!(await paperDetail(ctx.store, c.req.param('id')))) return notFound(c, `no paper ${c.req.param('id')}`);
    const claims = await claimsOfPaper(ctx.store, c.req.param('id'), parsed.data.verdict as Verdict | undefined);
    return c.json({ claims: claims.map(claimJson) });
  });

  app.get('/api/search', async (c) => {
    const parsed = searchQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return bad(c, describeIssues(parsed.error));
    const { q, paper, ...rest } = parsed.data;
    return c.json({ hits: await searchLibrary(ctx.store, q, { ...rest, paperId: paper }) });
  });

  app.get('/api/passage', async (c) => {
    const parsed = passageQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return bad(c, describeIssues(parsed.error));
    const window = await passageWindow(ctx.store, parsed.data.paper, parsed.data);
    return window ? c.json(window) : notFound(c, `no stored text for paper ${parsed.data.paper}`);
  });

  app.get('/api/runs', async (c) =>
    c.json({
      jobs: ctx.jobs.list(),
      folders: listRunFolders(ctx.reportsRoot),
      runs: await ctx.store.runs.list({ limit: 100 }),
    }),
  );

  app.post('/api/runs', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return bad(c, 'the request body is not JSON; send {"kind":"report","question":"…"}');
    }
    const parsed = reportRequestSchema.safeParse(body);
    if (!parsed.success) return bad(c, describeIssues(parsed.error));
    try {
      return c.json(startReportJob(ctx, parsed.data), 202);
    } catch (error) {
      const failure = toLitmusError(error);
      return c.json({ error: failure.toLine(), code: failure.code }, failure.code === 'E_BUSY' ? 429 : 400);
    }
  });

  app.post('/api/audits', async (c) => {
    const form = await c.req.parseBody();
    const file = form.document;
    if (!(file instanceof File)) return bad(c, 'send the document to audit as the multipart field "document"');
    const engine = form.engine === 'embedded' || form.engine === 'llm' ? form.engine : undefined;
    try {
      return c.json(
        startAuditJob(ctx, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, engine),
        202,
      );
    } catch (error) {
      const failure = toLitmusError(error);
      const status = failure.code === 'E_UPLOAD_TOO_LARGE' ? 413 : failure.code === 'E_BUSY' ? 429 : 400;
      return c.json({ error: failure.toLine(), code: failure.code }, status);
    }
  });

  app.get('/api/runs/:id', (c) => {
    const job = ctx.jobs.get(c.req.param('id'));
    return job ? c.json(job) : notFound(c, 'no such run');
  });

  app.post('/api/runs/:id/cancel', (c) => {
    const job = ctx.jobs.get(c.req.param('id'));
    if (!job) return notFound(c, 'no such run');
    ctx.jobs.cancel(job.id);
    return c.json(job);
  });

  app.get('/api/topics', async (c) =>
    c.json({
      topics: (await topicsWithHistory(ctx.store)).map(({ topic, refreshes }) => ({
        name: topic.name,
        question: topic.question,
        schedule: topic.schedule,
        lastRefreshAt: topic.lastRefreshAt,
        included: topic.state.included,
        refreshes: refreshes.map(({ run, diff }) => ({
          runId: run.id,
          status: run.status,
          startedAt: run.startedAt,
          diff,
        })),
      })),
    }),
  );
}

export { recordCancelledRun };
