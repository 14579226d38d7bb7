import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  integerInRange,
  numberInRange,
  parseByteCount,
  parsePositiveInt,
  parseProbability,
} from '../../../src/cli/commands/parse-options.ts';
import { runLitmus } from '../../support/workspace.ts';

describe('numeric options have a range', () => {
  it('accepts whole numbers inside the range only', () => {
    const limit = integerInRange(1, 10_000);
    expect(limit('25')).toBe(25);
    for (const bad of ['0', '10001', '99999999999999999999', '1e3', '2.5', '', 'ten', '0x10']) {
      expect(() => limit(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(() => limit('99999999999999999999')).toThrow('expected a whole number from 1 to 10000');
    expect(() => parsePositiveInt('99999999999999999999')).toThrow(/from 1 to 2147483647/);
    expect(parseByteCount('1048576')).toBe(1_048_576);
  });

  it('accepts fractions inside the range', () => {
    expect(parseProbability('0.25')).toBe(0.25);
    expect(() => parseProbability('1.5')).toThrow(/from 0 to 1/);
    const positive = numberInRange(0, 10, { exclusiveMin: true });
    expect(() => positive('0')).toThrow(/above 0 to 10/);
    expect(() => positive('Infinity')).toThrow(InvalidArgumentError);
  });

  it('search --limit 99999999999999999999 is a usage error naming the range, not a datatype mismatch', async () => {
    const result = await runLitmus(['--db', ':memory:', 'search', 'anything', '--limit', '99999999999999999999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--limit.*expected a whole number from 1 to 10000/);
    expect(result.stderr).not.toMatch(/datatype mismatch/);
  });
});
