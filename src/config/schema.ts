import { z } from 'zod';

/**
 * The claim/verify engines config can name. Each has one line in src/pipeline/engine-registry.ts
 * (test/unit/pipeline/registries.test.ts fails when the two disagree).
 */
export const ENGINE_NAMES = ['embedded', 'llm'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * Every setting litmus reads, with its default. Precedence: flags > env > litmus.config.json > defaults
 * (see load-config.ts). Unknown keys in the file are errors, so a typo is reported by name.
 */
export const configSchema = z
  .object({
    db: z.string().min(1).default('corpus/litmus.db').describe('SQLite database path, or a postgres:// URL'),
    offline: z.boolean().default(false).describe('make no network request; report what would need one'),
    workspace: z
      .string()
      .min(1)
      .optional()
      .describe("home of topic files (topics/) and topic reports (reports/); default: the database's folder"),
    sources: z
      .enum(['all', 'library', 'arxiv'])
      .default('all')
      .describe('where `report` looks for papers: the local library and arXiv, or only one of them'),
    quiet: z.boolean().default(false),
    verbose: z.boolean().default(false),
    json: z.boolean().default(false),
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(50 * 1024 * 1024)
      .describe('files larger than this are refused before parsing'),
    http: z
      .object({
        maxFeedBytes: z
          .number()
          .int()
          .positive()
          .default(32 * 1024 * 1024)
          .describe('an Atom/XML feed or JSON answer larger than this is cut off with an error'),
        maxRedirects: z.number().int().nonnegative().max(20).default(5),
        redirectHosts: z
          .array(z.string().min(1))
          .default([])
          .describe('hosts a redirect may lead to besides the one asked (subdomains included)'),
      })
      .strict()
      .prefault({}),
    contact: z.string().default('litmus-user@example.invalid').describe('contact address sent in the User-Agent'),
    arxiv: z
      .object({
        api: z.url().default('https://export.arxiv.org/api/query'),
        base: z.url().default('https://arxiv.org'),
        oai: z
          .url()
          .default('https://oaipmh.arxiv.org/oai')
          .describe('accepted for older config files; OAI-PMH is no longer harvested'),
        delayMs: z.number().int().nonnegative().default(3000).describe('minimum gap between arXiv requests'),
        searchTtlHours: z.number().positive().default(24),
        maxRetries: z.number().int().nonnegative().default(4),
        timeoutMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .prefault({}),
    semanticScholar: z
      .object({
        api: z.url().default('https://api.semanticscholar.org/graph/v1'),
        apiKey: z.string().optional(),
        delayMs: z.number().int().nonnegative().default(1000),
      })
      .strict()
      .prefault({}),
    openalex: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('search OpenAlex in `report` besides arXiv, and look works up there'),
        api: z.url().default('https://api.openalex.org'),
        mailto: z.string().min(1).optional().describe('address sent as `mailto` (polite pool); default: contact'),
        apiKey: z.string().min(1).optional().describe('OpenAlex API key (free; required for real use since 2026-02)'),
        delayMs: z.number().int().nonnegative().default(100).describe('minimum gap between OpenAlex requests'),
      })
      .strict()
      .prefault({}),
    unpaywall: z
      .object({
        enabled: z.boolean().default(false).describe('find a legal open-access PDF by DOI when a paper has none'),
        api: z.url().default('https://api.unpaywall.org/v2'),
        email: z
          .string()
          .min(1)
          .optional()
          .describe('address sent as `email` (required by Unpaywall); default: contact'),
        delayMs: z.number().int().nonnegative().default(100).describe('minimum gap between Unpaywall requests'),
      })
      .strict()
      .prefault({}),
    crossref: z
      .object({
        api: z.url().default('https://api.crossref.org'),
        // Crossref's polite pool (requests carrying mailto) allows 10 requests/s since December 2025.
        delayMs: z.number().int().nonnegative().default(100).describe('minimum gap between Crossref requests'),
        ttlHours: z
          .number()
          .positive()
          .default(24)
          .describe('how long a DOI record (and its retraction status) is reused'),
        search: z
          .boolean()
          .default(false)
          .describe('let `report` search Crossref as a source (look-ups by DOI and retraction checks need no switch)'),
      })
      .strict()
      .prefault({}),
    jobs: z
      .object({
        mode: z
          .enum(['workers', 'in-process'])
          .default('workers')
          .describe('on a Postgres store, send per-paper work to `litmus worker`s, or do it in the command itself'),
        expireSeconds: z
          .number()
          .int()
          .min(1)
          .default(900)
          .describe('a job running longer is taken for dead and retried elsewhere: set above the slowest paper'),
        retries: z.number().int().min(0).max(100).default(3).describe('attempts after the first'),
      })
      .strict()
      .prefault({}),
    report: z
      .object({
        maxPapers: z.number().int().min(1).max(10_000).default(20).describe('papers a report includes at most'),
        threshold: z.number().min(0).max(1).default(0.2).describe('screening relevance threshold'),
        claimThreshold: z
          .number()
          .min(0)
          .max(1)
          .default(0.25)
          .describe('claims less relevant than this stay out of the main table'),
        perQuery: z.number().int().positive().default(25).describe('records asked of each search query'),
        claimsPerPaper: z
          .number()
          .int()
          .positive()
          .default(12)
          .describe('claims beyond each paper’s headline findings, at most'),
      })
      .strict()
      .prefault({})
      .describe('defaults of `report` and `refresh`; their flags override them'),
    style: z
      .enum(['apa', 'vancouver', 'ieee', 'harvard'])
      .default('apa')
      .describe('citation style of the reference list in reports (`--style`)'),
    llm: z
      .object({
        baseUrl: z.url().default('https://api.openai.com/v1'),
        apiKey: z.string().optional(),
        model: z.string().optional(),
        samples: z.number().int().positive().default(3),
        temperature: z.number().min(0).max(2).default(0.7),
        concurrency: z.number().int().positive().default(4),
        timeoutMs: z.number().int().positive().default(60_000),
        maxRetries: z.number().int().nonnegative().default(3),
        budgetUsd: z.number().positive().optional(),
        /** Platt parameters fitted on labelled verdicts (see README); default: documented hand-set values. */
        // cutoff: held-out confidence of the 30% most confident verdicts; below it a verdict is low-confidence.
        calibration: z
          .object({ a: z.number(), b: z.number(), cutoff: z.number().min(0).max(1).optional() })
          .strict()
          .optional(),
        /** How to ask for JSON: auto (schema, falling back to text when the server refuses), or forced. */
        structuredOutput: z.enum(['auto', 'json_schema', 'text']).optional(),
        /** USD per million tokens, by model name; unknown models count tokens with cost 0. */
        prices: z
          .record(z.string(), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }))
          .default({
            'gpt-4o-mini': { input: 0.15, output: 0.6 },
            'gpt-4o': { input: 2.5, output: 10 },
            'gpt-4.1-mini': { input: 0.4, output: 1.6 },
          }),
      })
      .strict()
      .prefault({}),
    engine: z.enum(ENGINE_NAMES).optional().describe('claim/verify engine; default llm when a model is set'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
/** What a flag, env var or config file may set: any subset, nested. */
export type ConfigInput = z.input<typeof configSchema>;
