import type { Command } from 'commander';
import type { Config } from '../../config/schema.ts';
import { usageError } from '../../core/errors.ts';
import {
  assertTopicName,
  importTopicFiles,
  removeTopicFile,
  topicReportDir,
  writeTopicFile,
} from '../../pipeline/refresh/topic-files.ts';
import { topicLockName } from '../../pipeline/refresh/topic-lock.ts';
import { checkDue, validateCron } from '../../schedule/cron.ts';
import type { Topic, TopicDefinition } from '../../store/store.ts';
import type { CliContext } from '../context.ts';
import { parsePositiveInt, parseProbability } from './parse-options.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface TopicAddFlags {
  question: string;
  query?: string[];
  category?: string[];
  schedule?: string;
  maxPapers?: number;
  threshold?: number;
  out?: string;
}

/** `litmus topic add|list|show|remove|unlock`: topics kept fresh by `litmus refresh` and `litmus watch`. */
export function registerTopicCommand(program: Command, context: CliContext): void {
  const topic = program.command('topic').description('research topics kept up to date by refresh and watch');

  topic
    .command('add')
    .description('add a topic (or update its definition); stored in the database and as topics/<name>.json')
    .argument('<name>', 'a slug, e.g. llm-code-eval')
    .requiredOption('--question <text>', 'the research question')
    .option(
      '--query <query>',
      'arXiv query (repeatable; default: planned from the question at the first refresh)',
      collect,
    )
    .option('--category <cat>', 'restrict searches to this arXiv category, e.g. cs.CL (repeatable)', collect)
    .option('--schedule <cron>', 'cron pattern for `litmus watch`, e.g. "0 6 * * *"')
    .option('--max-papers <n>', 'papers to include at most', parsePositiveInt)
    .option('--threshold <x>', 'screening relevance threshold, 0–1', parseProbability)
    .option(
      '--out <dir>',
      'report folder (default <workspace>/reports/<name>, the workspace being the database folder)',
    )
    .action(async (name: string, flags: TopicAddFlags) => {
      assertTopicName(name);
      if (flags.schedule !== undefined) validateCron(flags.schedule);
      for (const category of flags.category ?? []) {
        if (!/^[a-z-]+(\.[A-Za-z-]+)?$/.test(category)) {
          throw usageError(
            'E_BAD_CATEGORY',
            `"${category}" is not an arXiv category`,
            'use e.g. cs.CL, math.PR or hep-th',
          );
        }
      }
      const definition: TopicDefinition = {
        name,
        question: flags.question,
        queries: flags.query ?? [],
        categories: flags.category ?? [],
        schedule: flags.schedule ?? null,
        options: {
          ...(flags.maxPapers !== undefined ? { maxPapers: flags.maxPapers } : {}),
          ...(flags.threshold !== undefined ? { threshold: flags.threshold } : {}),
          ...(flags.out !== undefined ? { outDir: flags.out } : {}),
        },
      };
      const config = context.config();
      const store = await context.openStore();
      const existed = (await store.topics.get(name)) !== undefined;
      await store.topics.saveDefinition(definition);
      const file = writeTopicFile(config, definition);
      context.output.result(
        { ...definition, file, updated: existed },
        (t) =>
          `${existed ? 'updated' : 'added'} topic ${t.name} (${t.file})${t.schedule ? `, schedule "${t.schedule}"` : ''}`,
      );
    });

  topic
    .command('list')
    .description('list topics with their schedule and last refresh')
    .action(async () => {
      const store = await context.openStore();
      await importTopicFiles(store, context.config());
      const now = new Date();
      const rows = (await store.topics.list()).map((t) => ({
        ...publicTopic(t, context.config()),
        due: checkDue(t.schedule, t.lastRefreshAt, now).due,
      }));
      context.output.result(rows, (list) =>
        list.length === 0
          ? 'no topics (add one with `litmus topic add <name> --question "..."`)'
          : list
              .map(
                (t) =>
                  `${t.name}  ${t.schedule ?? 'unscheduled'}  last refresh ${t.last_refresh_at ?? 'never'}${t.due ? '  (due)' : ''}  papers ${t.included.length}  — ${t.question}`,
              )
              .join('\n'),
      );
    });

  topic
    .command('show')
    .description("a topic's definition and its state at the last refresh")
    .argument('<name>')
    .action(async (name: string) => {
      const store = await context.openStore();
      await importTopicFiles(store, context.config());
      const found = await requireTopic(context, name);
      const lock = await store.locks.get(topicLockName(name));
      const value = { ...publicTopic(found, context.config()), claims: found.state.claims.length, lock: lock ?? null };
      context.output.result(value, (t) =>
        [
          `topic ${t.name}: ${t.question}`,
          `queries: ${(t.queries.length ? t.queries : t.planned_queries).join(' | ') || '(planned at the first refresh)'}`,
          `categories: ${t.categories.join(', ') || 'any'}`,
          `schedule: ${t.schedule ?? 'none'}`,
          `last refresh: ${t.last_refresh_at ?? 'never'}`,
          `included papers: ${t.included.length}; claims: ${t.claims}`,
          `report: ${t.out_dir}`,
          ...(t.lock ? [`being refreshed by process ${t.lock.pid} on ${t.lock.host} since ${t.lock.acquiredAt}`] : []),
        ].join('\n'),
      );
    });

  topic
    .command('remove')
    .description('remove a topic (its papers, claims and reports stay)')
    .argument('<name>')
    .action(async (name: string) => {
      const store = await context.openStore();
      await requireTopic(context, name);
      await store.topics.remove(name);
      removeTopicFile(context.config(), name);
      context.output.result({ removed: name }, (r) => `removed topic ${r.removed}`);
    });

  topic
    .command('unlock')
    .description("remove a topic's refresh lock left by a process on another host")
    .argument('<name>')
    .action(async (name: string) => {
      const store = await context.openStore();
      const lock = await store.locks.get(topicLockName(name));
      if (lock) await store.locks.release(topicLockName(name), lock);
      context.output.result({ topic: name, released: lock ?? null }, (r) =>
        r.released
          ? `released the lock of process ${r.released.pid} on ${r.released.host}`
          : `topic ${r.topic} was not locked`,
      );
    });
}

async function requireTopic(context: CliContext, name: string): Promise<Topic> {
  const found = await (await context.openStore()).topics.get(name);
  if (!found) throw usageError('E_TOPIC_UNKNOWN', `no topic "${name}"`, 'list them with `litmus topic list`');
  return found;
}

function publicTopic(topic: Topic, config: Config) {
  return {
    name: topic.name,
    question: topic.question,
    queries: topic.queries,
    planned_queries: topic.state.queries,
    categories: topic.categories,
    schedule: topic.schedule,
    max_papers: topic.options.maxPapers ?? null,
    threshold: topic.options.threshold ?? null,
    out_dir: topicReportDir(config, topic),
    created_at: topic.createdAt,
    last_refresh_at: topic.lastRefreshAt,
    included: topic.state.included,
  };
}
