import type { Command } from 'commander';
import type { EngineName } from '../../config/schema.ts';
import { LitmusError, toLitmusError, usageError } from '../../core/errors.ts';
import { type RefreshSummary, refreshTopic } from '../../pipeline/refresh/refresh-topic.ts';
import { importTopicFiles } from '../../pipeline/refresh/topic-files.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { litmusVersion } from '../version.ts';
import { engineOption } from './engine-option.ts';
import { parsePositiveInt } from './parse-options.ts';

export interface RefreshFlags {
  all?: boolean;
  engine?: EngineName;
  maxPapers?: number;
  lookbackHours?: number;
}

/** Refreshes one topic with the command's store, config and engines; shared by refresh and watch. */
export async function refreshOne(context: CliContext, name: string, flags: RefreshFlags): Promise<RefreshSummary> {
  const workspace = await openWorkspace(context);
  const output = context.output;
  const engines = await workspace.engines(flags.engine);
  return refreshTopic(
    name,
    { maxPapers: flags.maxPapers, lookbackHours: flags.lookbackHours },
    {
      store: workspace.store,
      config: workspace.config,
      http: workspace.http,
      arxiv: workspace.arxiv(),
      sources: workspace.sources,
      engines,
      litmusVersion,
      log: output.info,
      warn: output.warn,
    },
  );
}

export function describeRefresh(s: RefreshSummary): string {
  const cost = `${s.http_requests} request(s), ${s.llm_calls} LLM call(s), ${(s.duration_ms / 1000).toFixed(1)} s`;
  if (s.status === 'no_changes') return `topic ${s.topic}: no changes (${cost})`;
  const parts = [
    `${s.new_papers} new paper(s)`,
    `${s.new_versions} new version(s)`,
    `${s.new_claims} new claim(s)`,
    `${s.changed_verdicts} changed verdict(s)`,
    ...(s.withdrawn ? [`${s.withdrawn} withdrawn`] : []),
  ];
  const verb = s.status === 'built' ? 'built' : 'updated';
  return `topic ${s.topic}: ${verb} — ${parts.join(', ')}; report in ${s.report}, diff in ${s.diff?.files[0] ?? '-'} (${cost})`;
}

export function registerRefreshCommand(program: Command, context: CliContext): void {
  program
    .command('refresh')
    .description("bring a topic's report up to date with what is new on arXiv, and say what changed")
    .argument('[name]', 'the topic to refresh')
    .option('--all', 'refresh every topic, one after another')
    .addOption(engineOption())
    .option('--max-papers <n>', "papers to include at most (default: the topic's own, else config report.maxPapers)", parsePositiveInt)
    .option(
      '--lookback-hours <n>',
      'how far before the last refresh each date window starts (default 72)',
      parsePositiveInt,
    )
    .action(async (name: string | undefined, flags: RefreshFlags) => {
      if (Boolean(name) === Boolean(flags.all)) {
        throw usageError(
          'E_USAGE',
          name ? 'give a topic name or --all, not both' : 'which topic?',
          'run `litmus refresh <name>` or `litmus refresh --all`',
        );
      }
      const store = await context.openStore();
      await importTopicFiles(store, context.config());
      if (name) {
        const summary = await refreshOne(context, name, flags);
        context.output.result(summary, describeRefresh);
        return;
      }
      const results: (RefreshSummary | { topic: string; error: string; code: string })[] = [];
      for (const topic of await store.topics.list()) {
        try {
          results.push(await refreshOne(context, topic.name, flags));
        } catch (error) {
          const litmusError = toLitmusError(error);
          context.output.error(`topic ${topic.name}: ${litmusError.toLine()}`);
          context.setExitCode(LitmusError.isInstance(error) ? litmusError.exitCode : 1);
          results.push({ topic: topic.name, error: litmusError.toLine(), code: litmusError.code });
        }
      }
      context.output.result(results, (list) =>
        list.length === 0
          ? 'no topics to refresh'
          : list.map((r) => ('error' in r ? `topic ${r.topic}: failed: ${r.error}` : describeRefresh(r))).join('\n'),
      );
    });
}
