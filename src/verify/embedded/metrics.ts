/** Evaluation figures for a 3-label verifier: accuracy, macro-F1, ECE, separation and selective accuracy. */
export interface Prediction {
  gold: string;
  predicted: string;
  /** Calibrated probability that `predicted` is right. */
  confidence: number;
}

export interface VerifierFigures {
  n: number;
  accuracy: number;
  macroF1: number;
  ece: number;
  /**
   * How well confidence separates right verdicts from wrong ones: the chance that a right verdict has
   * higher confidence than a wrong one (ties count half). 0.5 is no separation at all, whatever the ECE.
   */
  auroc: number;
  top30Accuracy: number;
  /** F1 of each label (SUPPORTED, REFUTED, NOT_ENOUGH_INFO). */
  f1: Record<string, number>;
}

export function accuracy(predictions: Prediction[]): number {
  if (predictions.length === 0) return 0;
  return predictions.filter((p) => p.gold === p.predicted).length / predictions.length;
}

export function classF1(predictions: Prediction[], label: string): number {
  const tp = predictions.filter((p) => p.predicted === label && p.gold === label).length;
  const fp = predictions.filter((p) => p.predicted === label && p.gold !== label).length;
  const fn = predictions.filter((p) => p.predicted !== label && p.gold === label).length;
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export function macroF1(predictions: Prediction[], labels: readonly string[]): number {
  return labels.reduce((total, label) => total + classF1(predictions, label), 0) / labels.length;
}

/** Expected calibration error with equal-width confidence bins over [0, 1]. */
export function expectedCalibrationError(predictions: Prediction[], bins = 10): number {
  if (predictions.length === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ n: 0, conf: 0, correct: 0 }));
  for (const p of predictions) {
    const bin = sums[Math.min(bins - 1, Math.floor(p.confidence * bins))]!;
    bin.n++;
    bin.conf += p.confidence;
    bin.correct += p.gold === p.predicted ? 1 : 0;
  }
  return sums.reduce(
    (e, b) => (b.n === 0 ? e : e + (b.n / predictions.length) * Math.abs(b.correct / b.n - b.conf / b.n)),
    0,
  );
}

/** AUROC of confidence for correctness (Mann–Whitney, ties half); 0.5 when all are right or all wrong. */
export function separation(predictions: Prediction[]): number {
  const ranked = predictions
    .map((p) => ({ confidence: p.confidence, right: p.gold === p.predicted }))
    .sort((a, b) => a.confidence - b.confidence);
  const right = ranked.filter((r) => r.right).length;
  const wrong = ranked.length - right;
  if (right === 0 || wrong === 0) return 0.5;
  // Rank sum of the right verdicts, tied confidences sharing their mean rank.
  let rankSum = 0;
  for (let i = 0; i < ranked.length; ) {
    let j = i;
    while (j < ranked.length && ranked[j]!.confidence === ranked[i]!.confidence) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (ranked[k]!.right) rankSum += meanRank;
    i = j;
  }
  return (rankSum - (right * (right + 1)) / 2) / (right * wrong);
}

/** Accuracy of the `fraction` most confident predictions (ties broken by input order). */
export function topFractionAccuracy(predictions: Prediction[], fraction = 0.3): number {
  const k = Math.max(1, Math.round(predictions.length * fraction));
  const top = predictions
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.confidence - a.p.confidence || a.i - b.i)
    .slice(0, k)
    .map((x) => x.p);
  return accuracy(top);
}

export function summarize(predictions: Prediction[], labels: readonly string[]): VerifierFigures {
  return {
    n: predictions.length,
    accuracy: accuracy(predictions),
    macroF1: macroF1(predictions, labels),
    ece: expectedCalibrationError(predictions),
    auroc: separation(predictions),
    top30Accuracy: topFractionAccuracy(predictions, 0.3),
    f1: Object.fromEntries(labels.map((label) => [label, classF1(predictions, label)])),
  };
}
