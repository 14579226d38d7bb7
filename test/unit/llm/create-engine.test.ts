import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.ts';
import { DEFAULT_PLATT } from '../../../src/llm/calibration.ts';
import { createLlmEngine, requireLlmEngine } from '../../../src/llm/create-engine.ts';

const config = (llm: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  configSchema.parse({ llm, ...rest });

describe('createLlmEngine', () => {
  it('is unavailable without a model, naming LITMUS_MODEL', () => {
    const result = createLlmEngine(config({ baseUrl: 'http://127.0.0.1:11434/v1' }));
    expect(result.available).toBe(false);
    expect(!result.available && result.reason).toContain('LITMUS_MODEL');
  });

  it('is unavailable without a key for a remote server, naming OPENAI_API_KEY', () => {
    const result = createLlmEngine(config({ model: 'gpt-4o-mini' }));
    expect(!result.available && result.error.code).toBe('E_LLM_NO_KEY');
    expect(!result.available && result.reason).toContain('OPENAI_API_KEY');
  });

  it('is unavailable offline unless the server is on this machine', () => {
    const remote = createLlmEngine(config({ model: 'gpt-4o-mini', apiKey: 'sk-x' }, { offline: true }));
    expect(!remote.available && remote.error.code).toBe('E_LLM_OFFLINE');
    const local = createLlmEngine(config({ model: 'llama3', baseUrl: 'http://127.0.0.1:11434/v1' }, { offline: true }));
    expect(local.available).toBe(true);
  });

  it('builds client, caller, meter, prompts and stage deps from config', () => {
    const engine = requireLlmEngine(
      config({ model: 'gpt-4o-mini', apiKey: 'sk-x', samples: 5, temperature: 0.3, budgetUsd: 2 }),
    );
    expect(engine.client.model).toBe('gpt-4o-mini');
    expect(engine.caller.baseUrl).toBe('https://api.openai.com/v1');
    expect(engine.meter.budgetUsd).toBe(2);
    expect(engine.meter.price).toEqual({ input: 0.15, output: 0.6 });
    expect(engine.settings).toMatchObject({
      samples: 5,
      temperature: 0.3,
      calibration: DEFAULT_PLATT,
      calibrationSource: 'default',
    });
    expect(engine.stageDeps.verifyClaim.prompt.id).toBe('verify-claim');
    expect(engine.stageDeps.extractClaims.prompt.id).toBe('extract-claims');
    expect(engine.prompt('plan-queries').output).toBe('PlanQueriesOutput');
    expect(() => engine.prompt('nope')).toThrow(/prompt nope is missing/);
  });

  it('takes fitted calibration and a --budget override from its deps', () => {
    const engine = requireLlmEngine(config({ model: 'm', baseUrl: 'http://127.0.0.1:1/v1', budgetUsd: 2 }), {
      calibration: { a: 3, b: -1 },
      budgetUsd: 0.5,
    });
    expect(engine.settings).toMatchObject({ calibration: { a: 3, b: -1 }, calibrationSource: 'config' });
    expect(engine.stageDeps.verifyClaim.calibration).toEqual({ a: 3, b: -1 });
    expect(engine.meter.budgetUsd).toBe(0.5);
  });

  it('requireLlmEngine throws the reason', () => {
    expect(() => requireLlmEngine(config({}))).toThrow(/no LLM model/);
  });
});

describe('engine extras', () => {
  it('notes whether calibration is fitted, for reports', () => {
    const fitted = requireLlmEngine(config({ model: 'm', baseUrl: 'http://127.0.0.1:1/v1' }), {
      calibration: { a: 3, b: -1 },
    });
    expect(fitted.settings.calibrationNote).toContain('fitted on labelled data (a = 3.000');
    const hand = requireLlmEngine(config({ model: 'm', baseUrl: 'http://127.0.0.1:1/v1' }));
    expect(hand.settings.calibrationNote).toContain('not fitted');
    expect(hand.settings.calibrationNote).toContain('3 sampled verdicts');
  });
});
