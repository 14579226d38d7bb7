import type { Config } from '../config/schema.ts';
import { LitmusError } from '../core/errors.ts';
import { DEFAULT_PLATT, describeCalibration, type PlattParams } from './calibration.ts';
import { isLoopbackUrl, normalizeBaseUrl } from './endpoint.ts';
import type { LlmCache } from './llm-cache.ts';
import { createLlmCaller, type LlmCaller } from './llm-caller.ts';
import type { LlmClient } from './llm-client.ts';
import { createOpenAiClient, type OpenAiClientOptions } from './openai/openai-client.ts';
import { defaultPromptsDir, loadPrompts, type Prompt } from './prompts.ts';
import { outputSchemaNames } from './schemas.ts';
import { UsageMeter } from './usage-meter.ts';

/**
 * Builds the LLM engine from config, or says why there is none. Stages sit above src/llm, so the
 * extractor and verifier are built by the caller from `engine.stageDeps`:
 *
 *   const llm = createLlmEngine(config, { cache: createStoreLlmCache(store) });
 *   if (!llm.available) → fall back to the embedded engine, telling the user `llm.reason`
 *   createLlmClaimExtractor(llm.engine.stageDeps.extractClaims)   // src/claims/llm-claim-extractor.ts
 *   createLlmVerifier(llm.engine.stageDeps.verifyClaim)            // src/verify/llm-verifier.ts
 */
export interface LlmEngine {
  client: LlmClient;
  caller: LlmCaller;
  meter: UsageMeter;
  prompts: Map<string, Prompt>;
  prompt(id: string): Prompt;
  settings: {
    baseUrl: string;
    model: string;
    samples: number;
    temperature: number;
    calibration: PlattParams;
    calibrationSource: 'default' | 'config';
    /** One sentence for reports on what the confidence figures rest on. */
    calibrationNote: string;
  };
  stageDeps: {
    extractClaims: { caller: LlmCaller; prompt: Prompt };
    verifyClaim: { caller: LlmCaller; prompt: Prompt; samples: number; temperature: number; calibration: PlattParams };
    planQueries: { caller: LlmCaller; prompt: Prompt };
    answerQuestion: { caller: LlmCaller; prompt: Prompt };
    critiqueQuestion: { caller: LlmCaller; prompt: Prompt };
  };
}

export type LlmEngineAvailability =
  | { available: true; engine: LlmEngine }
  | { available: false; reason: string; error: LitmusError };

export interface LlmEngineDeps {
  cache?: LlmCache;
  /** Transport under the base-URL guard (tests). */
  fetch?: typeof fetch;
  promptsDir?: string;
  /** Overrides llm.budgetUsd (the --budget flag). */
  budgetUsd?: number;
  /** Fitted Platt parameters; default `llm.calibration` when the config has it, else DEFAULT_PLATT. */
  calibration?: PlattParams;
  structuredOutput?: OpenAiClientOptions['structuredOutput'];
}

/** Keys the engine reads when present; they are not yet in the config schema (see the report). */
type LlmConfig = Config['llm'] & {
  calibration?: PlattParams;
  structuredOutput?: OpenAiClientOptions['structuredOutput'];
};

export function createLlmEngine(config: Config, deps: LlmEngineDeps = {}): LlmEngineAvailability {
  const llm = config.llm as LlmConfig;
  let client: LlmClient;
  try {
    const baseUrl = normalizeBaseUrl(llm.baseUrl);
    if (config.offline && !isLoopbackUrl(baseUrl)) {
      throw new LitmusError('E_LLM_OFFLINE', `offline mode: the LLM server ${baseUrl} is not on this machine`, {
        hint: 'drop --offline, or set OPENAI_BASE_URL to a local server (Ollama, vLLM, llama.cpp, LM Studio)',
        exitCode: 2,
      });
    }
    const structuredOutput = deps.structuredOutput ?? llm.structuredOutput;
    client = createOpenAiClient({
      baseUrl,
      ...(llm.apiKey === undefined ? {} : { apiKey: llm.apiKey }),
      ...(llm.model === undefined ? {} : { model: llm.model }),
      timeoutMs: llm.timeoutMs,
      maxRetries: llm.maxRetries,
      concurrency: llm.concurrency,
      ...(structuredOutput === undefined ? {} : { structuredOutput }),
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    });
  } catch (error) {
    if (!LitmusError.isInstance(error)) throw error;
    return { available: false, reason: error.toLine(), error };
  }

  const prompts = loadPrompts(deps.promptsDir ?? defaultPromptsDir, { outputs: outputSchemaNames });
  const prompt = (id: string): Prompt => {
    const found = prompts.get(id);
    if (!found) {
      throw new LitmusError('E_PROMPT', `prompt ${id} is missing from ${deps.promptsDir ?? defaultPromptsDir}`, {
        hint: 'restore the prompts/ folder',
      });
    }
    return found;
  };
  const budgetUsd = deps.budgetUsd ?? llm.budgetUsd;
  const meter = new UsageMeter({
    model: client.model,
    prices: llm.prices,
    ...(budgetUsd === undefined ? {} : { budgetUsd }),
  });
  const caller = createLlmCaller({ client, meter, ...(deps.cache ? { cache: deps.cache } : {}) });
  const fitted = deps.calibration ?? llm.calibration;
  const calibration = fitted ?? DEFAULT_PLATT;
  const settings = {
    baseUrl: client.baseUrl,
    model: client.model,
    samples: llm.samples,
    temperature: llm.temperature,
    calibration,
    calibrationSource: fitted ? ('config' as const) : ('default' as const),
    calibrationNote: describeCalibration(calibration, fitted !== undefined, llm.samples),
  };
  return {
    available: true,
    engine: {
      client,
      caller,
      meter,
      prompts,
      prompt,
      settings,
      stageDeps: {
        extractClaims: { caller, prompt: prompt('extract-claims') },
        verifyClaim: {
          caller,
          prompt: prompt('verify-claim'),
          samples: settings.samples,
          temperature: settings.temperature,
          calibration,
        },
        planQueries: { caller, prompt: prompt('plan-queries') },
        answerQuestion: { caller, prompt: prompt('answer-question') },
        critiqueQuestion: { caller, prompt: prompt('critique-question') },
      },
    },
  };
}

/** Like createLlmEngine, but throws the reason when the engine is unavailable (for `--engine llm`). */
export function requireLlmEngine(config: Config, deps: LlmEngineDeps = {}): LlmEngine {
  const result = createLlmEngine(config, deps);
  if (!result.available) throw result.error;
  return result.engine;
}
