import type { Command } from 'commander';
import type { EngineName } from '../../config/schema.ts';
import { importTopicFiles } from '../../pipeline/refresh/topic-files.ts';
import { runWatch } from '../../schedule/watch-loop.ts';
import { redactUrl } from '../../store/database-url.ts';
import type { CliContext } from '../context.ts';
import { engineOption } from './engine-option.ts';
import { describeRefresh, refreshOne } from './refresh.ts';

interface WatchFlags {
  once?: boolean;
  engine?: EngineName;
  timezone?: string;
}

/**
 * `litmus watch`: runs in the foreground, refreshing topics on their cron schedules and catching up
 * on runs missed while it was down. SIGINT/SIGTERM stop it after the running refresh; it returns
 * (only cli/main exits the process).
 */
export function registerWatchCommand(program: Command, context: CliContext): void {
  program
    .command('watch')
    .description('refresh topics on their schedules, in the foreground (catches up missed runs at start)')
    .option('--once', 'run what is due (including missed runs) and exit')
    .addOption(engineOption())
    .option('--timezone <zone>', 'IANA time zone the schedules are read in (default: the system zone)')
    .action(async (flags: WatchFlags) => {
      const store = await context.openStore();
      const config = context.config();
      const output = context.output;
      const controller = new AbortController();
      const stop = (signal: string) => () => {
        output.info(`${new Date().toISOString()} ${signal} received`);
        controller.abort();
      };
      const onInt = stop('SIGINT');
      const onTerm = stop('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      try {
        output.info(`${new Date().toISOString()} litmus watch started (pid ${process.pid}, db ${redactUrl(config.db)})`);
        const result = await runWatch(
          { once: Boolean(flags.once) },
          {
            listTopics: async () => {
              await importTopicFiles(store, config);
              return store.topics.list();
            },
            refresh: async (name) => describeRefresh(await refreshOne(context, name, { engine: flags.engine })),
            // Log lines go to stderr even with --quiet off; they are the watcher's whole output.
            log: (line) => output.info(line),
            signal: controller.signal,
            schedule: { timezone: flags.timezone },
          },
        );
        if (result.failed.length > 0) context.setExitCode(1);
        output.result(result, (r) => `watch stopped: ${r.refreshed.length} refresh(es), ${r.failed.length} failed`);
      } finally {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      }
    });
}
