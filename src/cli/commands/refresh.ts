import type { Command } from 'commander';
import type { EngineName } from '../../config/schema.ts';
import { LitmusError, toLitmusError, usageError } from '../../core/errors.ts';
import { type RefreshSummary, refreshTopic } from '../../pipeline/refresh/refresh-topic.ts';
import { importTopicFiles } from '../../pipeline/refresh/topic-files.ts';
import type { Store } from '../../store/store.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { litmusVersion } from '../version.ts';
import { engineOption } from './engine-option.ts';
import { DETACH_HELP, detach, inReservedRun, runIdOption } from './detach.ts';
import { parsePositiveInt } from './parse-options.ts';

export interface RefreshFlags {
  all?: boolean;
  engine?: EngineName;
  maxPapers?: number;
  lookbackHours?: number;
  detach?: boolean;
  /** The run reserved by --detach: the topic's refresh run (one topic) or the whole pass (--all). */
  runId?: number;
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
      ...(flags.runId !== undefined ? { runId: flags.runId } : {}),
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
    .option(
      '--max-papers <n>',
      "papers to include at most (default: the topic's own, else config report.maxPapers)",
      parsePositiveInt,
    )
    .option(
      '--lookback-hours <n>',
      'how far before the last refresh each date window starts (default 72)',
      parsePositiveInt,
    )
    .option('--detach', DETACH_HELP)
    .addOption(runIdOption())
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
        if (flags.detach) {
          // An unknown topic is an error now, not a failed run in the background.
          if (!(await store.topics.get(name))) {
            throw usageError('E_TOPIC_UNKNOWN', `no topic "${name}"`, 'list them with `litmus topic list`');
          }
          return detach(context, store, { command: 'refresh', args: [name], topic: name });
        }
        const summary = await inReservedRun(store, flags.runId, () => refreshOne(context, name, flags));
        context.output.result(summary, describeRefresh);
        return;
      }
      // --all --detach: one run for the whole pass (each topic's refresh is a run of its own too).
      if (flags.detach) return detach(context, store, { command: 'refresh', args: ['--all'] });
      const { runId: passId, ...perTopic } = flags;
      const results: (RefreshSummary | { topic: string; error: string; code: string })[] = [];
      await inReservedRun(store, passId, async () => {
        for (const topic of await store.topics.list()) {
          try {
            results.push(await refreshOne(context, topic.name, perTopic));
          } catch (error) {
            const litmusError = toLitmusError(error);
            context.output.error(`topic ${topic.name}: ${litmusError.toLine()}`);
            context.setExitCode(LitmusError.isInstance(error) ? litmusError.exitCode : 1);
            results.push({ topic: topic.name, error: litmusError.toLine(), code: litmusError.code });
          }
        }
      });
      if (passId !== undefined) await finishPass(store, passId, results);
      context.output.result(results, (list) =>
        list.length === 0
          ? 'no topics to refresh'
          : list.map((r) => ('error' in r ? `topic ${r.topic}: failed: ${r.error}` : describeRefresh(r))).join('\n'),
      );
    });
}

/** A detached `refresh --all`: ok when every topic refreshed, failed when none did, partial between. */
async function finishPass(
  store: Store,
  runId: number,
  results: (RefreshSummary | { topic: string; error: string })[],
): Promise<void> {
  const failures = results.flatMap((r) => ('error' in r ? [`topic ${r.topic}: ${r.error}`] : []));
  const status = failures.length === 0 ? 'ok' : failures.length === results.length ? 'failed' : 'partial';
  const topics = results.map((r) =>
    'error' in r ? { topic: r.topic, status: 'failed' } : { topic: r.topic, status: r.status, run_id: r.run_id },
  );
  await store.runs.finish(runId, status, {
    topics,
    ...(status === 'failed' ? { error: failures.join('; ') } : failures.length > 0 ? { failures } : {}),
  });
}
