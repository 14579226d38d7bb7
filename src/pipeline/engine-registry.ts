import type { Config, EngineName } from '../config/schema.ts';
import { LitmusError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { createEmbeddedEngines } from './embedded-engines.ts';
import type { Engines } from './engines.ts';

/** What an engine is built from: the config, the store (for its caches), and the command's budget. */
export interface EngineContext {
  config: Config;
  store: Store;
  budgetUsd?: number;
}

/**
 * One registry line per engine: a claim extractor and verifier, and (when it can) a query planner and
 * an answerer. Its name is what `--engine`, `engine` in the config and LITMUS_ENGINE say.
 */
export interface EnginePlugin {
  readonly name: EngineName;
  /** Whether config alone picks this engine when no flag or `engine` setting names one. */
  preferredBy(config: Config): boolean;
  create(context: EngineContext): Promise<Engines>;
}

const embeddedEngine: EnginePlugin = {
  name: 'embedded',
  preferredBy: () => false,
  create: async () => createEmbeddedEngines(),
};

const llmEngine: EnginePlugin = {
  name: 'llm',
  preferredBy: (config) => Boolean(config.llm.model),
  // Imported on use, so commands on the embedded engine never load the OpenAI SDK.
  create: async ({ config, store, budgetUsd }) =>
    (await import('./create-llm-engines.ts')).createLlmEngines(config, store, { budgetUsd }),
};

/**
 * Every engine litmus knows. Adding one is a folder (its extractor/verifier under src/claims or
 * src/verify), one line here and its name in ENGINE_NAMES (src/config/schema.ts). The last one is
 * the fallback when none is preferred.
 */
export const ENGINE_PLUGINS: readonly EnginePlugin[] = [llmEngine, embeddedEngine];

/** Which engine a command uses: the flag, else config/env, else the first one the config prefers. */
export function chooseEngine(config: Config, flag?: string): EngineName {
  const named = flag ?? config.engine;
  if (named !== undefined) return enginePlugin(named).name;
  return (ENGINE_PLUGINS.find((plugin) => plugin.preferredBy(config)) ?? ENGINE_PLUGINS.at(-1)!).name;
}

export function enginePlugin(name: string): EnginePlugin {
  const found = ENGINE_PLUGINS.find((plugin) => plugin.name === name);
  if (!found) {
    throw new LitmusError('E_ENGINE_UNKNOWN', `no engine named "${name}"`, {
      hint: `use one of: ${ENGINE_PLUGINS.map((plugin) => plugin.name).join(', ')}`,
      exitCode: 2,
    });
  }
  return found;
}

/** Builds the engines a command uses (see chooseEngine). */
export function createEngines(
  config: Config,
  store: Store,
  flag?: string,
  options: { budgetUsd?: number } = {},
): Promise<Engines> {
  return enginePlugin(chooseEngine(config, flag)).create({ config, store, budgetUsd: options.budgetUsd });
}
