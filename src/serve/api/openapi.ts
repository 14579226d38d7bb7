import { z } from 'zod';
import { ENGINE_NAMES } from '../../config/schema.ts';
import {
  claimSchema,
  claimsQuerySchema,
  errorSchema,
  jobSchema,
  libraryQuerySchema,
  paperSchema,
  passageQuerySchema,
  passageSchema,
  reportRequestSchema,
  searchHitSchema,
  searchQuerySchema,
  topicSchema,
} from './schemas.ts';

type Schema = z.ZodType;

const json = (schema: Schema) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
});

function queryParameters(schema: z.ZodObject) {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(jsonSchema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: jsonSchema.required?.includes(name) ?? false,
    schema: s,
  }));
}

const pathId = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const errors = {
  '400': { description: 'Bad input; the message names the field', content: json(errorSchema) },
  '401': {
    description: 'Token missing (state-changing requests; every request when bound beyond loopback)',
    content: json(errorSchema),
  },
  '404': { description: 'Not found', content: json(errorSchema) },
};

/** The OpenAPI 3.1 document of the JSON API, generated from the zod schemas the handlers parse with. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'litmus serve API',
      version,
      description:
        'Read the library (papers, search, claims, passages), list and start runs, read topics. Send the token printed by `litmus serve` as `Authorization: Bearer <token>` on every POST.',
    },
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/api/papers': {
        get: {
          summary: 'Papers in the library, filtered by year, source or topic',
          parameters: queryParameters(libraryQuerySchema),
          responses: {
            '200': { description: 'Papers', content: json(z.object({ papers: z.array(paperSchema) })) },
            ...errors,
          },
        },
      },
      '/api/papers/{id}': {
        get: {
          summary: 'A paper: metadata, outline and claims with verdicts',
          parameters: [pathId('id', 'paper id, e.g. arxiv:2302.07302v1')],
          responses: {
            '200': {
              description: 'The paper',
              content: json(
                z.object({
                  paper: paperSchema,
                  outline: z.array(
                    z.object({ depth: z.number(), title: z.string(), charStart: z.number(), charEnd: z.number() }),
                  ),
                  claims: z.array(claimSchema),
                }),
              ),
            },
            ...errors,
          },
        },
      },
      '/api/papers/{id}/claims': {
        get: {
          summary: "A paper's claims with their newest verdicts",
          parameters: [pathId('id', 'paper id'), ...queryParameters(claimsQuerySchema)],
          responses: {
            '200': { description: 'Claims', content: json(z.object({ claims: z.array(claimSchema) })) },
            ...errors,
          },
        },
      },
      '/api/search': {
        get: {
          summary: 'BM25 full-text search over passages (the same as `litmus search`)',
          parameters: queryParameters(searchQuerySchema),
          responses: {
            '200': { description: 'Hits', content: json(z.object({ hits: z.array(searchHitSchema) })) },
            ...errors,
          },
        },
      },
      '/api/passage': {
        get: {
          summary: 'Stored full text around a char range or a quote, with the span to highlight',
          parameters: queryParameters(passageQuerySchema as unknown as z.ZodObject),
          responses: { '200': { description: 'Passage', content: json(passageSchema) }, ...errors },
        },
      },
      '/api/runs': {
        get: {
          summary: 'Runs started here, result folders, and the run history',
          responses: {
            '200': {
              description: 'Runs',
              content: json(
                z.object({ jobs: z.array(jobSchema), folders: z.array(z.unknown()), runs: z.array(z.unknown()) }),
              ),
            },
          },
        },
        post: {
          summary: 'Start a report (audits: POST /api/audits)',
          security: [{ token: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: z.toJSONSchema(reportRequestSchema, { io: 'input', unrepresentable: 'any' }),
              },
            },
          },
          responses: {
            '202': { description: 'Started', content: json(jobSchema) },
            ...errors,
            '429': { description: 'Too many runs going', content: json(errorSchema) },
          },
        },
      },
      '/api/audits': {
        post: {
          summary: 'Start an audit of an uploaded document (Markdown, text, HTML or PDF; size-capped)',
          security: [{ token: [] }],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['document'],
                  properties: {
                    document: { type: 'string', format: 'binary' },
                    engine: { type: 'string', enum: [...ENGINE_NAMES] },
                  },
                },
              },
            },
          },
          responses: {
            '202': { description: 'Started', content: json(jobSchema) },
            ...errors,
            '413': { description: 'Upload larger than the cap', content: json(errorSchema) },
          },
        },
      },
      '/api/runs/{id}': {
        get: {
          summary: 'A run started here, with its progress events',
          parameters: [pathId('id', 'run id')],
          responses: { '200': { description: 'The run', content: json(jobSchema) }, ...errors },
        },
      },
      '/api/runs/{id}/cancel': {
        post: {
          summary: 'Cancel a running run',
          security: [{ token: [] }],
          parameters: [pathId('id', 'run id')],
          responses: { '200': { description: 'Cancelled', content: json(jobSchema) }, ...errors },
        },
      },
      '/api/topics': {
        get: {
          summary: 'Topics with their refresh history and diffs',
          responses: { '200': { description: 'Topics', content: json(z.object({ topics: z.array(topicSchema) })) } },
        },
      },
    },
  };
}
