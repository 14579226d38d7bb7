/**
 * Writes src/report/generated/{report,audit}-validator.ts: the JSON Schema validators of report.json
 * and audit.json as ajv standalone code. Compiling a schema at run time cost ~0.25 s of every report
 * and audit (ajv's import and code generation); the generated module loads in ~10 ms. A unit test
 * (test/unit/report/generated-validators.test.ts) fails when a schema changed and this was not rerun:
 *   npx tsx scripts/generate-validators.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Each generated validator: its schema and the ajv options it was compiled with. */
export const VALIDATORS = {
  report: { schema: 'schemas/report.schema.json', options: {} },
  // "format" is an annotation in the audit schema (no ajv-formats).
  audit: { schema: 'schemas/audit.schema.json', options: { validateFormats: false } },
} as const;

export type ValidatorName = keyof typeof VALIDATORS;

export const generatedPath = (name: ValidatorName) => join(root, 'src', 'report', 'generated', `${name}-validator.ts`);

/** The module text for one validator: ESM, with ajv's one runtime helper imported rather than required. */
export function generateValidator(name: ValidatorName): string {
  const { schema, options } = VALIDATORS[name];
  const parsed = JSON.parse(readFileSync(join(root, schema), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020.default({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    ...options,
    code: { source: true, esm: true },
  });
  let code = standaloneCode.default(ajv, ajv.compile(parsed));
  const runtime = [...code.matchAll(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)/g)].map((m) => m[1]!);
  const imports = [...new Set(runtime)].map((path, i) => {
    code = code.replaceAll(`require("${path}")`, `__runtime${i}`);
    // ajv's runtime files are CommonJS with __esModule: Node's ESM hands over module.exports, bundlers
    // and vitest its .default; either way the code below reads `.default`.
    return `import __runtime${i}Module from '${path}.js';\nconst __runtime${i} = typeof __runtime${i}Module === 'function' ? { default: __runtime${i}Module } : __runtime${i}Module;`;
  });
  if (/\brequire\(/.test(code)) throw new Error(`${name}: the standalone code requires a module this script does not map`);
  return [
    `// @ts-nocheck`,
    `// Generated from ${schema} by scripts/generate-validators.ts; do not edit.`,
    ...imports,
    code.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of Object.keys(VALIDATORS) as ValidatorName[]) {
    writeFileSync(generatedPath(name), generateValidator(name));
    console.log(`wrote ${generatedPath(name)}`);
  }
}
