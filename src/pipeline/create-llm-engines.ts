import { createLlmClaimExtractor } from '../claims/llm-claim-extractor.ts';
import type { Config } from '../config/schema.ts';
import { requireLlmEngine } from '../llm/create-engine.ts';
import { planQueriesWithLlm } from '../llm/plan-queries.ts';
import type { Store } from '../store/store.ts';
import { createStoreLlmCache } from '../store/store-llm-cache.ts';
import { answerQuestionWithLlm } from '../synthesize/llm-answer.ts';
import { critiqueQuestionWithLlm } from '../synthesize/llm-critique.ts';
import { withChecks } from '../verify/checked-verifier.ts';
import { createLlmVerifier } from '../verify/llm-verifier.ts';
import type { Engines } from './engines.ts';

/**
 * The LLM engine wired for the pipeline: every call cached in the store, usage metered against the
 * budget, prompts recorded for provenance. Throws with the reason (no model, no key, offline) when
 * the engine cannot be used: the user asked for it, so silently falling back would mislead.
 */
export function createLlmEngines(config: Config, store: Store, options: { budgetUsd?: number } = {}): Engines {
  const engine = requireLlmEngine(config, { cache: createStoreLlmCache(store), budgetUsd: options.budgetUsd });
  const rawVerifier = createLlmVerifier(engine.stageDeps.verifyClaim);
  return {
    kind: 'llm',
    model: engine.settings.model,
    extractor: createLlmClaimExtractor(engine.stageDeps.extractClaims),
    verifier: withChecks(rawVerifier),
    rawVerifier,
    planQueries: async (question) => (await planQueriesWithLlm(engine.stageDeps.planQueries, question)).queries,
    answerQuestion: (question, claims, graded) =>
      answerQuestionWithLlm(engine.stageDeps.answerQuestion, question, claims, graded),
    critiqueQuestion: (question, facets, embedded) =>
      critiqueQuestionWithLlm(engine.stageDeps.critiqueQuestion, question, facets, embedded),
    prompts: [...engine.prompts.values()].map((p) => ({ id: p.id, version: String(p.version), hash: p.hash })),
    calibration: engine.settings.calibrationNote,
    // Fitted by `litmus calibrate`; 0.8 until a user has fitted it (hand-set, like the default Platt map).
    confidenceCutoff: () => config.llm.calibration?.cutoff ?? 0.8,
    usage: () => engine.meter.snapshot(),
  };
}
