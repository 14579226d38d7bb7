import { expect } from 'vitest';
import type { LanguageSummary } from '../../src/experiments/humaneval/harness.ts';

/**
 * A language's summary from a harness run, failing the test when the language was skipped: `npm test`
 * needs every toolchain (README lists the Debian packages), so a missing one is a failure, not a pass.
 */
export function summary(value: unknown): LanguageSummary {
  expect(value).toBeDefined();
  expect(value, `skipped: ${(value as { reason?: string })?.reason}`).not.toHaveProperty('skipped');
  return value as LanguageSummary;
}
