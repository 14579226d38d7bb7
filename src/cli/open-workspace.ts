import type { Config } from '../config/schema.ts';
import { createWorkspace, type Workspace } from '../pipeline/workspace.ts';
import type { CliContext } from './context.ts';

/**
 * The workspace a command runs on: the resolved config (with a command's own overrides, e.g. `add
 * --max-bytes`), the store, and sources that warn through the command's output.
 */
export async function openWorkspace(context: CliContext, overrides: Partial<Config> = {}): Promise<Workspace> {
  return createWorkspace({
    config: { ...context.config(), ...overrides },
    store: await context.openStore(),
    warn: context.output.warn,
  });
}
