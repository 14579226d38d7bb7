import { LitmusError } from '../../core/errors.ts';

/**
 * Gradient-boosted regression trees for multi-class classification (softmax loss, Newton leaf
 * values, L2 on leaves), in the style of XGBoost but small: split points come from per-feature
 * quantile bins computed once, trees are shallow, and there is no sampling, so training is
 * deterministic for given rows.
 */
export interface BoostedModel {
  kind: 'boosted';
  classes: string[];
  features: string[];
  /** Initial score per class (log prior). */
  base: number[];
  /**
   * trees[round][class]: nodes in breadth-first order. An internal node is
   * [featureIndex, threshold, leftChild, rightChild] (go left when value <= threshold); a leaf is [value].
   */
  trees: number[][][][];
}

export interface BoostingOptions {
  rounds?: number;
  depth?: number;
  learningRate?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  /** Minimum sum of Hessians in a child. */
  minChildWeight?: number;
  /** Candidate thresholds per feature (quantile bins). */
  bins?: number;
  sampleWeights?: number[];
}

type Node = number[];

/** Candidate thresholds for one feature: midpoints between distinct quantile values. */
function thresholdsFor(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const distinct: number[] = [];
  for (let q = 1; q < bins; q++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / bins))]!;
    if (distinct.length === 0 || v > distinct[distinct.length - 1]!) distinct.push(v);
  }
  const unique = [...new Set(sorted)];
  if (unique.length <= bins) distinct.splice(0, distinct.length, ...unique);
  const out: number[] = [];
  for (let i = 0; i + 1 < distinct.length; i++)
    out.push(Number(((distinct[i]! + distinct[i + 1]!) / 2).toPrecision(6)));
  // A threshold must separate the smallest value from the rest when quantiles collapsed it away.
  if (out.length === 0 && unique.length > 1) out.push(Number(((unique[0]! + unique[1]!) / 2).toPrecision(6)));
  return out;
}

/** Bin index per (row, feature): number of thresholds strictly below the value. */
function binRows(rows: number[][], thresholds: number[][]): Uint16Array[] {
  return rows.map((row) => {
    const out = new Uint16Array(row.length);
    for (let j = 0; j < row.length; j++) {
      const t = thresholds[j]!;
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (row[j]! <= t[mid]!) hi = mid;
        else lo = mid + 1;
      }
      out[j] = lo;
    }
    return out;
  });
}

function fitTree(
  binned: Uint16Array[],
  thresholds: number[][],
  grad: Float64Array,
  hess: Float64Array,
  depth: number,
  lambda: number,
  minChild: number,
  rate: number,
): Node[] {
  const d = thresholds.length;
  const nodes: Node[] = [];
  let frontier: { rows: number[]; index: number }[] = [];
  const all = binned.map((_, i) => i);
  nodes.push([]);
  frontier.push({ rows: all, index: 0 });
  for (let level = 0; level <= depth; level++) {
    const next: typeof frontier = [];
    for (const { rows, index } of frontier) {
      let G = 0;
      let H = 0;
      for (const i of rows) {
        G += grad[i]!;
        H += hess[i]!;
      }
      const leaf = [Number(((-G / (H + lambda)) * rate).toPrecision(6))];
      if (level === depth || rows.length < 2) {
        nodes[index] = leaf;
        continue;
      }
      const parentScore = (G * G) / (H + lambda);
      let bestGain = 1e-9;
      let bestFeature = -1;
      let bestBin = -1;
      for (let j = 0; j < d; j++) {
        const t = thresholds[j]!;
        if (t.length === 0) continue;
        const gSum = new Float64Array(t.length + 1);
        const hSum = new Float64Array(t.length + 1);
        for (const i of rows) {
          const b = binned[i]![j]!;
          gSum[b]! += grad[i]!;
          hSum[b]! += hess[i]!;
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < t.length; b++) {
          gl += gSum[b]!;
          hl += hSum[b]!;
          const gr = G - gl;
          const hr = H - hl;
          if (hl < minChild || hr < minChild) continue;
          const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = j;
            bestBin = b;
          }
        }
      }
      if (bestFeature < 0) {
        nodes[index] = leaf;
        continue;
      }
      const left: number[] = [];
      const right: number[] = [];
      for (const i of rows) (binned[i]![bestFeature]! <= bestBin ? left : right).push(i);
      const li = nodes.length;
      nodes.push([], []);
      nodes[index] = [bestFeature, thresholds[bestFeature]![bestBin]!, li, li + 1];
      next.push({ rows: left, index: li }, { rows: right, index: li + 1 });
    }
    frontier = next;
  }
  return nodes;
}

function treeValue(nodes: Node[], row: number[]): number {
  let node = nodes[0]!;
  while (node.length === 4) node = nodes[row[node[0]!]! <= node[1]! ? node[2]! : node[3]!]!;
  return node[0]!;
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

export function trainBoosted(
  rows: number[][],
  labels: number[],
  classes: string[],
  features: string[],
  options: BoostingOptions = {},
): BoostedModel {
  const n = rows.length;
  const k = classes.length;
  if (n === 0) throw new LitmusError('E_CALIBRATION_DATA', 'trainBoosted: no training rows');
  const rounds = options.rounds ?? 150;
  const depth = options.depth ?? 3;
  const rate = options.learningRate ?? 0.1;
  const lambda = options.lambda ?? 1;
  const minChild = options.minChildWeight ?? 1;
  const sw = options.sampleWeights ?? new Array<number>(n).fill(1);
  const scale = n / sw.reduce((a, b) => a + b, 0);
  const weights = sw.map((w) => w * scale);
  const thresholds = features.map((_, j) =>
    thresholdsFor(
      rows.map((r) => r[j]!),
      options.bins ?? 32,
    ),
  );
  const binned = binRows(rows, thresholds);
  const prior = new Array<number>(k).fill(0);
  labels.forEach((y, i) => {
    prior[y]! += weights[i]!;
  });
  const base = prior.map((p) => Number(Math.log(Math.max(p, 1e-6) / n).toPrecision(6)));
  const scores = rows.map(() => [...base]);
  const trees: Node[][][] = [];
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    const probs = scores.map(softmax);
    const round: Node[][] = [];
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        const p = probs[i]![c]!;
        grad[i] = weights[i]! * (p - (labels[i] === c ? 1 : 0));
        hess[i] = weights[i]! * Math.max(1e-6, p * (1 - p));
      }
      const tree = fitTree(binned, thresholds, grad, hess, depth, lambda, minChild, rate);
      round.push(tree);
      for (let i = 0; i < n; i++) scores[i]![c]! += treeValue(tree, rows[i]!);
    }
    trees.push(round);
  }
  return { kind: 'boosted', classes, features, base, trees };
}

export function predictBoosted(model: BoostedModel, row: number[]): number[] {
  const scores = [...model.base];
  for (const round of model.trees) for (let c = 0; c < round.length; c++) scores[c]! += treeValue(round[c]!, row);
  return softmax(scores);
}
