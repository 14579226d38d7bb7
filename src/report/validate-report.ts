import Ajv2020 from 'ajv/dist/2020.js';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };

/** The JSON Schema report.json follows (draft 2020-12), as loaded from schemas/report.schema.json. */
export const REPORT_SCHEMA: Record<string, unknown> = reportSchema;

export interface ReportValidation {
  valid: boolean;
  /** One line per problem: JSON pointer to the value, then what is wrong with it. */
  errors: string[];
}

// ajv is CommonJS: under NodeNext the default import is its module.exports, which is the class and
// also carries the class as `.default` (ajv sets both); `.default` is what TypeScript sees.
const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(reportSchema);

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
