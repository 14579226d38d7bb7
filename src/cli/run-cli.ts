import { Command, CommanderError } from 'commander';
import type { Config } from '../config/schema.ts';
import { LitmusError, toLitmusError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { registerCommands, selectedCommand } from './commands/index.ts';
import type { CliContext } from './context.ts';
import { createOutput, type Output } from './output.ts';
import { sanitizeForTerminal } from './terminal-text.ts';
import { litmusVersion } from './version.ts';

export interface CliIo {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: Record<string, string | undefined>;
}

/**
 * Parses argv, runs one command and returns its exit code: 0 ok, 1 some work failed, 2 bad usage or
 * input, 3 busy. Every error is caught here once and printed as one line naming the input and the fix.
 */
export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  let exitCode = 0;
  let store: Store | undefined;
  let config: Config | undefined;
  let output: Output | undefined;
  // The config loader (zod) and the store (its database driver) are imported only when a command will
  // run, so `litmus --help` loads neither.
  const base = selectedCommand(argv)
    ? await Promise.all([import('../config/load-config.ts'), import('../store/open-store.ts')])
    : undefined;
  const needBase = () => {
    if (!base)
      throw new LitmusError('E_INTERNAL', 'internal: a command ran without the config and store modules loaded');
    return { loadConfig: base[0].loadConfig, openStore: base[1].openStore };
  };

  const program = new Command('litmus')
    .description('Literature reports whose every claim is put to the test.')
    .version(litmusVersion, '-V, --version')
    .option(
      '--db <path-or-url>',
      'SQLite database path, or postgres://… (env LITMUS_DATABASE_URL or LITMUS_DB; default corpus/litmus.db)',
    )
    .option('--config <file>', 'config file (default litmus.config.json)')
    .option('--json', 'print results as JSON')
    .option('-q, --quiet', 'print only results and errors')
    .option('-v, --verbose', 'print more detail')
    .option('--offline', 'make no network request (env LITMUS_OFFLINE=1)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => (io.stdout ?? process.stdout).write(text),
      writeErr: (text) => stderr.write(text),
    });

  const globalFlags = () => {
    const opts = program.opts<{
      db?: string;
      config?: string;
      json?: boolean;
      quiet?: boolean;
      verbose?: boolean;
      offline?: boolean;
    }>();
    return {
      opts,
      flags: { db: opts.db, json: opts.json, quiet: opts.quiet, verbose: opts.verbose, offline: opts.offline },
    };
  };

  const context: CliContext = {
    config() {
      if (!config) {
        const { opts, flags } = globalFlags();
        config = needBase().loadConfig({ flags, env, file: opts.config });
      }
      return config;
    },
    async openStore(options) {
      if (!store) store = await needBase().openStore(context.config().db, options);
      return store;
    },
    get output() {
      if (!output) {
        const { opts } = globalFlags();
        output = createOutput({
          json: Boolean(opts.json),
          quiet: Boolean(opts.quiet),
          verbose: Boolean(opts.verbose),
          stdout: io.stdout,
          stderr,
        });
      }
      return output;
    },
    setExitCode(code) {
      exitCode = Math.max(exitCode, code);
    },
  };

  await registerCommands(program, context, argv);
  for (const command of program.commands) {
    command.exitOverride();
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return 0;
      }
      return 2;
    }
    const litmusError = toLitmusError(error);
    stderr.write(`error: ${sanitizeForTerminal(litmusError.toLine())}\n`);
    if (!LitmusError.isInstance(error) && env.LITMUS_DEBUG) stderr.write(`${(error as Error).stack}\n`);
    return litmusError.exitCode;
  } finally {
    await store?.close();
  }
}
