import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { LitmusError } from '../core/errors.ts';
import { sha256 } from '../core/hash.ts';
import { DATA_RULE_MARKER, type FencedBlock, fenceBlocks, fenceNonce } from './fence.ts';
import type { ChatMessage } from './llm-client.ts';

/**
 * Prompts are files: `prompts/<stage>/<name>.md` with YAML front matter
 * (`id`, `version`, `inputs: [...]`, optional `fenced: [...]` for inputs carrying paper text,
 * optional `output`: a schema name) and a body with a `# System` and a `# User` section using
 * `{{slot}}` templates. Loading fails if the slots used differ from the declared inputs.
 * The sha256 of the whole file is recorded with every call.
 */
export interface Prompt {
  id: string;
  version: number;
  inputs: string[];
  fenced: string[];
  output?: string;
  system: string;
  user: string;
  /** sha256 of the file's bytes: any edit changes it, and with it every cache key. */
  hash: string;
  path: string;
}

export type PromptValues = Record<string, string | FencedBlock[]>;

export const defaultPromptsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prompts');

const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case'),
    version: z.number().int().positive(),
    inputs: z.array(z.string().regex(/^[A-Za-z_]\w*$/)),
    fenced: z.array(z.string()).default([]),
    output: z.string().optional(),
    model: z.string().optional(),
  })
  .strict();

const SLOT = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

export interface LoadPromptOptions {
  /** Names of known output schemas; an `output` not in this list fails at load. */
  outputs?: readonly string[];
}

export function parsePrompt(source: string, path: string, options: LoadPromptOptions = {}): Prompt {
  const fail = (message: string) =>
    new LitmusError('E_PROMPT', `prompt ${path}: ${message}`, {
      hint: 'fix the prompt file; see the front-matter rules in src/llm/prompts.ts',
    });
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw fail('missing YAML front matter between --- lines');
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    throw fail(`front matter is not YAML: ${(error as Error).message}`);
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) throw fail(`front matter: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const front = parsed.data;
  const sections = splitSections(match[2]!);
  if (!sections) throw fail('body needs a "# System" section followed by a "# User" section');
  const used = new Set([...slotsOf(sections.system), ...slotsOf(sections.user)]);
  const declared = new Set(front.inputs);
  const undeclared = [...used].filter((slot) => !declared.has(slot));
  const unused = [...declared].filter((input) => !used.has(input));
  if (undeclared.length > 0) throw fail(`template uses undeclared slot(s) ${undeclared.join(', ')}`);
  if (unused.length > 0) throw fail(`declared input(s) ${unused.join(', ')} never appear in the template`);
  const strayFenced = front.fenced.filter((name) => !declared.has(name));
  if (strayFenced.length > 0) throw fail(`fenced input(s) ${strayFenced.join(', ')} are not declared inputs`);
  if (front.fenced.length > 0 && !sections.system.includes(DATA_RULE_MARKER)) {
    throw fail(`has fenced inputs, so the system section must say fenced text is "${DATA_RULE_MARKER}"`);
  }
  if (front.output !== undefined && options.outputs && !options.outputs.includes(front.output)) {
    throw fail(`output schema ${front.output} is unknown (known: ${options.outputs.join(', ')})`);
  }
  return {
    id: front.id,
    version: front.version,
    inputs: front.inputs,
    fenced: front.fenced,
    ...(front.output === undefined ? {} : { output: front.output }),
    system: sections.system,
    user: sections.user,
    hash: sha256(source),
    path,
  };
}

export function loadPromptFile(path: string, options: LoadPromptOptions = {}): Prompt {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LitmusError('E_PROMPT', `prompt ${path} cannot be read: ${(error as Error).message}`, {
      hint: 'reinstall litmus or restore the prompts/ folder',
      cause: error,
    });
  }
  return parsePrompt(source, path, options);
}

/** Every `*.md` under `dir` (recursively), by id; duplicate ids fail. */
export function loadPrompts(dir: string = defaultPromptsDir, options: LoadPromptOptions = {}): Map<string, Prompt> {
  const prompts = new Map<string, Prompt>();
  for (const file of listMarkdown(dir)) {
    const prompt = loadPromptFile(file, options);
    const existing = prompts.get(prompt.id);
    if (existing) {
      throw new LitmusError('E_PROMPT', `prompt id ${prompt.id} is used by ${existing.path} and ${file}`, {
        hint: 'give each prompt file its own id',
      });
    }
    prompts.set(prompt.id, prompt);
  }
  return prompts;
}

/**
 * Fills the slots in one pass (values are never re-scanned, so paper text containing "{{x}}" stays
 * text). Fenced inputs take blocks, which are wrapped in nonce fences; the others take strings.
 */
export function renderPrompt(prompt: Prompt, values: PromptValues): ChatMessage[] {
  for (const input of prompt.inputs) {
    const value = values[input];
    const fenced = prompt.fenced.includes(input);
    if (value === undefined) throw new LitmusError('E_PROMPT', `prompt ${prompt.id}: no value for {{${input}}}`);
    if (fenced !== Array.isArray(value)) {
      throw new LitmusError(
        'E_PROMPT',
        `prompt ${prompt.id}: {{${input}}} ${fenced ? 'carries paper text and takes fenced blocks' : 'takes a string'}`,
      );
    }
  }
  const nonce = fenceNonce(prompt.fenced.map((name) => values[name] as FencedBlock[]));
  const fill = (template: string) =>
    template.replace(SLOT, (_, name: string) => {
      const value = values[name]!;
      return Array.isArray(value) ? fenceBlocks(value, nonce) : value;
    });
  return [
    { role: 'system', content: fill(prompt.system) },
    { role: 'user', content: fill(prompt.user) },
  ];
}

/** "extract-claims@1#3f2a…": what run records and reports show. */
export function promptRef(prompt: Prompt): string {
  return `${prompt.id}@${prompt.version}#${prompt.hash.slice(0, 12)}`;
}

function slotsOf(template: string): string[] {
  return [...template.matchAll(SLOT)].map((m) => m[1]!);
}

function splitSections(body: string): { system: string; user: string } | null {
  const match = /^#[ \t]+System[ \t]*\r?\n([\s\S]*?)^#[ \t]+User[ \t]*\r?\n([\s\S]*)$/m.exec(body);
  if (!match) return null;
  const system = match[1]!.trim();
  const user = match[2]!.trim();
  if (!system || !user) return null;
  return { system, user };
}

function listMarkdown(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md') && relative(dir, path) !== 'README.md') files.push(path);
    }
  };
  walk(dir);
  return files;
}
