import type { ErrorObject } from 'ajv';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import { validate as generatedValidate } from './generated/report-validator.ts';

/** The JSON Schema report.json follows (draft 2020-12), as loaded from schemas/report.schema.json. */
export const REPORT_SCHEMA: Record<string, unknown> = reportSchema;

export interface ReportValidation {
  valid: boolean;
  /** One line per problem: JSON pointer to the value, then what is wrong with it. */
  errors: string[];
}

// ajv's standalone code for the schema, generated ahead (scripts/generate-validators.ts): compiling it
// here cost every report ~0.25 s.
const validate = generatedValidate as ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Checks a value (e.g. parsed report.json) against the report schema. */
export function validateReport(value: unknown): ReportValidation {
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const params = e.params as Record<string, unknown>;
    let detail = e.message ?? 'is invalid';
    if (typeof params['additionalProperty'] === 'string') detail += `: "${params['additionalProperty']}"`;
    if (Array.isArray(params['allowedValues'])) detail += `: ${params['allowedValues'].join(', ')}`;
    return `${where} ${detail}`;
  });
  return { valid: false, errors };
}
