import type { Config } from '../config/schema.ts';
import type { OpenStoreOptions, Store } from '../store/store.ts';
import type { Output } from './output.ts';

/** What every command gets: resolved config, a lazily opened store, output, and the exit code. */
export interface CliContext {
  config(): Config;
  openStore(options?: OpenStoreOptions): Promise<Store>;
  readonly output: Output;
  setExitCode(code: 0 | 1 | 2 | 3): void;
}
