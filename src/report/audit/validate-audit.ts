import Ajv2020 from 'ajv/dist/2020.js';
import auditSchema from '../../../schemas/audit.schema.json' with { type: 'json' };

/** The JSON Schema audit.json follows (draft 2020-12), as loaded from schemas/audit.schema.json. */
export const AUDIT_SCHEMA: Record<string, unknown> = auditSchema;

export interface AuditValidation {
  valid: boolean;
  /** One line per problem: JSON pointer to the value, then what is wrong with it. */
  errors: string[];
}

// ajv is CommonJS: under NodeNext the default import is module.exports, which carries the class as
// `.default` too; `.default` is what TypeScript sees. "format" is an annotation here (no ajv-formats).
const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false });
const validate = ajv.compile(auditSchema);

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
