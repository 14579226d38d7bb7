import { describe, expect, it } from 'vitest';
import { adjustForExperiment } from '../../../src/pipeline/experiment-confidence.ts';

describe('adjustForExperiment', () => {
  it('raises confidence when a rerun agrees with the verdict and lowers it when it disagrees', () => {
    expect(adjustForExperiment('SUPPORTED', 0.6, 'REPRODUCED')).toBeCloseTo(0.8);
    expect(adjustForExperiment('SUPPORTED', 0.6, 'NOT_REPRODUCED')).toBeCloseTo(0.3);
    expect(adjustForExperiment('REFUTED', 0.6, 'NOT_REPRODUCED')).toBeCloseTo(0.8);
    expect(adjustForExperiment('REFUTED', 0.6, 'REPRODUCED')).toBeCloseTo(0.3);
  });
  it('leaves NOT_ENOUGH_INFO alone and stays a probability', () => {
    expect(adjustForExperiment('NOT_ENOUGH_INFO', 0.7, 'REPRODUCED')).toBe(0.7);
    for (const c of [0, 0.2, 1]) {
      const adjusted = adjustForExperiment('SUPPORTED', c, 'REPRODUCED');
      expect(adjusted).toBeGreaterThanOrEqual(0);
      expect(adjusted).toBeLessThanOrEqual(1);
    }
  });
});
