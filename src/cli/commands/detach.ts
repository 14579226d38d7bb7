import { spawn } from 'node:child_process';
import { configSnapshot } from '../../config/load-config.ts';
import type { Config } from '../../config/schema.ts';
import type { Store } from '../../store/store.ts';

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
