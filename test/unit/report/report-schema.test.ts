import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../src/report/render-json.ts';
import { REPORT_SCHEMA, validateReport } from '../../../src/report/validate-report.ts';
import { sampleModel } from '../../fixtures/report/sample-model.ts';

type Json = Record<string, unknown>;

describe('report.json and its schema', () => {
  it('renders the model as pretty JSON that parses back to the same model', () => {
    const model = sampleModel();
    const json = renderJson(model);
    expect(json).toContain('\n  "title": ');
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(model);
  });

  it('is draft 2020-12 and is the file in schemas/', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8'));
    expect(onDisk).toEqual(REPORT_SCHEMA);
    expect(onDisk.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(onDisk.additionalProperties).toBe(false);
  });

  it('accepts the sample model, and the rendered JSON parsed back', () => {
    expect(validateReport(sampleModel())).toEqual({ valid: true, errors: [] });
    expect(validateReport(JSON.parse(renderJson(sampleModel())))).toEqual({ valid: true, errors: [] });
  });

  it('requires exactly the fields the sample model has, at every level', () => {
    const model = sampleModel() as unknown as Json;
    const defs = REPORT_SCHEMA['$defs'] as Record<string, Json>;
    const pairs: [Json, Json][] = [
      [REPORT_SCHEMA, model],
      [defs['answer']!, model['answer'] as Json],
      [defs['method']!, model['method'] as Json],
      [defs['counts']!, model['counts'] as Json],
      [defs['paper']!, (model['papers'] as Json[])[0]!],
      [defs['claim']!, (model['claims'] as Json[]).find((c) => c['excluded_from_answer'])!],
      // The table-cell evidence: a quote with the cell and its headers (every evidence field present).
      [defs['evidence']!, ((model['claims'] as Json[])[0]!['evidence'] as Json[]).find((e) => e['cell'])!],
      [defs['experiment']!, (model['claims'] as Json[])[0]!['experiment'] as Json],
      [defs['contradiction']!, (model['contradictions'] as Json[])[0]!],
      [defs['provenance']!, model['provenance'] as Json],
    ];
    // Optional fields: present on the sample value, absent from `required`.
    const optional = new Set(['cell', 'references', 'integrity', 'language', 'publication', 'excluded_from_answer']);
    for (const [schema, value] of pairs) {
      expect([...(schema['required'] as string[])].sort()).toEqual(Object.keys(value).filter((k) => !optional.has(k)).sort());
      expect(Object.keys(schema['properties'] as Json).sort()).toEqual(Object.keys(value).sort());
    }
  });

  it('rejects a broken model with errors that say where and what', () => {
    const model = sampleModel() as unknown as Json;
    const claims = model['claims'] as Json[];
    claims[1]!['verdict'] = 'MAYBE';
    claims[2]!['confidence'] = 1.4;
    delete (model['counts'] as Json)['included'];
    (model['papers'] as Json[])[0]!['venue'] = 'NeurIPS';
    const result = validateReport(model);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain(
      '/claims/1/verdict must be equal to one of the allowed values: SUPPORTED, REFUTED, PARTIAL, NOT_ENOUGH_INFO',
    );
    expect(result.errors).toContain('/claims/2/confidence must be <= 1');
    expect(result.errors).toContain("/counts must have required property 'included'");
    expect(result.errors).toContain('/papers/0 must NOT have additional properties: "venue"');
  });

  it('rejects values that are not reports at all', () => {
    expect(validateReport(null).errors).toEqual(['/ must be object']);
    expect(validateReport({ ...sampleModel(), generated_at: 'yesterday' }).errors[0]).toMatch(
      /^\/generated_at must match pattern/,
    );
  });
});
