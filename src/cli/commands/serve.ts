import { resolve } from 'node:path';
import type { Command } from 'commander';
import { absoluteDatabaseLocation } from '../../store/database-url.ts';
import type { CliContext } from '../context.ts';
import { litmusVersion } from '../version.ts';
import { integerInRange, parseByteCount } from './parse-options.ts';

interface ServeFlags {
  port: number;
  host: string;
  reports: string;
  maxUploadBytes?: number;
  maxRuns: number;
}

const parsePort = integerInRange(0, 65_535);

/**
 * `litmus serve`: the local web app and JSON API over this workspace. Runs in the foreground until
 * SIGINT/SIGTERM, which cancel running runs and close the server. hono is imported only here, so
 * other commands never pay for it.
 */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('a local web app: browse the library, follow claims to passages, start and watch runs')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 8537)
    .option(
      '--host <address>',
      'address to bind; anything but loopback requires the token for every request',
      '127.0.0.1',
    )
    .option('--reports <dir>', 'folder runs write to and reports are read from', 'reports')
    .option(
      '--max-upload-bytes <n>',
      'largest document an audit upload may be (default: config maxBytes)',
      parseByteCount,
    )
    .option('--max-runs <n>', 'runs that may go at once (1–64)', integerInRange(1, 64), 2)
    .action(async (flags: ServeFlags, command: Command) => {
      const { startServer } = await import('../../serve/start-server.ts');
      const config = context.config();
      const store = await context.openStore();
      const globals = command.optsWithGlobals<{ config?: string; offline?: boolean }>();
      const childGlobalArgs = ['--db', absoluteDatabaseLocation(config.db)];
      if (globals.config) childGlobalArgs.push('--config', resolve(globals.config));
      if (config.offline) childGlobalArgs.push('--offline');
      const server = await startServer({
        store,
        config,
        host: flags.host,
        port: flags.port,
        reportsRoot: flags.reports,
        maxUploadBytes: flags.maxUploadBytes ?? config.maxBytes,
        maxRuns: flags.maxRuns,
        childGlobalArgs,
        litmusVersion,
      });
      context.output.result(
        { url: server.url, open: `${server.url}/?token=${server.token}`, token: server.token },
        (s) =>
          [
            `litmus serve listening on ${s.url}${server.loopbackOnly ? '' : ' (not loopback: every request needs the token)'}`,
            `open ${s.open}`,
            'press Ctrl-C to stop',
          ].join('\n'),
      );
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
      context.output.info('stopping: cancelling running runs');
      await server.close();
    });
}
