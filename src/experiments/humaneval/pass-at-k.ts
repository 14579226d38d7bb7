/**
 * The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on
 * Code"): with n samples of which c pass, pass@k = 1 - C(n-c, k) / C(n, k), computed as a stable
 * product. Averaged over problems. Only defined for k ≤ n.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (k > n) throw new RangeError(`pass@${k} needs at least ${k} samples per problem, got ${n}`);
  if (n - c < k) return 1;
  let failAll = 1;
  for (let i = n - c + 1; i <= n; i++) failAll *= 1 - k / i;
  return 1 - failAll;
}

/** Mean pass@k over problems, for each k no larger than the smallest per-problem sample count. */
export function meanPassAtK(counts: { n: number; c: number }[], ks: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (counts.length === 0) return out;
  const minN = Math.min(...counts.map((x) => x.n));
  for (const k of ks) {
    if (k > minN) continue;
    const total = counts.reduce((sum, { n, c }) => sum + passAtK(n, c, k), 0);
    out[`pass@${k}`] = total / counts.length;
  }
  return out;
}
