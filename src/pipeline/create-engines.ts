import { createEmbeddedClaimExtractor } from '../claims/embedded-claim-extractor.ts';
import type { Config } from '../config/schema.ts';
import type { Store } from '../store/db.ts';
import { withChecks } from '../verify/checked-verifier.ts';
import { EmbeddedVerifier } from '../verify/embedded/embedded-verifier.ts';
import { loadEmbeddedModel } from '../verify/embedded/model.ts';
import type { Engines } from './engines.ts';

export type EngineChoice = 'embedded' | 'llm';

/** Which engine a command uses: the flag, else config/env, else llm when a model is configured. */
export function chooseEngine(config: Config, flag?: string): EngineChoice {
  const choice = flag ?? config.engine ?? (config.llm.model ? 'llm' : 'embedded');
  return choice === 'llm' ? 'llm' : 'embedded';
}

export function createEmbeddedEngines(): Engines {
  const verifier = withChecks(new EmbeddedVerifier());
  return {
    kind: 'embedded',
    model: null,
    extractor: createEmbeddedClaimExtractor(),
    verifier,
    prompts: [],
    calibration: embeddedCalibrationNote(),
    confidenceCutoff: embeddedConfidenceCutoff(),
    usage: () => ({ calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }),
  };
}

/** What the embedded confidences rest on, with the figures measured when the model was trained. */
export function embeddedCalibrationNote(): string {
  const model = loadEmbeddedModel();
  const cv = model.cv as { n?: number; accuracy?: number; macroF1?: number; ece?: number };
  const figure = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
  return (
    `Confidence is the probability that the verdict is right, from the embedded model ${model.version} calibrated on ` +
    `out-of-fold predictions (5-fold cross-validation on SciFact train, ${cv.n ?? '?'} claim–document pairs: ` +
    `accuracy ${figure(cv.accuracy)}, macro-F1 ${figure(cv.macroF1)}, expected calibration error ${figure(cv.ece)}). ` +
    'Papers outside biomedicine may be calibrated less well.'
  );
}

/**
 * The confidence at or above which the embedded model's held-out verdicts were its 30% most confident
 * (recorded at training time); 0.7 for a model trained before the figure was recorded.
 */
export function embeddedConfidenceCutoff(): number {
  const cv = loadEmbeddedModel().cv as { top30Cutoff?: number } | undefined;
  return typeof cv?.top30Cutoff === 'number' ? cv.top30Cutoff : 0.7;
}

/** Builds the engines for a command; the LLM engine is wired in create-llm-engines.ts. */
export async function createEngines(
  config: Config,
  store: Store,
  flag?: string,
  options: { budgetUsd?: number } = {},
): Promise<Engines> {
  if (chooseEngine(config, flag) === 'embedded') return createEmbeddedEngines();
  const { createLlmEngines } = await import('./create-llm-engines.ts');
  return createLlmEngines(config, store, options);
}
