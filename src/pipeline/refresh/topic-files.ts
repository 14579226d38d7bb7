import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import { LitmusError, usageError } from '../../core/errors.ts';
import { isDatabaseUrl } from '../../store/database-url.ts';
import type { Store, TopicDefinition } from '../../store/store.ts';

/**
 * The workspace is the one home of topics: their definitions (`topics/<name>.json`) and their reports
 * (`reports/<name>/`). It is `workspace` in the config, else the database's folder (the current
 * folder for a database server), so topics can be versioned with the corpus.
 */
export function workspaceDir(config: Config): string {
  return config.workspace ?? (isDatabaseUrl(config.db) ? '.' : dirname(config.db));
}

/**
 * Topic definitions also live as `<workspace>/topics/<name>.json`. The database is the working copy;
 * a file with no row yet (e.g. after a clone) is imported when topics are listed or refreshed.
 */
export function topicsDir(config: Config): string {
  return join(workspaceDir(config), 'topics');
}

/** Where a topic's report and diff go: its own --out, else `<workspace>/reports/<name>/`. */
export function topicReportDir(config: Config, topic: { name: string; options: { outDir?: string } }): string {
  return topic.options.outDir ?? join(workspaceDir(config), 'reports', topic.name);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function assertTopicName(name: string): void {
  if (!SLUG.test(name) || name.length > 60) {
    throw usageError(
      'E_TOPIC_NAME',
      `topic name "${name}" is not a slug`,
      'use lower-case letters, digits and single hyphens, e.g. "llm-code-eval"',
    );
  }
}

export function writeTopicFile(config: Config, topic: TopicDefinition): string {
  const path = join(topicsDir(config), `${topic.name}.json`);
  mkdirSync(dirname(path), { recursive: true });
  const body = {
    name: topic.name,
    question: topic.question,
    queries: topic.queries,
    categories: topic.categories,
    schedule: topic.schedule,
    ...topic.options,
  };
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(temporary, path);
  return path;
}

export function removeTopicFile(config: Config, name: string): boolean {
  const path = join(topicsDir(config), `${name}.json`);
  if (!existsSync(path)) return false;
  rmSync(path);
  return true;
}

export function readTopicFile(path: string): TopicDefinition {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new LitmusError('E_TOPIC_FILE', `topic file ${path} is not valid JSON: ${(error as Error).message}`, {
      exitCode: 2,
    });
  }
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (typeof raw.name !== 'string' || typeof raw.question !== 'string') {
    throw new LitmusError('E_TOPIC_FILE', `topic file ${path} needs "name" and "question"`, { exitCode: 2 });
  }
  return {
    name: raw.name,
    question: raw.question,
    queries: strings(raw.queries),
    categories: strings(raw.categories),
    schedule: typeof raw.schedule === 'string' ? raw.schedule : null,
    options: {
      ...(typeof raw.maxPapers === 'number' ? { maxPapers: raw.maxPapers } : {}),
      ...(typeof raw.threshold === 'number' ? { threshold: raw.threshold } : {}),
      ...(typeof raw.outDir === 'string' ? { outDir: raw.outDir } : {}),
    },
  };
}

/** Imports topic files that have no database row yet; returns the names imported. */
export async function importTopicFiles(store: Store, config: Config): Promise<string[]> {
  const dir = topicsDir(config);
  if (!existsSync(dir)) return [];
  const imported: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const name = file.slice(0, -'.json'.length);
    if (!SLUG.test(name) || (await store.topics.get(name))) continue;
    const definition = readTopicFile(join(dir, file));
    if (definition.name !== name) continue;
    await store.topics.saveDefinition(definition);
    imported.push(name);
  }
  return imported;
}
