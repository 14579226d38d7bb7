import { spawn } from 'node:child_process';
import { Option } from 'commander';
import { configSnapshot } from '../../config/load-config.ts';
import type { Config } from '../../config/schema.ts';
import { toLitmusError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import type { CliContext } from '../context.ts';
import { parsePositiveInt } from './parse-options.ts';

/**
 * `--detach`: the run is reserved in the ledger (so its id can be printed and followed with
 * `litmus run <id> --follow`), then the same command line, without --detach and with that run id,
 * runs as a background process of its own; this one returns at once. On Postgres the background
 * run hands its per-paper work to the workers like any other; its files are written on this machine.
 */
export async function detachRun(
  store: Store,
  config: Config,
  run: { command: string; args: string[]; topic?: string },
): Promise<number> {
  const runId = await store.runs.start(run.command, run.args, configSnapshot(config), run.topic);
  const argv = process.argv.slice(2).filter((arg) => arg !== '--detach');
  const child = spawn(process.execPath, [process.argv[1]!, ...argv, '--run-id', String(runId)], {
    detached: true,
    stdio: 'ignore',
    env: process.env,
  });
  child.unref();
  return runId;
}

export const DETACH_HELP = 'run in the background and print the run id (follow it with `litmus run <id> --follow`)';

/** The background process's reserved run (hidden: only `--detach` passes it). */
export function runIdOption(): Option {
  return new Option('--run-id <n>', 'the run reserved by --detach').argParser(parsePositiveInt).hideHelp();
}

/** `<command> --detach`: reserve the run, start the background process, print the run id as report does. */
export async function detach(
  context: CliContext,
  store: Store,
  run: { command: string; args: string[]; topic?: string },
): Promise<void> {
  const runId = await detachRun(store, context.config(), run);
  context.output.result(
    { run_id: runId, status: 'running' },
    (r) => `run #${r.run_id} started: \`litmus run ${r.run_id} --follow\``,
  );
}

/**
 * Runs a detached command's work; if it throws while its reserved run is still `running` (it failed
 * before the pipeline took the run over: engines that cannot be built, a busy topic), the run is
 * recorded failed with the error, so `litmus run <id> --follow` ends instead of waiting for ever.
 */
export async function inReservedRun<T>(store: Store, runId: number | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (runId !== undefined && (await store.runs.get(runId))?.status === 'running') {
      await store.runs.finish(runId, 'failed', { error: toLitmusError(error).toLine() });
    }
    throw error;
  }
}
