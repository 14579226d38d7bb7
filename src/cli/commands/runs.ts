import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { integerInRange } from './parse-options.ts';

/** `litmus runs`: the run history (every command recorded with its status and summary). */
export function registerRunsCommand(program: Command, context: CliContext): void {
  program
    .command('runs')
    .description('run history, newest first')
    .option('--topic <name>', "only this topic's runs (its refreshes and their reports)")
    .option('--limit <n>', 'runs to show at most', integerInRange(1, 100_000), 50)
    .action(async (flags: { topic?: string; limit: number }) => {
      const store = await context.openStore();
      const runs = (await store.runs.list({ topic: flags.topic, limit: flags.limit })).map((run) => ({
        id: run.id,
        command: run.command,
        topic: run.topic,
        args: run.args,
        status: run.status,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        duration_ms: run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null,
        summary: run.summary,
      }));
      context.output.result(runs, (list) =>
        list.length === 0
          ? `no runs${flags.topic ? ` for topic ${flags.topic}` : ''}`
          : list
              .map((r) => {
                const took = r.duration_ms === null ? '' : ` ${(r.duration_ms / 1000).toFixed(1)} s`;
                return `#${r.id} ${r.started_at} ${r.command}${r.topic ? ` [${r.topic}]` : ''} ${r.args.join(' ').slice(0, 60)} — ${r.status}${took}${headline(r.summary)}`;
              })
              .join('\n'),
      );
    });
}

function headline(summary: unknown): string {
  if (!summary || typeof summary !== 'object') return '';
  const s = summary as Record<string, unknown>;
  if (typeof s.error === 'string') return `: ${s.error}`;
  // A partial run (some source failed) says which, before any counts.
  if (Array.isArray(s.failures) && s.failures.length > 0) return `: ${s.failures.join('; ')}`;
  if (s.status === 'no_changes') return ': no changes';
  if (typeof s.new_papers === 'number')
    return `: ${s.new_papers} new paper(s), ${s.new_versions} new version(s), ${s.new_claims} new claim(s), ${s.changed_verdicts} changed verdict(s)`;
  return '';
}
