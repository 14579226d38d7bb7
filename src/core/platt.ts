/**
 * Platt scaling, the one fit every calibration in litmus uses (the LLM verifier's agreement score,
 * `litmus calibrate`; the embedded verifier's fallback calibrator on the logit of its top probability):
 * P(correct) = 1 / (1 + exp(−(a · x + b))) for a feature x.
 */
export interface PlattParams {
  a: number;
  b: number;
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
