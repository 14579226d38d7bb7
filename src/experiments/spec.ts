import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { usageError } from '../core/errors.ts';

/** `litmus experiment run <spec.json|spec.yaml>`: what to run and where its metrics come from. */
export const experimentSpecSchema = z
  .object({
    name: z.string().min(1),
    command: z.array(z.string()).min(1),
    cwd: z.string().min(1).optional(),
    env: z.record(z.string(), z.string()).optional(),
    timeout_s: z.number().positive(),
    metrics: z.union([z.object({ file: z.string().min(1) }).strict(), z.object({ stdout: z.literal(true) }).strict()]),
    claims: z.array(z.union([z.string().min(1), z.number().int()])).optional(),
    tolerance: z.number().nonnegative().optional(),
    model: z.string().min(1).optional(),
    dataset: z.string().min(1).optional(),
  })
  .strict();

export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;

/** Reads and validates a spec; errors are one line naming the file and the offending field. */
export function loadExperimentSpec(path: string): ExperimentSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw usageError('E_SPEC_MISSING', `experiment spec ${path} cannot be read`, 'check the path');
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw usageError(
      'E_SPEC_PARSE',
      `experiment spec ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${reason}`,
    );
  }
  return parseExperimentSpec(raw, path);
}

export function parseExperimentSpec(raw: unknown, path: string): ExperimentSpec {
  const parsed = experimentSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  throw usageError(
    'E_SPEC_INVALID',
    `experiment spec ${path}: field ${field}: ${issue.message}`,
    'see `litmus experiment run --help` for the spec format',
  );
}
