import type { ErrorObject } from 'ajv';
import auditSchema from '../../../schemas/audit.schema.json' with { type: 'json' };
import { validate as generatedValidate } from '../generated/audit-validator.ts';

/** The JSON Schema audit.json follows (draft 2020-12), as loaded from schemas/audit.schema.json. */
export const AUDIT_SCHEMA: Record<string, unknown> = auditSchema;

export interface AuditValidation {
  valid: boolean;
  /** One line per problem: JSON pointer to the value, then what is wrong with it. */
  errors: string[];
}

// ajv's standalone code for the schema, generated ahead (scripts/generate-validators.ts): compiling it
// here cost every audit ~0.25 s. "format" is an annotation in this schema (no ajv-formats).
const validate = generatedValidate as ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Checks a value (e.g. parsed audit.json) against the audit schema. */
export function validateAudit(value: unknown): AuditValidation {
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    let detail = e.message ?? 'is invalid';
    if (typeof params['additionalProperty'] === 'string') detail += `: "${params['additionalProperty']}"`;
    if (Array.isArray(params['allowedValues'])) detail += `: ${params['allowedValues'].join(', ')}`;
    return `${e.instancePath || '/'} ${detail}`;
  });
  return { valid: false, errors };
}
