import { InvalidArgumentError } from 'commander';

/**
 * Numeric option parsers, each with its range: a value outside it (or one too large for SQLite's
 * 64-bit integers, like `--limit 99999999999999999999`) is a usage error naming the range, never a
 * database "datatype mismatch" later on.
 */

/** Whole numbers from `min` to `max` inclusive; only plain decimal digits are accepted. */
export function integerInRange(min: number, max: number): (value: string) => number {
  return (value) => {
    const trimmed = value.trim();
    const number = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    return number;
  };
}

/** Numbers (fractions allowed) from `min` to `max` inclusive. */
export function numberInRange(min: number, max: number, options: { exclusiveMin?: boolean } = {}) {
  return (value: string): number => {
    const trimmed = value.trim();
    const number = trimmed === '' ? Number.NaN : Number(trimmed);
    const tooSmall = options.exclusiveMin ? number <= min : number < min;
    if (!Number.isFinite(number) || tooSmall || number > max) {
      const from = options.exclusiveMin ? `above ${min}` : `from ${min}`;
      throw new InvalidArgumentError(`expected a number ${from} to ${max}, got "${value}"`);
    }
    return number;
  };
}

/** A 32-bit bound: far beyond any count litmus handles, far below SQLite's integer limit. */
export const MAX_COUNT = 2_147_483_647;

export const parsePositiveInt = integerInRange(1, MAX_COUNT);

export const parseProbability = numberInRange(0, 1);

export const parsePositiveNumber = numberInRange(0, 1e12, { exclusiveMin: true });

/** Byte sizes: up to 1 TiB (a safe integer, and more than any paper). */
export const parseByteCount = integerInRange(1, 2 ** 40);

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
