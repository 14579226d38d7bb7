import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ENGINE_NAMES } from '../../config/schema.ts';
import { LitmusError, toLitmusError } from '../../core/errors.ts';
import { slugify } from '../../core/text.ts';
import { runAudit } from '../../pipeline/audit/run-audit.ts';
import { retrieveEvidence } from '../../pipeline/retrieve-evidence.ts';
import { createWorkspace } from '../../pipeline/workspace.ts';
import { reportRequestSchema } from '../api/schemas.ts';
import { searchLibrary } from '../library-query.ts';
import { passageWindow } from '../passage-window.ts';
import { listRunFolders, loadRunFolder, resolveRunFolder } from '../run-folders.ts';
import type { ServeContext } from '../serve-context.ts';
import { startReportJob } from '../start-runs.ts';
import { summarizeRunFolder } from './report-summary.ts';

const text = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] });
const failure = (error: unknown) => ({
  content: [{ type: 'text' as const, text: `error: ${toLitmusError(error).toLine()}` }],
  isError: true,
});

/**
 * litmus as MCP tools and resources. Read-mostly: the tools read the library, verify a claim
 * (verdicts are not stored), audit text given inline, and start a report as a child process. No
 * tool takes a file path or a URL, and none runs a shell.
 */
export function createMcpServer(ctx: ServeContext): McpServer {
  const server = new McpServer({ name: 'litmus', version: ctx.litmusVersion });

  server.registerTool(
    'search_library',
    {
      description: 'BM25 full-text search over the passages of the papers in the litmus library.',
      inputSchema: {
        query: z.string().min(1).max(500),
        limit: z.number().int().min(1).max(50).optional(),
        paper_id: z.string().max(200).optional(),
      },
    },
    async ({ query, limit, paper_id }) => {
      try {
        const hits = await searchLibrary(ctx.store, query, { limit: limit ?? 10, paperId: paper_id });
        return text(
          hits.map((h) => ({
            paper_id: h.paperId,
            title: h.title,
            page: h.page,
            section: h.section,
            char_start: h.charStart,
            char_end: h.charEnd,
            snippet: h.snippet.map((p) => p.text).join(''),
          })),
        );
      } catch (error) {
        return failure(error);
      }
    },
  );

  server.registerTool(
    'get_passage',
    {
      description:
        "A paper's stored full text around a char range or a verbatim quote (the text every evidence quote comes from).",
      inputSchema: {
        paper_id: z.string().min(1).max(200),
        start: z.number().int().min(0).optional(),
        end: z.number().int().min(0).optional(),
        quote: z.string().max(5000).optional(),
        context: z.number().int().min(0).max(5000).optional(),
      },
    },
    async ({ paper_id, start, end, quote, context }) => {
      const window = await passageWindow(ctx.store, paper_id, { start, end, quote, context: context ?? 600 });
      if (!window) return failure(new Error(`no stored text for paper ${paper_id}`));
      return text({
        paper_id,
        page: window.page,
        section: window.section,
        found: window.found,
        span: { start: window.highlightStart, end: window.highlightEnd, text: window.highlight },
        text: `${window.before}${window.highlight}${window.after}`,
      });
    },
  );

  server.registerTool(
    'verify_claim',
    {
      description:
        'Verify a claim against the given papers of the library: verdict, verbatim evidence quotes, calibrated confidence.',
      inputSchema: {
        claim: z.string().min(3).max(2000),
        paper_ids: z.array(z.string().max(200)).min(1).max(20),
        engine: z.enum(ENGINE_NAMES).optional(),
      },
    },
    async ({ claim, paper_ids, engine }) => {
      try {
        const missing: string[] = [];
        for (const id of paper_ids) if (!(await ctx.store.papers.exists(id))) missing.push(id);
        if (missing.length > 0)
          throw new LitmusError(
            'E_UNKNOWN_PAPER',
            `not in the library: ${missing.join(', ')} (add them with litmus add)`,
          );
        const engines = await createWorkspace(ctx).engines(engine);
        const passages = await retrieveEvidence(ctx.store, claim, { corpusPaperIds: paper_ids, corpusLimit: 8 });
        const result = await engines.verifier.verify({ claim: { text: claim }, passages });
        return text({
          verdict: result.verdict,
          confidence: result.confidence,
          rationale: result.rationale,
          quotes: result.evidence.map((e) => ({ paper_id: e.paperId, quote: e.quote, location: e.location })),
          verifier: engines.verifier.name,
          calibration: engines.calibration,
        });
      } catch (error) {
        return failure(error);
      }
    },
  );

  server.registerTool(
    'audit_text',
    {
      description:
        'Audit a report or paper given as Markdown text: find its claims and references, verify each claim against the papers it cites.',
      inputSchema: { text: z.string().min(1).max(2_000_000), title: z.string().max(200).optional() },
    },
    async ({ text: body, title }) => {
      const dir = mkdtempSync(join(tmpdir(), 'litmus-mcp-audit-'));
      try {
        const name = `${slugify(title ?? 'document', 60)}.md`;
        const path = join(dir, name);
        writeFileSync(path, body);
        mkdirSync(ctx.reportsRoot, { recursive: true });
        const workspace = createWorkspace(ctx);
        const engines = await workspace.engines();
        const run = await runAudit(
          {
            document: path,
            papers: [],
            outDir: join(ctx.reportsRoot, `audit-${slugify(title ?? 'text', 40)}-${Date.now().toString(36)}`),
          },
          {
            store: ctx.store,
            config: ctx.config,
            http: workspace.http,
            engines,
            litmusVersion: ctx.litmusVersion,
          },
        );
        return text({
          out_dir: run.outDir,
          ...summarizeRunFolder({ kind: 'audit', dir: run.outDir, audit: run.audit }),
        });
      } catch (error) {
        return failure(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  server.registerTool(
    'start_report',
    {
      description:
        'Start a literature report on a research question (runs in the background); poll get_report with the id.',
      inputSchema: {
        question: z.string().min(3).max(500),
        max_papers: z.number().int().min(1).max(100).optional(),
        queries: z.array(z.string().max(300)).max(10).optional(),
        papers: z.array(z.string().max(40)).max(20).optional(),
      },
    },
    async ({ question, max_papers, queries, papers }) => {
      const parsed = reportRequestSchema.safeParse({
        kind: 'report',
        question,
        maxPapers: max_papers,
        queries,
        papers,
      });
      if (!parsed.success)
        return failure(new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
      try {
        const job = startReportJob(ctx, parsed.data);
        return text({ id: job.id, status: job.status, folder: job.folder });
      } catch (error) {
        return failure(error);
      }
    },
  );

  server.registerTool(
    'get_report',
    {
      description:
        'Status of a report started with start_report (by id), or a finished report or audit by its folder name.',
      inputSchema: { id: z.string().max(20).optional(), folder: z.string().max(200).optional() },
    },
    async ({ id, folder }) => {
      const job = id ? ctx.jobs.get(id) : undefined;
      if (id && !job) return failure(new Error(`no report ${id} was started in this session`));
      const name = job?.folder ?? folder;
      if (!name) return failure(new Error('give id or folder'));
      if (job && job.status !== 'ok') {
        return text({
          id: job.id,
          status: job.status,
          error: job.error,
          progress: job.events
            .filter((e) => e.type === 'progress')
            .slice(-10)
            .map((e) => e.data),
        });
      }
      const dir = resolveRunFolder(ctx.reportsRoot, name);
      const loaded = dir ? loadRunFolder(dir) : null;
      if (!loaded) return failure(new Error(`no finished report or audit in folder ${name}`));
      return text({
        ...(job ? { id: job.id, status: job.status } : {}),
        folder: name,
        uri: `litmus://reports/${name}`,
        ...summarizeRunFolder(loaded),
      });
    },
  );

  server.registerResource(
    'report',
    new ResourceTemplate('litmus://reports/{name}', {
      list: () => ({
        resources: listRunFolders(ctx.reportsRoot).map((f) => ({
          uri: `litmus://reports/${f.name}`,
          name: f.name,
          title: f.title,
          mimeType: 'application/json',
        })),
      }),
    }),
    { description: 'Finished reports and audits (report.json / audit.json)', mimeType: 'application/json' },
    async (uri, variables) => {
      const name = String(variables.name ?? '');
      const dir = resolveRunFolder(ctx.reportsRoot, name);
      const loaded = dir ? loadRunFolder(dir) : null;
      if (!loaded) throw new LitmusError('E_NOT_FOUND', `no report or audit named ${name}`);
      const body = loaded.kind === 'report' ? loaded.report : loaded.audit;
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }] };
    },
  );

  return server;
}
