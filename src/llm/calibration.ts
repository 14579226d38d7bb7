/**
 * Turning LLM verdict samples into a probability that the verdict is right.
 *
 * The raw score mixes two features: `agreement`, the fraction of the k sampled verdicts that
 * agree with the majority, and `evidence`, the fraction of those agreeing samples whose quotes
 * all checked out as verbatim (0.5 for NOT_ENOUGH_INFO, which needs no quote):
 *
 *   score = 0.7 · agreement + 0.3 · evidence
 *
 * A Platt mapping p = 1 / (1 + exp(−(a · score + b))) turns the score into a probability.
 * DEFAULT_PLATT (a = 5, b = −2.5) is set by hand, not fitted: score 0.5 ↦ 0.5, a unanimous,
 * fully quoted verdict (score 1) ↦ 0.92, a three-way split with no quotes ↦ ≈ 0.2. Real calibration
 * needs labelled data: run the verifier on claims with known verdicts, collect (score, correct)
 * pairs and fit with `fitPlatt`; put the result in config (`llm.calibration: {a, b}`).
 */
export interface PlattParams {
  a: number;
  b: number;
}

export const DEFAULT_PLATT: PlattParams = { a: 5, b: -2.5 };

export const SCORE_WEIGHTS = { agreement: 0.7, evidence: 0.3 } as const;

export function verdictScore(features: { agreement: number; evidence: number }): number {
  return SCORE_WEIGHTS.agreement * clamp01(features.agreement) + SCORE_WEIGHTS.evidence * clamp01(features.evidence);
}

export function plattProbability(score: number, params: PlattParams = DEFAULT_PLATT): number {
  const z = params.a * score + params.b;
  // Written both ways so neither branch overflows.
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Fits Platt parameters to labelled scores (Platt 1999, with its smoothed targets, solved by Newton's
 * method with backtracking as in Lin, Lin & Weng 2007). `correct[i]` says whether the verdict that
 * scored `scores[i]` was right.
 */
export function fitPlatt(scores: readonly number[], correct: readonly boolean[], maxIterations = 100): PlattParams {
  if (scores.length !== correct.length) throw new RangeError('fitPlatt: scores and correct differ in length');
  if (scores.length === 0) throw new RangeError('fitPlatt: no data');
  const positives = correct.filter(Boolean).length;
  const negatives = correct.length - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const targets = correct.map((c) => (c ? hiTarget : loTarget));
  // Platt's parameterisation is p = 1 / (1 + exp(A·f + B)); we return a = −A, b = −B.
  let A = 0;
  let B = Math.log((negatives + 1) / (positives + 1));
  const objective = (a: number, b: number) => {
    let sum = 0;
    for (const [i, f] of scores.entries()) {
      const fApB = f * a + b;
      const t = targets[i]!;
      sum += fApB >= 0 ? t * fApB + Math.log1p(Math.exp(-fApB)) : (t - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return sum;
  };
  let value = objective(A, B);
  const sigma = 1e-12;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (const [i, f] of scores.entries()) {
      const fApB = f * A + B;
      const p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
      const q = 1 - p;
      const d2 = p * q;
      h11 += f * f * d2;
      h22 += d2;
      h21 += f * d2;
      const d1 = targets[i]! - p;
      g1 += f * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nextA = A + step * dA;
      const nextB = B + step * dB;
      const nextValue = objective(nextA, nextB);
      if (nextValue < value + 1e-4 * step * gd) {
        A = nextA;
        B = nextB;
        value = nextValue;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { a: -A, b: -B };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** One sentence for reports: what the confidence figures rest on. */
export function describeCalibration(params: PlattParams, fitted: boolean, samples: number): string {
  const source = fitted
    ? `Platt parameters fitted on labelled data (a = ${params.a.toFixed(3)}, b = ${params.b.toFixed(3)})`
    : `hand-set default Platt parameters (a = ${params.a}, b = ${params.b}), not fitted on labelled data`;
  return `LLM confidence = Platt mapping of the agreement among ${samples} sampled verdicts and the share with verbatim quotes, using ${source}.`;
}
