/**
 * A seeded stream of numbers in [0, 1): the C library's LCG step, mod 2^31, in exact 32-bit integer
 * arithmetic (as bench/search.ts generates its corpus), so a generated test corpus is the same on every run.
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 2147483648;
  };
}
