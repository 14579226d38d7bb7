import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { LitmusError } from '../core/errors.ts';
import { type Config, type ConfigInput, configSchema } from './schema.ts';

type Env = Record<string, string | undefined>;
type Layer = Record<string, unknown>;

export interface LoadConfigOptions {
  /** Flags given on the command line (already parsed), highest precedence. */
  flags?: Layer;
  env?: Env;
  /** Path of the config file; default litmus.config.json in the working directory. */
  file?: string;
}

/** flags > env > litmus.config.json > defaults, validated once; invalid keys are named. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const filePath = options.file ?? env.LITMUS_CONFIG ?? 'litmus.config.json';
  const fileLayer = readConfigFile(filePath, options.file !== undefined || env.LITMUS_CONFIG !== undefined);
  const merged = deepMerge(deepMerge(fileLayer, envLayer(env)), options.flags ?? {});
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    const source = describeSource(issue.path, options.flags ?? {}, envLayer(env), filePath);
    throw new LitmusError('E_CONFIG', `invalid config ${key} (${source}): ${issue.message}`, {
      hint: `fix or remove ${key}; see README "Configuration"`,
      exitCode: 2,
    });
  }
  return parsed.data;
}

function readConfigFile(path: string, required: boolean): Layer {
  if (!existsSync(path)) {
    if (required) {
      throw new LitmusError('E_CONFIG', `config file ${path} does not exist`, {
        hint: 'create it or unset LITMUS_CONFIG',
        exitCode: 2,
      });
    }
    return {};
  }
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new LitmusError('E_CONFIG', 'top level must be an object');
    return value as Layer;
  } catch (error) {
    throw new LitmusError('E_CONFIG', `config file ${path} is not valid JSON: ${(error as Error).message}`, {
      hint: 'fix the JSON or remove the file',
      exitCode: 2,
    });
  }
}

/** The env vars litmus reads, in one place. */
function envLayer(env: Env): Layer {
  const layer: Layer = {};
  const set = (path: string[], value: unknown) => {
    if (value === undefined || value === '') return;
    let target = layer;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Layer;
    target[path.at(-1)!] = value;
  };
  set(['db'], env.LITMUS_DB);
  set(['db'], env.LITMUS_DATABASE_URL);
  set(['offline'], parseBool(env.LITMUS_OFFLINE));
  set(['contact'], env.LITMUS_CONTACT);
  set(['engine'], env.LITMUS_ENGINE);
  set(['arxiv', 'api'], env.LITMUS_ARXIV_API);
  set(['arxiv', 'base'], env.LITMUS_ARXIV_BASE);
  set(['arxiv', 'oai'], env.LITMUS_ARXIV_OAI);
  set(['arxiv', 'delayMs'], parseNumber(env.LITMUS_ARXIV_DELAY_MS));
  set(['semanticScholar', 'api'], env.LITMUS_S2_API);
  set(['semanticScholar', 'apiKey'], env.S2_API_KEY);
  set(['semanticScholar', 'delayMs'], parseNumber(env.LITMUS_S2_DELAY_MS));
  set(['openalex', 'api'], env.LITMUS_OPENALEX_API);
  set(['openalex', 'apiKey'], env.OPENALEX_API_KEY);
  set(['openalex', 'delayMs'], parseNumber(env.LITMUS_OPENALEX_DELAY_MS));
  set(['unpaywall', 'api'], env.LITMUS_UNPAYWALL_API);
  set(['unpaywall', 'delayMs'], parseNumber(env.LITMUS_UNPAYWALL_DELAY_MS));
  set(['crossref', 'api'], env.LITMUS_CROSSREF_API);
  set(['crossref', 'delayMs'], parseNumber(env.LITMUS_CROSSREF_DELAY_MS));
  set(['jobs', 'mode'], env.LITMUS_JOBS);
  set(['jobs', 'expireSeconds'], parseNumber(env.LITMUS_JOB_EXPIRE_SECONDS));
  set(['jobs', 'retries'], parseNumber(env.LITMUS_JOB_RETRIES));
  set(['report', 'maxPapers'], parseNumber(env.LITMUS_REPORT_MAX_PAPERS));
  set(['report', 'threshold'], parseNumber(env.LITMUS_REPORT_THRESHOLD));
  set(['report', 'claimThreshold'], parseNumber(env.LITMUS_REPORT_CLAIM_THRESHOLD));
  set(['report', 'perQuery'], parseNumber(env.LITMUS_REPORT_PER_QUERY));
  set(['report', 'claimsPerPaper'], parseNumber(env.LITMUS_REPORT_CLAIMS_PER_PAPER));
  set(['llm', 'baseUrl'], env.OPENAI_BASE_URL);
  set(['llm', 'apiKey'], env.OPENAI_API_KEY);
  set(['llm', 'model'], env.LITMUS_MODEL);
  return layer;
}

function parseBool(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  return value; // left as a string so validation names it
}

function parseNumber(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

function deepMerge(base: Layer, over: Layer): Layer {
  const out: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeSource(path: PropertyKey[], flags: Layer, env: Layer, file: string): string {
  const has = (layer: Layer) => {
    let cursor: unknown = layer;
    for (const key of path) {
      if (!isPlainObject(cursor)) return false;
      cursor = cursor[key as string];
    }
    return cursor !== undefined;
  };
  if (has(flags)) return 'from a flag';
  if (has(env)) return 'from the environment';
  return `from ${file}`;
}

export function configSnapshot(config: Config): Config {
  // Secrets never enter run records or reports.
  const copy = structuredClone(config);
  if (copy.llm.apiKey) copy.llm.apiKey = '***';
  if (copy.semanticScholar.apiKey) copy.semanticScholar.apiKey = '***';
  return copy;
}

export type { Config, ConfigInput };
export const _internal = { deepMerge, envLayer, z };
