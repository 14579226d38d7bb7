import { LitmusError } from '../../core/errors.ts';
import { hashOf } from '../../core/hash.ts';
import type { Verdict } from '../../core/types.ts';
import { Bm25Index } from '../bm25.ts';
import { type BoostingOptions, trainBoosted } from './boosting.ts';
import { type Calibrator, fitLogisticCalibrator, fitPlattCalibrator } from './calibration.ts';
import type { LabelledDocument, LabelledPair, LabelledSet } from './datasets.ts';
import {
  analyzeText,
  DOC_FEATURES,
  documentFeatures,
  type IdfLookup,
  SENTENCE_FEATURES,
  sentenceFeatures,
  type TextInfo,
} from './features.ts';
import { type LogisticModel, roundModel, trainLogistic } from './logistic.ts';
import { type Prediction, summarize, type VerifierFigures } from './metrics.ts';
import {
  type Classifier,
  CONFIDENCE_FEATURES,
  classify,
  confidenceFeatures,
  type DocumentJudgement,
  type DomainCalibration,
  decide,
  type EmbeddedModel,
  evidenceSentences,
  judgeDocument,
  MODEL_LABELS,
  type ScoringModel,
} from './model.ts';

/**
 * Training and cross-validation of the embedded verifier: a rationale selector (binary logistic
 * regression over sentence features) feeding a 3-label document classifier (multinomial logistic
 * regression), calibrated by Platt scaling fitted on out-of-fold predictions.
 */

export const MODEL_VERSION = '1';

/**
 * The model's version as engines and stored verdicts name it: the format version and a fingerprint of
 * everything that decides a verdict or its confidence. A retrained model is a new engine, so verdicts
 * stored under the old one are judged again rather than reused with its confidences.
 */
export function modelVersion(model: Omit<EmbeddedModel, 'version' | 'cv' | 'trainedOn'>): string {
  return `${MODEL_VERSION}.${hashOf(model).slice(0, 8)}`;
}

export interface TrainOptions {
  folds?: number;
  seed?: number;
  /**
   * Extra NOT_ENOUGH_INFO pairs per claim from top BM25 documents the claim does not cite (default 0:
   * with class-balanced weights they did not help, 0.605 vs 0.628 CV macro-F1 at 1 per claim).
   */
  hardNegativesPerClaim?: number;
  /** Score only these folds (e.g. one held-out fold in a test); default all. */
  onlyFolds?: number[];
  /** Document classifier family (default 'average': mean of logistic and boosted probabilities). */
  classifier?: 'logistic' | 'boosted' | 'average';
  boosting?: BoostingOptions;
  /** Rationale selector family (default 'logistic'). */
  selector?: 'logistic' | 'boosted';
  selectorBoosting?: BoostingOptions;
  /** Inner folds giving the classifier out-of-fold selector probabilities (0: in-sample). */
  stackFolds?: number;
}

/**
 * Shallow, slow, strongly regularised trees: on ~740 training pairs deeper or faster boosting
 * overfits (depth 3 × 150 rounds at rate 0.1: 0.58 CV macro-F1 alone).
 */
export const DEFAULT_BOOSTING: BoostingOptions = {
  rounds: 200,
  depth: 2,
  learningRate: 0.03,
  lambda: 10,
  minChildWeight: 8,
};

interface Example {
  pair: LabelledPair;
  /** Only pairs from the labelled set are scored; hard negatives only train. */
  evaluate: boolean;
  weight: number;
}

/** mulberry32: a tiny deterministic PRNG so folds and samples are reproducible from the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Corpus document frequencies → IDF table (terms seen in ≥ 2 documents) plus a default for rare terms. */
export function buildIdf(docs: Iterable<LabelledDocument>): { idf: Record<string, number>; idfDefault: number } {
  const documents = [...docs];
  const index = new Bm25Index();
  const terms = new Set<string>();
  for (const doc of documents) index.add(doc.docId, `${doc.title} ${doc.sentences.join(' ')}`);
  for (const doc of documents)
    for (const t of analyzeText(`${doc.title} ${doc.sentences.join(' ')}`).stemSet) terms.add(t);
  const idf: Record<string, number> = {};
  for (const t of [...terms].sort()) {
    if (index.documentFrequency(t) >= 2) idf[t] = Number(index.idf(t).toFixed(3));
  }
  const n = index.size;
  return { idf, idfDefault: Number(Math.log(1 + (n - 0.5) / 1.5).toFixed(3)) };
}

/** Text analysis cache: each claim and sentence is tokenised once. */
class Analyses {
  private readonly claims = new Map<string, TextInfo>();
  private readonly docs = new Map<string, { sentences: TextInfo[]; title: TextInfo }>();
  constructor(private readonly documents: Map<string, LabelledDocument>) {}
  claim(text: string): TextInfo {
    let info = this.claims.get(text);
    if (!info) this.claims.set(text, (info = analyzeText(text)));
    return info;
  }
  doc(docId: string): { sentences: TextInfo[]; title: TextInfo } {
    let info = this.docs.get(docId);
    if (!info) {
      const doc = this.documents.get(docId);
      if (!doc) throw new LitmusError('E_CALIBRATION_DATA', `document ${docId} missing from corpus`);
      info = { sentences: doc.sentences.map(analyzeText), title: analyzeText(doc.title) };
      this.docs.set(docId, info);
    }
    return info;
  }
}

function hardNegatives(set: LabelledSet, perClaim: number): LabelledPair[] {
  if (perClaim <= 0) return [];
  const index = new Bm25Index();
  for (const doc of set.documents.values()) index.add(doc.docId, `${doc.title} ${doc.sentences.join(' ')}`);
  const cited = new Map<string, Set<string>>();
  for (const p of set.pairs) {
    if (!cited.has(p.claimId)) cited.set(p.claimId, new Set());
    cited.get(p.claimId)!.add(p.docId);
  }
  const out: LabelledPair[] = [];
  const seen = new Set<string>();
  for (const p of set.pairs) {
    if (seen.has(p.claimId)) continue;
    seen.add(p.claimId);
    const mine = cited.get(p.claimId)!;
    const hits = index.search(p.claim, perClaim + mine.size).filter((h) => !mine.has(h.id));
    for (const hit of hits.slice(0, perClaim)) {
      out.push({ ...p, docId: hit.id, label: 'NOT_ENOUGH_INFO', rationale: [] });
    }
  }
  return out;
}

/** Assigns groups to folds; groups are joined when they share a claim id or claim text. */
export function assignFolds(pairs: LabelledPair[], folds: number, seed: number): number[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const p of pairs) {
    if (p.fold !== undefined) continue;
    const g = `g:${p.group}`;
    if (!parent.has(g)) parent.set(g, g);
    for (const key of [`c:${p.claimId}`, `t:${p.claim.trim().toLowerCase()}`]) {
      if (!parent.has(key)) parent.set(key, key);
      union(key, g);
    }
  }
  const drawn = pairs.filter((p) => p.fold === undefined);
  const roots = [...new Set(drawn.map((p) => find(`g:${p.group}`)))].sort();
  const random = seededRandom(seed);
  for (let i = roots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [roots[i], roots[j]] = [roots[j]!, roots[i]!];
  }
  const foldOf = new Map(roots.map((r, i) => [r, i % folds]));
  return pairs.map((p) => (p.fold !== undefined ? p.fold % folds : foldOf.get(find(`g:${p.group}`))!));
}

function classWeights(labels: number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const y of labels) counts[y]!++;
  return labels.map((y) => labels.length / (classes * Math.max(1, counts[y]!)));
}

/** Fits selector and classifier on `examples` (calibration is fitted separately, out of fold). */
function fitModels(
  examples: Example[],
  analyses: Analyses,
  idf: IdfLookup,
  options: TrainOptions,
): { selector: Classifier; classifier: Classifier } {
  const matrices = examples.map(({ pair }) =>
    sentenceFeatures(analyses.claim(pair.claim), analyses.doc(pair.docId).sentences, idf),
  );
  const fitSelector = (members: number[]): Classifier => {
    const sRows: number[][] = [];
    const sLabels: number[] = [];
    for (const k of members) {
      const rationale = new Set(examples[k]!.pair.rationale);
      matrices[k]!.forEach((row, i) => {
        sRows.push(row);
        sLabels.push(rationale.has(i) ? 1 : 0);
      });
    }
    return options.selector === 'boosted'
      ? trainBoosted(sRows, sLabels, ['other', 'rationale'], [...SENTENCE_FEATURES], {
          ...options.selectorBoosting,
          sampleWeights: classWeights(sLabels, 2),
        })
      : roundModel(
          trainLogistic(sRows, sLabels, ['other', 'rationale'], [...SENTENCE_FEATURES], {
            sampleWeights: classWeights(sLabels, 2),
            iterations: 300,
            l2: 1e-3,
          }),
        );
  };
  const selector = fitSelector(examples.map((_, k) => k));
  // The classifier learns from selector probabilities the selector produced without seeing that
  // example (inner folds), as it will at inference; in-sample ones are overconfident.
  const stack = options.stackFolds ?? 0;
  const selectorFor: Classifier[] = examples.map(() => selector);
  if (stack > 1) {
    const inner = assignFolds(
      examples.map((e) => e.pair),
      stack,
      (options.seed ?? 13) + 1,
    );
    for (let f = 0; f < stack; f++) {
      const inside = examples.map((_, k) => k).filter((k) => inner[k] !== f);
      const model = fitSelector(inside);
      inner.forEach((g, k) => {
        if (g === f) selectorFor[k] = model;
      });
    }
  }
  const dRows: number[][] = [];
  const dLabels: number[] = [];
  examples.forEach(({ pair }, k) => {
    const claim = analyses.claim(pair.claim);
    const { sentences, title } = analyses.doc(pair.docId);
    const matrix = matrices[k]!;
    const probabilities = matrix.map((row) => classify(selectorFor[k]!, row)[1]!);
    dRows.push(documentFeatures(claim, sentences, title, matrix, probabilities, idf).features);
    dLabels.push(MODEL_LABELS.indexOf(pair.label));
  });
  const balance = classWeights(dLabels, 3);
  const sampleWeights = balance.map((w, k) => w * examples[k]!.weight);
  const kind = options.classifier ?? 'average';
  const logistic = (): LogisticModel =>
    roundModel(
      trainLogistic(dRows, dLabels, [...MODEL_LABELS], [...DOC_FEATURES], { sampleWeights, iterations: 500, l2: 1e-2 }),
    );
  const boosted = (): Classifier =>
    trainBoosted(dRows, dLabels, [...MODEL_LABELS], [...DOC_FEATURES], {
      ...DEFAULT_BOOSTING,
      ...options.boosting,
      sampleWeights,
    });
  const classifier: Classifier =
    kind === 'logistic'
      ? logistic()
      : kind === 'boosted'
        ? boosted()
        : { kind: 'average', members: [logistic(), boosted()] };
  return { selector, classifier };
}

/** Selector placeholder: sentence features do not depend on the selector, only probabilities do. */
const dummySelector: LogisticModel = {
  classes: ['other', 'rationale'],
  features: [],
  mean: [],
  scale: [],
  weights: [],
};

export interface ScoredPair {
  pair: LabelledPair;
  fold: number;
  probabilities: number[];
  verdict: Verdict;
  confidence: number;
  rule: string | null;
  /** Sentence indices quoted as evidence (what a user would be shown). */
  evidence: number[];
}

export interface CrossValidation {
  folds: number;
  /** Out-of-fold predictions, calibrated by a calibrator fitted on the other folds only (same domain). */
  scored: ScoredPair[];
  figures: VerifierFigures;
  /** Figures per dataset (pair.dataset), each over its own out-of-fold predictions. */
  byDataset: Record<string, VerifierFigures>;
  /** Same figures scoring the classifier's argmax alone (no numeric rule). */
  classifierOnly: VerifierFigures;
  /** Calibrator and numeric-rule precision fitted on all out-of-fold predictions (pooled). */
  calibration: Pick<EmbeddedModel, 'calibrator' | 'numericRefuteConfidence'>;
  /** The same per domain, each from that domain's out-of-fold predictions only. */
  calibrations: Record<string, DomainCalibration>;
}

/** Collapses PARTIAL into SUPPORTED for 3-label scoring. */
export const threeWay = (v: Verdict): Verdict => (v === 'PARTIAL' ? 'SUPPORTED' : v);

type Raw = { pair: LabelledPair; fold: number; judgement: DocumentJudgement };

/** Logistic calibrator over confidence features plus the numeric rule's precision, from out-of-fold rows. */
function fitCalibration(rows: Raw[]): Pick<EmbeddedModel, 'calibrator' | 'numericRefuteConfidence'> {
  const plain = rows.filter((r) => r.judgement.rule !== 'numeric_mismatch');
  const features = plain.map((r) =>
    confidenceFeatures(r.judgement, r.judgement.classProbabilities, r.judgement.verdict, r.judgement.rule),
  );
  const correct = plain.map((r) => threeWay(r.judgement.verdict) === r.pair.label);
  const calibrator =
    plain.length >= 20 && correct.some(Boolean) && !correct.every(Boolean)
      ? fitLogisticCalibrator(features, correct, [...CONFIDENCE_FEATURES], datasetBalance(plain))
      : fitPlattCalibrator(
          plain.map((r) => Math.max(...r.judgement.classProbabilities)),
          correct,
        );
  const fired = rows.filter((r) => r.judgement.rule === 'numeric_mismatch');
  const right = fired.filter((r) => r.pair.label === 'REFUTED').length;
  return { calibrator, numericRefuteConfidence: Number(((right + 1) / (fired.length + 2)).toFixed(4)) };
}

const domainOf = (pair: LabelledPair): string => pair.domain ?? 'biomedical';

/**
 * Weights giving every labelled set of a calibration the same total weight: within a domain the sets
 * stand for different ways claims reach the verifier (the ML papers' own sentences, perturbed, and
 * claims written the way reviewers write them), and the confidence must hold for each, not for
 * whichever set has the most pairs.
 */
export function datasetBalance(rows: { pair: Pick<LabelledPair, 'dataset'> }[]): number[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.pair.dataset ?? '', (counts.get(r.pair.dataset ?? '') ?? 0) + 1);
  const share = rows.length / counts.size;
  return rows.map((r) => share / counts.get(r.pair.dataset ?? '')!);
}

/** How a domain's calibration is described to readers: which data, which folds, how many pairs. */
export function describeCalibration(domain: string, rows: LabelledPair[], folds: number): string {
  const datasets = [...new Set(rows.map((p) => p.dataset ?? 'scifact'))].sort().join(' + ');
  const split = rows.some((p) => p.fold !== undefined)
    ? `grouped by paper, ${folds} folds`
    : `${folds}-fold grouped CV`;
  return `${domain === 'ml' ? 'ml-papers' : domain} (${datasets}; ${split}, n=${rows.length})`;
}

/** k-fold cross-validation at the (claim, cited document) level with grouped folds. */
export function crossValidate(
  set: LabelledSet,
  idfTable: Pick<EmbeddedModel, 'idf' | 'idfDefault'>,
  options: TrainOptions = {},
): CrossValidation {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 13;
  const idf: IdfLookup = (s) => idfTable.idf[s] ?? idfTable.idfDefault;
  const analyses = new Analyses(set.documents);
  const negatives = hardNegatives(set, options.hardNegativesPerClaim ?? 0);
  const foldOf = assignFolds(set.pairs, folds, seed);
  const negFold = new Map(set.pairs.map((p, i) => [p.claimId, foldOf[i]!]));
  const raw: Raw[] = [];
  for (let f = 0; f < folds; f++) {
    if (options.onlyFolds && !options.onlyFolds.includes(f)) continue;
    const train: Example[] = [
      ...set.pairs
        .filter((_, i) => foldOf[i] !== f)
        .map((pair) => ({ pair, evaluate: true, weight: pair.weight ?? 1 })),
      ...negatives.filter((p) => negFold.get(p.claimId) !== f).map((pair) => ({ pair, evaluate: false, weight: 0.5 })),
    ];
    const { selector, classifier } = fitModels(train, analyses, idf, options);
    const model: ScoringModel = {
      ...idfTable,
      selector,
      classifier,
      calibrator: { kind: 'platt', a: 1, b: 0 },
      numericRefuteConfidence: 0.5,
    };
    set.pairs.forEach((pair, i) => {
      if (foldOf[i] !== f) return;
      const doc = analyses.doc(pair.docId);
      raw.push({
        pair,
        fold: f,
        judgement: judgeDocument(model, analyses.claim(pair.claim), doc.sentences, doc.title, idf),
      });
    });
  }
  const domains = [...new Set(raw.map((r) => domainOf(r.pair)))].sort();
  const scored: ScoredPair[] = [];
  for (let f = 0; f < folds; f++) {
    const calibrations: Record<string, DomainCalibration> = {};
    for (const d of domains) {
      const rows = raw.filter((r) => r.fold !== f && domainOf(r.pair) === d);
      calibrations[d] = { ...fitCalibration(rows), description: d };
    }
    for (const r of raw.filter((x) => x.fold === f)) {
      const j = decide(
        { ...idfTable, selector: dummySelector, classifier: dummySelector, ...fitCalibrationPlaceholder, calibrations },
        r.judgement,
        r.judgement.classProbabilities,
        domainOf(r.pair),
      );
      scored.push({
        pair: r.pair,
        fold: f,
        probabilities: j.classProbabilities,
        verdict: j.verdict,
        confidence: j.confidence,
        rule: j.rule,
        evidence: evidenceSentences(j),
      });
    }
  }
  const labels = MODEL_LABELS;
  const toPrediction = (s: ScoredPair): Prediction => ({
    gold: s.pair.label,
    predicted: threeWay(s.verdict),
    confidence: s.confidence,
  });
  const classifierPredictions: Prediction[] = scored.map((s) => {
    const p = Math.max(...s.probabilities);
    return { gold: s.pair.label, predicted: MODEL_LABELS[s.probabilities.indexOf(p)]!, confidence: p };
  });
  const byDataset: Record<string, VerifierFigures> = {};
  for (const name of [...new Set(scored.map((s) => s.pair.dataset ?? 'scifact'))].sort()) {
    byDataset[name] = summarize(scored.filter((s) => (s.pair.dataset ?? 'scifact') === name).map(toPrediction), labels);
  }
  const calibrations: Record<string, DomainCalibration> = {};
  for (const d of domains) {
    const rows = raw.filter((r) => domainOf(r.pair) === d);
    calibrations[d] = {
      ...fitCalibration(rows),
      description: describeCalibration(
        d,
        rows.map((r) => r.pair),
        folds,
      ),
      top30Cutoff: top30Cutoff(scored.filter((x) => domainOf(x.pair) === d).map((x) => x.confidence)),
    };
  }
  return {
    folds,
    scored,
    figures: summarize(scored.map(toPrediction), labels),
    byDataset,
    classifierOnly: summarize(classifierPredictions, labels),
    calibration: fitCalibration(raw),
    calibrations,
  };
}

const fitCalibrationPlaceholder = {
  calibrator: { kind: 'platt', a: 1, b: 0 } as Calibrator,
  numericRefuteConfidence: 0.5,
};

/** Trains the final model on every pair; calibration comes from the cross-validation's out-of-fold predictions. */
export function trainEmbeddedModel(
  set: LabelledSet,
  options: TrainOptions & { trainedOn?: string } = {},
): { model: EmbeddedModel; cv: CrossValidation } {
  const seed = options.seed ?? 13;
  const idfTable = buildIdf(set.documents.values());
  const cv = crossValidate(set, idfTable, { ...options, seed });
  const idf: IdfLookup = (s) => idfTable.idf[s] ?? idfTable.idfDefault;
  const analyses = new Analyses(set.documents);
  const examples: Example[] = [
    ...set.pairs.map((pair) => ({ pair, evaluate: true, weight: pair.weight ?? 1 })),
    ...hardNegatives(set, options.hardNegativesPerClaim ?? 0).map((pair) => ({ pair, evaluate: false, weight: 0.5 })),
  ];
  const { selector, classifier } = fitModels(examples, analyses, idf, options);
  const fitted = {
    seed,
    labels: [...MODEL_LABELS],
    idf: idfTable.idf,
    idfDefault: idfTable.idfDefault,
    selector,
    classifier,
    calibrator: cv.calibration.calibrator,
    numericRefuteConfidence: cv.calibration.numericRefuteConfidence,
    calibrations: {
      ...cv.calibrations,
      all: { ...cv.calibration, description: describeCalibration('all', set.pairs, cv.folds) },
    },
  };
  const model: EmbeddedModel = {
    version: modelVersion(fitted),
    trainedOn: options.trainedOn ?? 'scifact/claims_train.jsonl + corpus.jsonl',
    ...fitted,
    cv: {
      protocol: cvProtocol(cv.folds),
      ...cv.figures,
      top30Cutoff: top30Cutoff(cv.scored.map((x) => x.confidence)),
      byDataset: cv.byDataset,
      classifierOnly: cv.classifierOnly,
    },
  };
  return { model, cv };
}

/** The confidence at or above which out-of-fold verdicts were the 30% most confident. */
export function top30Cutoff(confidences: number[]): number {
  const sorted = [...confidences].sort((a, b) => b - a);
  const k = Math.max(1, Math.round(sorted.length * 0.3));
  return Number((sorted[k - 1] ?? 0.7).toFixed(4));
}

/** Joins labelled sets into one (ids prefixed by set name), each pair tagged with its dataset and domain. */
export function combineSets(parts: { name: string; domain: string; set: LabelledSet; weight?: number }[]): LabelledSet {
  const documents = new Map<string, LabelledDocument>();
  const pairs: LabelledPair[] = [];
  for (const { name, domain, set, weight } of parts) {
    for (const [id, doc] of set.documents) documents.set(`${name}/${id}`, { ...doc, docId: `${name}/${id}` });
    for (const pair of set.pairs) {
      pairs.push({
        ...pair,
        claimId: `${name}/${pair.claimId}`,
        docId: `${name}/${pair.docId}`,
        group: `${name}/${pair.group}`,
        dataset: name,
        domain,
        ...(weight !== undefined ? { weight } : {}),
      });
    }
  }
  return { pairs, documents };
}

export function cvProtocol(folds: number): string {
  return `${folds}-fold CV over (claim, evidence doc) pairs; SciFact/Check-COVID/HealthVer folds grouped by document and claim text, ML-claims folds by paper; gold = that doc's evidence label, NEI when it has none; PARTIAL scored as SUPPORTED; each domain's calibrator fitted on the other folds' out-of-fold predictions of that domain`;
}

/** A trained model's verdict on every pair of a labelled set (no refitting), calibrated by `domain` or each pair's. */
export function scoreModel(model: EmbeddedModel, set: LabelledSet, domain?: string): ScoredPair[] {
  const idf: IdfLookup = (s) => model.idf[s] ?? model.idfDefault;
  const analyses = new Analyses(set.documents);
  return set.pairs.map((pair) => {
    const doc = analyses.doc(pair.docId);
    const j = judgeDocument(
      model,
      analyses.claim(pair.claim),
      doc.sentences,
      doc.title.text ? doc.title : null,
      idf,
      domain ?? pair.domain,
    );
    return {
      pair,
      fold: -1,
      probabilities: j.classProbabilities,
      verdict: j.verdict,
      confidence: j.confidence,
      rule: j.rule,
      evidence: evidenceSentences(j),
    };
  });
}

/** Figures of scored pairs (PARTIAL counted as SUPPORTED). */
export function figuresOf(scored: { pair: LabelledPair; verdict: Verdict; confidence: number }[]): VerifierFigures {
  return summarize(
    scored.map((s) => ({ gold: s.pair.label, predicted: threeWay(s.verdict), confidence: s.confidence })),
    MODEL_LABELS,
  );
}

/** Scores a trained model on another labelled set (no refitting): for generalisation figures. */
export function evaluateModel(model: EmbeddedModel, set: LabelledSet, domain?: string): VerifierFigures {
  return figuresOf(scoreModel(model, set, domain));
}
