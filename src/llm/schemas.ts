import { z } from 'zod';

/**
 * The output schemas prompts name in their `output` front matter. They are also sent as strict JSON
 * schemas, so every field is required (nullable where it may be empty) and numeric ranges are
 * clamped by the caller rather than rejected here.
 */
export const ExtractClaimsOutput = z.object({
  claims: z.array(
    z.object({
      text: z.string().describe('the claim, self-contained: names the method/dataset instead of we/our/this'),
      type: z.enum(['result', 'method', 'dataset', 'comparison', 'definition', 'other']),
      passage_index: z.number().int().describe('number of the passage the claim comes from'),
      source_sentence: z.string().describe('the sentence(s) the claim rests on, copied exactly from that passage'),
      relevance: z.number().describe('0–1 relevance to the research question (or importance when none)'),
    }),
  ),
});
export type ExtractClaimsOutput = z.infer<typeof ExtractClaimsOutput>;

export const VerifyClaimOutput = z.object({
  verdict: z.enum(['SUPPORTED', 'REFUTED', 'PARTIAL', 'NOT_ENOUGH_INFO']),
  rationale: z.string(),
  quotes: z.array(
    z.object({
      passage: z.number().int().describe('number of the passage quoted'),
      quote: z.string().describe('exact words copied from that passage'),
    }),
  ),
});
export type VerifyClaimOutput = z.infer<typeof VerifyClaimOutput>;

export const PlanQueriesOutput = z.object({
  queries: z.array(
    z.object({
      query: z.string().describe('an arXiv API search_query, e.g. all:"retrieval augmented" AND cat:cs.CL'),
      purpose: z.string(),
    }),
  ),
});
export type PlanQueriesOutput = z.infer<typeof PlanQueriesOutput>;

export const AnswerQuestionOutput = z.object({
  answer: z.string().describe('the synthesis; every sentence cites claims as [n]'),
  cited_claims: z.array(z.number().int()),
  open_questions: z.array(z.string()),
});
export type AnswerQuestionOutput = z.infer<typeof AnswerQuestionOutput>;

export const CritiqueQuestionOutput = z.object({
  reading: z.string().describe('how the question will be read, in one or two sentences'),
  notes: z.array(
    z.object({
      kind: z.enum([
        'benchmark_mismatch',
        'language_not_covered',
        'task_mismatch',
        'modality_mismatch',
        'conflicting_constraints',
      ]),
      facet: z.string().nullable().describe('the facet label the note is about, as given, or null'),
      note: z.string().describe('what does not fit, in one or two sentences'),
    }),
  ),
});
export type CritiqueQuestionOutput = z.infer<typeof CritiqueQuestionOutput>;

export const outputSchemas = {
  ExtractClaimsOutput,
  VerifyClaimOutput,
  PlanQueriesOutput,
  AnswerQuestionOutput,
  CritiqueQuestionOutput,
} as const satisfies Record<string, z.ZodType>;

export type OutputSchemaName = keyof typeof outputSchemas;
export const outputSchemaNames = Object.keys(outputSchemas) as OutputSchemaName[];
