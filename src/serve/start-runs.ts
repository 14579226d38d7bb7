import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { z } from 'zod';
import type { EngineName } from '../config/schema.ts';
import { LitmusError, usageError } from '../core/errors.ts';
import { slugify } from '../core/text.ts';
import type { reportRequestSchema } from './api/schemas.ts';
import type { Job } from './jobs.ts';
import type { ServeContext } from './serve-context.ts';

export type ReportRequest = z.output<typeof reportRequestSchema>;

function folderName(title: string): string {
  return `${slugify(title, 50)}-${Date.now().toString(36)}`;
}

/** Starts `litmus report` for a validated request; output goes to a new folder under the reports root. */
export function startReportJob(ctx: ServeContext, request: ReportRequest): Job {
  const folder = folderName(request.question);
  const args = [
    'report',
    request.question,
    '--out',
    join(ctx.reportsRoot, folder),
    '--max-papers',
    String(request.maxPapers),
  ];
  for (const query of request.queries) args.push('--query', query);
  for (const paper of request.papers)
    args.push('--paper', paper.toLowerCase().startsWith('arxiv:') ? paper : `arxiv:${paper}`);
  if (request.engine) args.push('--engine', request.engine);
  return ctx.jobs.start({ kind: 'report', title: request.question, folder, args });
}

const AUDIT_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.html', '.htm', '.pdf']);

/**
 * Keeps an uploaded document (size-capped, under a server-chosen name in its own folder) and starts
 * `litmus audit` on it; the audit reads it exactly as `litmus add`/`litmus audit` read any file.
 */
export function startAuditJob(
  ctx: ServeContext,
  upload: { name: string; bytes: Uint8Array },
  engine?: EngineName,
): Job {
  if (upload.bytes.byteLength > ctx.maxUploadBytes) throw uploadTooLarge(ctx.maxUploadBytes);
  if (upload.bytes.byteLength === 0)
    throw usageError('E_UPLOAD_EMPTY', `uploaded file "${upload.name}" is empty`, 'choose a document with some text');
  const extension = extname(upload.name).toLowerCase();
  if (!AUDIT_EXTENSIONS.has(extension)) {
    throw usageError(
      'E_UPLOAD_TYPE',
      `uploaded file "${upload.name}" is not a document litmus reads`,
      'upload a Markdown (.md), text (.txt), HTML (.html) or PDF (.pdf) file',
    );
  }
  const stem = slugify(upload.name.slice(0, upload.name.length - extension.length), 60);
  const dir = join(ctx.uploadsDir, randomBytes(8).toString('hex'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${stem}${extension}`);
  writeFileSync(path, upload.bytes);
  const folder = folderName(`audit-${stem}`);
  const args = ['--verbose', 'audit', path, '--out', join(ctx.reportsRoot, folder)];
  if (engine) args.push('--engine', engine);
  return ctx.jobs.start({ kind: 'audit', title: `Audit of ${upload.name}`, folder, args });
}

export function uploadTooLarge(maxBytes: number): LitmusError {
  return new LitmusError('E_UPLOAD_TOO_LARGE', `the upload is larger than this server's ${maxBytes}-byte limit`, {
    hint: 'upload a smaller document, or restart litmus serve with a larger --max-upload-bytes',
    exitCode: 2,
  });
}

/**
 * A report killed by cancel never reaches its own finishRun: its run row is marked failed here, so
 * the history does not show it running forever.
 */
export async function recordCancelledRun(ctx: Pick<ServeContext, 'store' | 'reportsRoot'>, job: Job): Promise<void> {
  if (job.kind !== 'report' || job.status !== 'cancelled') return;
  const since = Date.parse(job.startedAt) - 2000;
  for (const run of await ctx.store.runs.list({ limit: 50 })) {
    if (
      run.command === 'report' &&
      run.status === 'running' &&
      run.args[0] === job.title &&
      Date.parse(run.startedAt) >= since
    ) {
      await ctx.store.runs.finish(run.id, 'failed', {
        error: 'cancelled from litmus serve',
        outDir: join('reports', job.folder),
      });
    }
  }
}
