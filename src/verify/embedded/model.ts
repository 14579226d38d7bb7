import { readFileSync } from 'node:fs';
import type { Verdict } from '../../core/types.ts';
import { type BoostedModel, predictBoosted } from './boosting.ts';
import { applyCalibrator, type Calibrator } from './calibration.ts';
import {
  DOC_FEATURES,
  type DocumentAnalysis,
  documentFeatures,
  type IdfLookup,
  type NumericFinding,
  SENTENCE_FEATURES,
  sentenceFeatures,
  type TextInfo,
} from './features.ts';
import { type LogisticModel, predictProba } from './logistic.ts';

/** The committed, trained embedded verifier: everything `npm run train:verifier` writes. */
export interface EmbeddedModel {
  version: string;
  trainedOn: string;
  seed: number;
  labels: Verdict[]; // ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'], the classifier's class order
  idf: Record<string, number>;
  idfDefault: number;
  selector: Classifier;
  classifier: Classifier;
  calibrator: Calibrator;
  /** Out-of-fold precision of the "same quantity, different value → REFUTED" rule. */
  numericRefuteConfidence: number;
  /**
   * Calibration per domain ('biomedical', 'ml'), each fitted on held-out folds of that domain's
   * labelled pairs; `calibrator` above serves claims whose domain has none.
   */
  calibrations?: Record<string, DomainCalibration>;
  /** Cross-validated figures measured when this model was trained (for the record). */
  cv: Record<string, unknown>;
}

export interface DomainCalibration {
  calibrator: Calibrator;
  numericRefuteConfidence: number;
  /** What the calibration rests on, as reports show it: "ml-papers (grouped by paper, 5 folds, n=1002)". */
  description: string;
  /** The confidence at or above which this domain's held-out verdicts were its 30% most confident. */
  top30Cutoff?: number;
}

/** The document classifier: logistic regression, boosted trees, or an average of several. */
export type Classifier = LogisticModel | BoostedModel | { kind: 'average'; members: Classifier[] };

/** Class probabilities (MODEL_LABELS order) for one document feature row. */
export function classify(classifier: Classifier, row: number[]): number[] {
  if ('kind' in classifier && classifier.kind === 'boosted') return predictBoosted(classifier, row);
  if ('kind' in classifier && classifier.kind === 'average') {
    const parts = classifier.members.map((m) => classify(m, row));
    return parts[0]!.map((_, c) => parts.reduce((s, p) => s + p[c]!, 0) / parts.length);
  }
  return predictProba(classifier as LogisticModel, row);
}

export const MODEL_LABELS: Verdict[] = ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'];

export interface DocumentJudgement extends DocumentAnalysis {
  /** Classifier probabilities in MODEL_LABELS order. */
  classProbabilities: number[];
  verdict: Verdict;
  confidence: number;
  /** Which rule set the verdict beyond the classifier's argmax, if any. */
  rule: 'numeric_mismatch' | 'numeric_rounding' | null;
  /** Which calibration the confidence rests on. */
  calibration: string;
  /** The numeric findings that drove a rule: different values for REFUTED, rounded ones for PARTIAL. */
  numericEvidence: NumericFinding[];
}

let cached: EmbeddedModel | null = null;

/** Loads the committed model.json once (next to this file). */
export function loadEmbeddedModel(): EmbeddedModel {
  if (!cached) {
    const url = new URL('./model.json', import.meta.url);
    cached = JSON.parse(readFileSync(url, 'utf8')) as EmbeddedModel;
  }
  return cached;
}

export function idfLookup(model: Pick<EmbeddedModel, 'idf' | 'idfDefault'>): IdfLookup {
  return (stem) => model.idf[stem] ?? model.idfDefault;
}

/** Parts of the model the scoring needs; training passes partially fitted ones. */
export type ScoringModel = Pick<
  EmbeddedModel,
  'selector' | 'classifier' | 'calibrator' | 'numericRefuteConfidence' | 'idf' | 'idfDefault' | 'calibrations'
>;

/** The calibration for a domain: its own when the model has one, else the pooled one. */
export function calibrationFor(
  model: Pick<EmbeddedModel, 'calibrator' | 'numericRefuteConfidence' | 'calibrations'>,
  domain?: string | null,
): DomainCalibration {
  const own = domain ? model.calibrations?.[domain] : undefined;
  if (own) return own;
  return {
    calibrator: model.calibrator,
    numericRefuteConfidence: model.numericRefuteConfidence,
    description: model.calibrations?.all?.description ?? 'all training data (pooled)',
  };
}

/** Signals a logistic calibrator reads: how sure, how separated, how well covered, which verdict. */
export const CONFIDENCE_FEATURES = [
  'logit_top',
  'margin',
  'max_selector_p',
  'top3_idf_recall',
  'top_idf_recall',
  'document_idf_recall',
  'is_supported',
  'is_refuted',
  'is_nei',
  'rule_fired',
  'contradiction_cue',
  // How much the evidence restates the claim means opposite things for the two kinds of verdict: a
  // SUPPORTED or REFUTED verdict resting on a sentence that restates the claim is usually right, one
  // resting on a loose paraphrase is a guess; a NOT_ENOUGH_INFO verdict for a claim the paper's words
  // barely touch is usually right, one for a claim the paper plainly discusses often misses a
  // paraphrase. A linear calibrator sees that only through products with the verdict.
  'judged_x_top_recall',
  'judged_x_top3_recall',
  'judged_x_document_recall',
  'judged_x_top_lcs',
  'judged_x_top_bigram_precision',
  'nei_x_top_recall',
  'nei_x_document_recall',
  'nei_x_top_lcs',
] as const;

export function confidenceFeatures(
  analysis: DocumentAnalysis,
  classProbabilities: number[],
  label: Verdict,
  rule: string | null,
): number[] {
  const sorted = [...classProbabilities].sort((a, b) => b - a);
  const top = Math.min(1 - 1e-6, Math.max(1e-6, sorted[0] ?? 0));
  const value = (name: (typeof DOC_FEATURES)[number]) => analysis.features[DOC_FEATURES.indexOf(name)] ?? 0;
  const nei = label === 'NOT_ENOUGH_INFO' ? 1 : 0;
  const judged = 1 - nei;
  return [
    Math.log(top / (1 - top)),
    top - (sorted[1] ?? 0),
    value('max_p'),
    value('top3_idf_recall'),
    value('top_idf_recall'),
    value('document_idf_recall'),
    label === 'SUPPORTED' || label === 'PARTIAL' ? 1 : 0,
    label === 'REFUTED' ? 1 : 0,
    nei,
    rule ? 1 : 0,
    hasContradictionCue(analysis) ? 1 : 0,
    judged * value('top_idf_recall'),
    judged * value('top3_idf_recall'),
    judged * value('document_idf_recall'),
    judged * value('top_lcs'),
    judged * value('top_bigram_precision'),
    nei * value('top_idf_recall'),
    nei * value('document_idf_recall'),
    nei * value('top_lcs'),
  ];
}

/** Rationale-selector probabilities for every sentence of a document. */
export function selectRationales(
  selector: Classifier,
  claim: TextInfo,
  sentences: TextInfo[],
  idf: IdfLookup,
): { matrix: number[][]; probabilities: number[] } {
  const matrix = sentenceFeatures(claim, sentences, idf);
  const probabilities = matrix.map((row) => classify(selector, row)[1]!);
  // A sentence restating (nearly) every weighted term of the claim is its rationale whatever the
  // selector's position and length cues say; those cues, learned on SciFact abstracts, misfire when
  // the candidates are passages gathered from a whole paper.
  const recall = SENTENCE_FEATURES.indexOf('idf_recall');
  const top = Math.max(0, ...probabilities);
  return {
    matrix,
    probabilities: probabilities.map((p, i) =>
      (matrix[i]![recall] ?? 0) >= NEAR_VERBATIM_RECALL ? Math.max(p, top) : p,
    ),
  };
}

/**
 * IDF-weighted share of the claim's terms the top three sentences must cover for SUPPORTED. Measured
 * on SciFact 5-fold CV: 0 → macro-F1 0.621; 0.3 → 0.620; 0.4 → 0.619; 0.5 → 0.604; 0.6 → 0.552.
 * 0.4 costs almost nothing there and stops topic-word matches from counting as support in papers.
 */
export const SUPPORT_FLOOR = 0.4;

/** IDF-weighted share of the claim's terms the best sentence must restate for a direction conflict to refute. */
export const DIRECTION_RECALL = 0.6;

/** IDF-weighted share of the claim's terms a sentence must restate to count as near-verbatim. */
export const NEAR_VERBATIM_RECALL = 0.9;

/** Judges one claim against one document (its sentences in reading order). */
export function judgeDocument(
  model: ScoringModel,
  claim: TextInfo,
  sentences: TextInfo[],
  title: TextInfo | null,
  idf: IdfLookup = idfLookup(model),
  domain?: string | null,
): DocumentJudgement {
  const { matrix, probabilities } = selectRationales(model.selector, claim, sentences, idf);
  const analysis = documentFeatures(claim, sentences, title, matrix, probabilities, idf);
  const classProbabilities = classify(model.classifier, analysis.features);
  return decide(model, analysis, classProbabilities, domain);
}

/** Turns class probabilities plus the numeric check into a verdict and calibrated confidence. */
export function decide(
  model: ScoringModel,
  analysis: DocumentAnalysis,
  classProbabilitiesIn: number[],
  domain?: string | null,
): DocumentJudgement {
  const calibration = calibrationFor(model, domain);
  let classProbabilities = classProbabilitiesIn;
  let best = 0;
  for (let c = 1; c < classProbabilities.length; c++) if (classProbabilities[c]! > classProbabilities[best]!) best = c;
  let label = MODEL_LABELS[best]!;
  // A contradiction needs a reason the text can show: negation, an antonym, an opposite direction,
  // a null result on one side only, or a different number. Without one, the classifier's REFUTED
  // (on SciFact, learned from near-verbatim negated claims) is read as agreement with the evidence.
  // Support needs the best three sentences to restate a fair share of what the claim says: a sentence
  // that merely shares its topic words ("translated", "code generation") is no evidence for it.
  if (label === 'SUPPORTED' && (analysis.features[DOC_FEATURES.indexOf('top3_idf_recall')] ?? 0) < SUPPORT_FLOOR) {
    const [supported, refuted, nei] = classProbabilities as [number, number, number];
    label = 'NOT_ENOUGH_INFO';
    best = MODEL_LABELS.indexOf(label);
    classProbabilities = [0, refuted, nei + supported];
  }
  if (label === 'REFUTED' && !hasContradictionCue(analysis)) {
    const [supported, refuted, nei] = classProbabilities as [number, number, number];
    label = supported + refuted >= nei ? 'SUPPORTED' : 'NOT_ENOUGH_INFO';
    best = MODEL_LABELS.indexOf(label);
    classProbabilities = label === 'SUPPORTED' ? [supported + refuted, 0, nei] : [supported, 0, nei + refuted];
  }
  // The best sentence restates the claim but with the opposite direction ("lowers" vs "improves"):
  // the sentence contradicts it, whatever the classifier's weighting of that one cue.
  const value = (name: (typeof DOC_FEATURES)[number]) => analysis.features[featureIndex(name)] ?? 0;
  if (label === 'SUPPORTED' && value('polarity_conflict_top3') >= 1 && value('top_idf_recall') >= DIRECTION_RECALL) {
    const [supported, refuted, nei] = classProbabilities as [number, number, number];
    label = 'REFUTED';
    best = MODEL_LABELS.indexOf(label);
    classProbabilities = [refuted, supported, nei];
  }
  const calibrate = (verdict: Verdict, rule: string | null): number =>
    applyCalibrator(
      calibration.calibrator,
      classProbabilities[best]!,
      confidenceFeatures(analysis, classProbabilities, verdict, rule),
    );
  const confidence = calibrate(label, null);
  const different = analysis.numeric.filter((n) => n.comparison === 'different');
  const agreeing = new Set(analysis.numeric.filter((n) => n.comparison !== 'different').map((n) => n.claimed.text));
  const conflicts = different.filter((n) => !agreeing.has(n.claimed.text));
  const relevant = label !== 'NOT_ENOUGH_INFO' || (analysis.probabilities[analysis.ranked[0] ?? -1] ?? 0) >= 0.5;
  const base = { ...analysis, classProbabilities, calibration: calibration.description };
  // Three or more shared context words name the quantity plainly enough to refute on numbers alone,
  // even where the SciFact-trained selector (which rarely saw matching quantities) doubts the sentence.
  const namedQuantity = conflicts.some((n) => n.quantity.split(' ').filter(Boolean).length >= 3);
  if (conflicts.length > 0 && (relevant || namedQuantity)) {
    return {
      ...base,
      verdict: 'REFUTED',
      confidence: calibration.numericRefuteConfidence,
      rule: 'numeric_mismatch',
      numericEvidence: conflicts,
    };
  }
  const rounded = analysis.numeric.filter((n) => n.comparison === 'within_rounding');
  // The same quantity within the claim's rounding: supported, but only as precisely as stated.
  if (rounded.length > 0 && (label === 'SUPPORTED' || (label === 'NOT_ENOUGH_INFO' && relevant))) {
    return { ...base, verdict: 'PARTIAL', confidence, rule: 'numeric_rounding', numericEvidence: rounded };
  }
  return { ...base, verdict: label, confidence, rule: null, numericEvidence: [] };
}

const featureIndex = (name: (typeof DOC_FEATURES)[number]): number => DOC_FEATURES.indexOf(name);

/** Whether the top evidence sentences give any textual ground for a contradiction. */
export function hasContradictionCue(analysis: DocumentAnalysis): boolean {
  const value = (name: (typeof DOC_FEATURES)[number]) => analysis.features[featureIndex(name)] ?? 0;
  const claimNull = value('claim_null_result') > 0;
  const evidenceNull = value('evidence_null_result') > 0.5;
  return (
    value('negation_mismatch') > 0.5 ||
    value('antonym_conflicts') > 0 ||
    value('direction_conflict') > 0 ||
    claimNull !== evidenceNull ||
    value('scoped_negation_conflict') > 0 ||
    value('name_swap') > 0 ||
    value('claim_numbers_unmatched') > 0 ||
    analysis.numeric.some((n) => n.comparison === 'different')
  );
}

/** How many best sentences are quoted as evidence at most (a second one only when nearly as good). */
const MAX_QUOTES = 2;

/**
 * Sentence indices to quote for a judgement, best first: none for NOT_ENOUGH_INFO; the best
 * sentence, a close runner-up, and any sentence holding a number a numeric rule compared.
 */
export function evidenceSentences(judgement: DocumentJudgement): number[] {
  if (judgement.verdict === 'NOT_ENOUGH_INFO') return [];
  const best = judgement.probabilities[judgement.ranked[0]!] ?? 0;
  const chosen = judgement.ranked
    .slice(0, MAX_QUOTES)
    .filter((i, k) => k === 0 || (judgement.probabilities[i]! >= 0.5 && judgement.probabilities[i]! >= best * 0.8));
  for (const finding of judgement.numericEvidence) {
    if (finding.sentence !== undefined && !chosen.includes(finding.sentence)) chosen.push(finding.sentence);
  }
  return chosen;
}
