import { z } from 'zod';
import { ENGINE_NAMES } from '../../config/schema.ts';
import { VERDICTS } from '../../core/types.ts';

/**
 * The JSON API's inputs and outputs as zod schemas: inputs are parsed with them (a bad value is a
 * 400 naming the field) and the OpenAPI document is generated from them, so the two cannot drift.
 */

const ARXIV_ID = /^(arxiv:)?\d{4}\.\d{4,5}(v\d+)?$/i;

export const verdictSchema = z.enum(VERDICTS as unknown as [string, ...string[]]);
export const engineSchema = z.enum(ENGINE_NAMES);

export const libraryQuerySchema = z.object({
  year: z.coerce.number().int().min(1000).max(3000).optional(),
  source: z.string().max(40).optional(),
  topic: z.string().max(60).optional(),
});

export const searchQuerySchema = libraryQuerySchema.extend({
  q: z.string().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  paper: z.string().max(200).optional(),
});

export const claimsQuerySchema = z.object({ verdict: verdictSchema.optional() });

export const passageQuerySchema = z
  .object({
    paper: z.string().min(1).max(200),
    start: z.coerce.number().int().min(0).optional(),
    end: z.coerce.number().int().min(0).optional(),
    quote: z.string().max(5000).optional(),
    context: z.coerce.number().int().min(0).max(20_000).default(1200),
  })
  .refine((q) => q.end === undefined || q.start === undefined || q.end >= q.start, {
    message: 'end must not be before start',
    path: ['end'],
  });

export const reportRequestSchema = z.object({
  kind: z.literal('report'),
  question: z.string().trim().min(3).max(500),
  queries: z.array(z.string().trim().min(1).max(300)).max(10).default([]),
  /** arXiv ids only: a request never names a local file or a URL for the server to read. */
  papers: z.array(z.string().trim().regex(ARXIV_ID, 'an arXiv id such as 2302.07302v1')).max(20).default([]),
  maxPapers: z.coerce.number().int().min(1).max(100).default(10),
  engine: engineSchema.optional(),
});

export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['report', 'audit']),
  title: z.string(),
  status: z.enum(['running', 'ok', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  folder: z.string(),
  error: z.string().nullable(),
  events: z.array(z.object({ id: z.number(), type: z.enum(['progress', 'done']), data: z.string() })),
});

export const paperSchema = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  authors: z.array(z.object({ name: z.string() }).loose()),
  published: z.string().nullable(),
  year: z.number().nullable(),
  passages: z.number().optional(),
  claims: z.number().optional(),
});

export const searchHitSchema = z.object({
  paperId: z.string(),
  title: z.string(),
  passageId: z.number(),
  page: z.number().nullable(),
  section: z.array(z.string()),
  charStart: z.number(),
  charEnd: z.number(),
  score: z.number(),
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});

export const evidenceSchema = z.object({
  paperId: z.string(),
  quote: z.string(),
  location: z.string(),
  charStart: z.number().optional(),
  charEnd: z.number().optional(),
});

export const claimSchema = z.object({
  id: z.number(),
  text: z.string(),
  type: z.string(),
  charStart: z.number().nullable(),
  charEnd: z.number().nullable(),
  verdict: verdictSchema.nullable(),
  confidence: z.number().nullable(),
  rationale: z.string().nullable(),
  evidence: z.array(evidenceSchema),
});

export const passageSchema = z.object({
  paperId: z.string(),
  start: z.number(),
  end: z.number(),
  before: z.string(),
  highlight: z.string(),
  after: z.string(),
  highlightStart: z.number(),
  highlightEnd: z.number(),
  page: z.number().nullable(),
  section: z.array(z.string()),
  found: z.boolean(),
  totalChars: z.number(),
});

export const topicSchema = z.object({
  name: z.string(),
  question: z.string(),
  schedule: z.string().nullable(),
  lastRefreshAt: z.string().nullable(),
  included: z.array(z.string()),
  refreshes: z.array(z.object({ runId: z.number(), status: z.string(), startedAt: z.string(), diff: z.unknown() })),
});

export const errorSchema = z.object({ error: z.string(), code: z.string() });

/** A zod failure as one line naming the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
}
