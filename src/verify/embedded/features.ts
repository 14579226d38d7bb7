import { compareQuantities, extractNumbers } from '../../core/numbers.ts';
import type { ClaimNumber } from '../../core/types.ts';
import { bigrams, contentStems } from '../tokenize.ts';
import {
  antonymConflicts,
  CLAIM_CUES,
  conclusionCount,
  direction,
  directionWords,
  effectRatioDirection,
  hedgeCount,
  negationCount,
  negationScopes,
  nullResultCount,
  strengthCounts,
} from './lexicon.ts';
import { NAME_TOKEN } from './perturb.ts';

/**
 * Features over (claim, evidence sentence) and (claim, document), shared by training and inference
 * so both see exactly the same numbers.
 */

export type IdfLookup = (stem: string) => number;

export interface TextInfo {
  text: string;
  stems: string[];
  stemSet: Set<string>;
  bigramSet: Set<string>;
  numbers: LocatedNumber[];
  negated: boolean;
  direction: number;
  hedges: number;
  conclusion: number;
  nullResults: number;
  /** Direction stated by effect ratios (HR/OR/RR above or below 1). */
  ratioDirection: number;
  /** Content stems inside the scope of a negation cue ("neither A nor B led to improved X": A, B, led, improv, X). */
  negatedStems: Set<string>;
  /** Names (datasets, models, metrics, versions) lower-cased: "bleu", "webquestions", "gpt-2". */
  names: Set<string>;
  /** Hedge/weak-quantifier and strong wording counts. */
  weak: number;
  strong: number;
}

const METRIC_WORDS = /\b(?:accuracy|precision|recall|perplexity|f1|bleu|rouge(?:-\w+)?|auc|mae|mse|rmse)\b/gi;

function namesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(NAME_TOKEN)) if (!/^\d/.test(m[0]) && m[0].length >= 2) out.add(m[0].toLowerCase());
  for (const m of text.matchAll(METRIC_WORDS)) out.add(m[0].toLowerCase());
  return out;
}

export interface LocatedNumber {
  number: ClaimNumber;
  context: Set<string>;
}

export interface NumericFinding {
  claimed: ClaimNumber;
  found: ClaimNumber;
  comparison: 'equal' | 'within_rounding' | 'different';
  /** Shared context stems: what tells us the two numbers measure the same quantity. */
  quantity: string;
  /** Index of the evidence sentence holding `found`, when known. */
  sentence?: number;
}

export function analyzeText(text: string): TextInfo {
  const stems = contentStems(text);
  return {
    text,
    stems,
    stemSet: new Set(stems),
    bigramSet: new Set(bigrams(stems)),
    numbers: locateNumbers(text),
    negated: negationCount(text) % 2 === 1,
    direction: direction(stems),
    hedges: hedgeCount(text),
    conclusion: conclusionCount(text),
    nullResults: nullResultCount(text),
    ratioDirection: effectRatioDirection(text),
    negatedStems: new Set(negationScopes(text).flatMap((scope) => contentStems(scope))),
    names: namesOf(text),
    ...strengthCounts(text),
  };
}

/**
 * Numbers with the content stems of the words around them (what quantity they measure): up to six
 * content words before and four after, within the sentence-sized window, so stop words such as
 * "a … of" do not crowd out the words that name the quantity.
 */
function locateNumbers(text: string): LocatedNumber[] {
  const out: LocatedNumber[] = [];
  let cursor = 0;
  for (const number of extractNumbers(text)) {
    const at = text.indexOf(number.text, cursor);
    if (at < 0) continue;
    cursor = at + number.text.length;
    const before = contentStems(text.slice(Math.max(0, at - 100), at))
      .filter((s) => !/\d/.test(s))
      .slice(-6);
    const after = contentStems(text.slice(cursor, cursor + 60))
      .filter((s) => !/\d/.test(s))
      .slice(0, 4);
    out.push({ number, context: new Set([...before, ...after]) });
  }
  return out;
}

/**
 * For each claimed number, the best evidence number measuring the same quantity: equal beats
 * within-rounding beats different. Same quantity = comparable units and shared context words.
 */
export function compareClaimNumbers(claim: TextInfo, evidence: TextInfo): NumericFinding[] {
  const findings: NumericFinding[] = [];
  for (const claimed of claim.numbers) {
    let best: NumericFinding | null = null;
    let bestRank = -1;
    for (const found of evidence.numbers) {
      const comparison = compareQuantities(claimed.number, found.number);
      if (comparison === 'incomparable') continue;
      const shared = [...claimed.context].filter((s) => found.context.has(s));
      const sameUnit = claimed.number.unit !== undefined && claimed.number.unit === found.number.unit;
      const converted = (claimed.number.unit === '%') !== (found.number.unit === '%');
      if (comparison !== 'equal' && shared.length === 0) continue;
      // A conflict needs strong evidence that both numbers measure one quantity: a stated shared
      // unit (or percent vs fraction) and at least two shared context words.
      if (comparison === 'different' && (!(sameUnit || converted) || shared.length < 2)) continue;
      const rank = (comparison === 'equal' ? 30 : comparison === 'within_rounding' ? 20 : 10) + shared.length;
      if (rank > bestRank) {
        bestRank = rank;
        best = { claimed: claimed.number, found: found.number, comparison, quantity: shared.join(' ') };
      }
    }
    if (best) findings.push(best);
  }
  return findings;
}

function idfSum(stems: Iterable<string>, idf: IdfLookup): number {
  let sum = 0;
  for (const s of stems) sum += idf(s);
  return sum;
}

export const SENTENCE_FEATURES = [
  'idf_recall',
  'recall',
  'precision',
  'bigram_recall',
  'bm25',
  'max_missing_idf',
  'log_length',
  'position',
  'is_last',
  'conclusion_cue',
  'numbers_agree',
  'numbers_differ',
  'relative_idf_recall',
  'inverse_rank',
] as const;

/** Per-sentence features for the rationale selector; `doc` is every sentence of the same document. */
export function sentenceFeatures(claim: TextInfo, doc: TextInfo[], idf: IdfLookup): number[][] {
  const claimIdf = idfSum(claim.stemSet, idf) || 1;
  const recalls = doc.map(
    (s) =>
      idfSum(
        [...claim.stemSet].filter((t) => s.stemSet.has(t)),
        idf,
      ) / claimIdf,
  );
  const bestRecall = Math.max(1e-6, ...recalls);
  const order = recalls.map((r, i) => ({ r, i })).sort((a, b) => b.r - a.r);
  const rank = new Array<number>(doc.length);
  order.forEach((o, k) => {
    rank[o.i] = k + 1;
  });
  const maxIdf = Math.max(1, ...[...claim.stemSet].map(idf));
  return doc.map((s, i) => {
    const shared = [...claim.stemSet].filter((t) => s.stemSet.has(t));
    const claimBigrams = claim.bigramSet.size || 1;
    const sharedBigrams = [...claim.bigramSet].filter((b) => s.bigramSet.has(b)).length;
    let bm25 = 0;
    const tf = new Map<string, number>();
    for (const t of s.stems) tf.set(t, (tf.get(t) ?? 0) + 1);
    const norm = 1.2 * (0.25 + (0.75 * s.stems.length) / 22);
    for (const t of claim.stemSet) {
      const f = tf.get(t) ?? 0;
      if (f > 0) bm25 += (idf(t) * f * 2.2) / (f + norm);
    }
    const missing = [...claim.stemSet].filter((t) => !s.stemSet.has(t)).map(idf);
    const numeric = compareClaimNumbers(claim, s);
    return [
      recalls[i]!,
      shared.length / (claim.stemSet.size || 1),
      shared.length / (s.stemSet.size || 1),
      sharedBigrams / claimBigrams,
      bm25 / claimIdf,
      (missing.length ? Math.max(...missing) : 0) / maxIdf,
      Math.log1p(s.stems.length),
      doc.length > 1 ? i / (doc.length - 1) : 0,
      i === doc.length - 1 ? 1 : 0,
      Math.min(1, s.conclusion),
      numeric.filter((n) => n.comparison !== 'different').length,
      numeric.filter((n) => n.comparison === 'different').length,
      recalls[i]! / bestRecall,
      1 / rank[i]!,
    ];
  });
}

export const DOC_FEATURES = [
  'max_p',
  'second_p',
  'sum_p',
  'count_p50',
  'top_idf_recall',
  'top_bigram_recall',
  'best_idf_recall',
  'document_idf_recall',
  'claim_negated',
  'evidence_negated',
  'negation_mismatch',
  'negation_mismatch_x_p',
  'claim_direction',
  'direction_product',
  'direction_product_x_p',
  'antonym_conflicts',
  'antonym_conflicts_x_p',
  'evidence_hedges',
  'numbers_equal',
  'numbers_within',
  'numbers_different',
  'claim_has_number',
  'claim_log_length',
  'claim_negated_x_p',
  'direction_agree',
  'direction_conflict',
  'direction_conflict_x_p',
  'top3_idf_recall',
  'evidence_null_result',
  'null_result_x_claim_negated',
  'claim_null_result',
  ...CLAIM_CUES.map(([name]) => `claim_cue_${name}`),
  'ratio_agree',
  'ratio_conflict',
  'polarity_product_top3',
  'polarity_conflict_top3',
  'negation_mismatch_top3',
  'antonym_conflicts_top3',
  'claim_direction_missing',
  'top_precision',
  'top_lcs',
  'top_missing_idf',
  'document_missing_idf',
  'top_bigram_precision',
  'margin_p',
  'scoped_negation_conflict',
  'scoped_negation_conflict_x_p',
  'name_missing',
  'name_swap',
  'claim_numbers_unmatched',
  'strength_gap',
] as const;

export interface DocumentAnalysis {
  features: number[];
  /** Sentence indices ordered best evidence first (by selector probability). */
  ranked: number[];
  probabilities: number[];
  numeric: NumericFinding[];
}

/**
 * Document features from selector probabilities and the stance of the top sentences (weighted by
 * how likely each is to be a rationale).
 */
export function documentFeatures(
  claim: TextInfo,
  doc: TextInfo[],
  title: TextInfo | null,
  sentenceMatrix: number[][],
  probabilities: number[],
  idf: IdfLookup,
): DocumentAnalysis {
  const ranked = probabilities.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || a.i - b.i);
  const top = ranked.slice(0, 2).filter((r, k) => k === 0 || r.p >= 0.25);
  const maxP = ranked[0]?.p ?? 0;
  const weightSum = top.reduce((s, r) => s + r.p, 0) || 1;
  let negMismatch = 0;
  let evNeg = 0;
  let dirProduct = 0;
  let antonyms = 0;
  let hedges = 0;
  let nulls = 0;
  for (const { p, i } of top) {
    const s = doc[i]!;
    const w = p / weightSum;
    evNeg += w * (negatedFor(claim, s) ? 1 : 0);
    negMismatch += w * (negatedFor(claim, s) !== claim.negated ? 1 : 0);
    dirProduct += w * claim.direction * s.direction;
    antonyms += w * Math.min(2, antonymConflicts(claim.stems, s.stemSet));
    hedges += w * Math.min(2, s.hedges);
    nulls += w * Math.min(1, s.nullResults);
  }
  const numeric: NumericFinding[] = [];
  for (const { i } of top) numeric.push(...compareClaimNumbers(claim, doc[i]!).map((n) => ({ ...n, sentence: i })));
  const claimIdf = idfSum(claim.stemSet, idf) || 1;
  // Direction by word class: the claim's up/down words against those in the top sentences.
  const claimDir = directionWords(claim.stems);
  const topStems = new Set(top.flatMap(({ i }) => doc[i]!.stems));
  const evDir = directionWords(topStems);
  const hasClaimDir = claimDir.up.size + claimDir.down.size > 0;
  const agree =
    hasClaimDir && ((claimDir.up.size > 0 && evDir.up.size > 0) || (claimDir.down.size > 0 && evDir.down.size > 0));
  const conflict =
    hasClaimDir &&
    !agree &&
    ((claimDir.up.size > 0 && evDir.down.size > 0) || (claimDir.down.size > 0 && evDir.up.size > 0));
  const top3 = new Set(ranked.slice(0, 3).flatMap(({ i }) => doc[i]!.stems));
  const top3Recall =
    idfSum(
      [...claim.stemSet].filter((t) => top3.has(t)),
      idf,
    ) / claimIdf;
  const lowerClaim = claim.text.toLowerCase();
  // Coverage of the claim anywhere in the document (title included when there is one): passages
  // handed to the verifier come without titles, so no feature may depend on a title existing.
  const everywhere = new Set([...(title?.stems ?? []), ...doc.flatMap((s) => s.stems)]);
  const documentRecall =
    idfSum(
      [...claim.stemSet].filter((t) => everywhere.has(t)),
      idf,
    ) / claimIdf;
  const topRow = ranked[0] ? sentenceMatrix[ranked[0].i]! : [];
  const features = [
    maxP,
    ranked[1]?.p ?? 0,
    probabilities.reduce((s, p) => s + p, 0),
    probabilities.filter((p) => p >= 0.5).length,
    topRow[0] ?? 0,
    topRow[3] ?? 0,
    Math.max(0, ...sentenceMatrix.map((row) => row[0]!)),
    documentRecall,
    claim.negated ? 1 : 0,
    evNeg,
    negMismatch,
    negMismatch * maxP,
    claim.direction,
    dirProduct,
    dirProduct * maxP,
    antonyms,
    antonyms * maxP,
    hedges,
    numeric.filter((n) => n.comparison === 'equal').length,
    numeric.filter((n) => n.comparison === 'within_rounding').length,
    numeric.filter((n) => n.comparison === 'different').length,
    claim.numbers.length > 0 ? 1 : 0,
    Math.log1p(claim.stems.length),
    (claim.negated ? 1 : 0) * maxP,
    agree ? 1 : 0,
    conflict ? 1 : 0,
    (conflict ? 1 : 0) * maxP,
    top3Recall,
    nulls,
    nulls * (claim.negated || claim.nullResults > 0 ? 1 : -1),
    Math.min(1, claim.nullResults),
    ...CLAIM_CUES.map(([, pattern]) => (pattern.test(lowerClaim) ? 1 : 0)),
    ...stanceFeatures(claim, doc, ranked, everywhere, idf, claimIdf),
    ...agreementFeatures(claim, doc, ranked),
  ];
  return { features, ranked: ranked.map((r) => r.i), probabilities, numeric };
}

/**
 * Whether an evidence sentence is negated as far as the claim is concerned: its negation must scope
 * over a word the claim uses. "They work best on our data – larger sizes did not improve results"
 * does not deny "they work best on our data".
 */
export function negatedFor(claim: TextInfo, sentence: TextInfo): boolean {
  if (!sentence.negated) return false;
  if (sentence.negatedStems.size === 0) return true;
  for (const t of sentence.negatedStems) if (claim.stemSet.has(t)) return true;
  return false;
}

/** Polarity of a text: its direction of effect, flipped when it is negated. */
const polarity = (t: TextInfo): number => (t.direction === 0 ? t.ratioDirection : t.direction) * (t.negated ? -1 : 1);

/** Longest common subsequence of two stem lists, as a share of the claim's length. */
function lcsRatio(claim: string[], sentence: string[]): number {
  if (claim.length === 0 || sentence.length === 0) return 0;
  let prev = new Array<number>(sentence.length + 1).fill(0);
  for (const c of claim) {
    const row = new Array<number>(sentence.length + 1).fill(0);
    for (let j = 0; j < sentence.length; j++)
      row[j + 1] = c === sentence[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!);
    prev = row;
  }
  return prev[sentence.length]! / claim.length;
}

/**
 * Stance over the three best sentences (each judged on its own, not pooled), effect-ratio direction
 * against the claim's direction, claim direction words absent from the document, and how closely
 * the best sentence restates the claim.
 */
function stanceFeatures(
  claim: TextInfo,
  doc: TextInfo[],
  ranked: { p: number; i: number }[],
  everywhere: Set<string>,
  idf: IdfLookup,
  claimIdf: number,
): number[] {
  const top3 = ranked.slice(0, 3).map(({ i }) => doc[i]!);
  const claimPolarity = claim.direction * (claim.negated ? -1 : 1);
  let ratio = 0;
  for (const s of top3) if (s.ratioDirection !== 0) ratio = ratio || s.ratioDirection;
  const ratioSigned = claimPolarity * ratio;
  let polaritySum = 0;
  let polarityConflict = 0;
  let negMismatch = 0;
  let antonyms = 0;
  for (const [k, s] of top3.entries()) {
    const w = k === 0 ? 1 : 0.5;
    const product = claimPolarity * polarity(s);
    polaritySum += w * product;
    if (product < 0) polarityConflict = Math.max(polarityConflict, w);
    if (negatedFor(claim, s) !== claim.negated) negMismatch = Math.max(negMismatch, w);
    antonyms = Math.max(antonyms, w * Math.min(2, antonymConflicts(claim.stems, s.stemSet)));
  }
  const claimDir = directionWords(claim.stems);
  const missingDir = [...claimDir.up, ...claimDir.down].filter((t) => !everywhere.has(t)).length;
  const best = top3[0];
  const shared = best ? [...claim.stemSet].filter((t) => best.stemSet.has(t)) : [];
  const bestMissing = best
    ? idfSum(
        [...claim.stemSet].filter((t) => !best.stemSet.has(t)),
        idf,
      ) / claimIdf
    : 1;
  const docMissing =
    idfSum(
      [...claim.stemSet].filter((t) => !everywhere.has(t)),
      idf,
    ) / claimIdf;
  const sharedBigrams = best ? [...best.bigramSet].filter((b) => claim.bigramSet.has(b)).length : 0;
  return [
    ratioSigned > 0 ? 1 : 0,
    ratioSigned < 0 ? 1 : 0,
    polaritySum,
    polarityConflict,
    negMismatch,
    antonyms,
    Math.min(2, missingDir),
    best ? shared.length / (best.stemSet.size || 1) : 0,
    best ? lcsRatio(claim.stems, best.stems) : 0,
    bestMissing,
    docMissing,
    best ? sharedBigrams / (best.bigramSet.size || 1) : 0,
    (ranked[0]?.p ?? 0) - (ranked[1]?.p ?? 0),
  ];
}

/**
 * Content stems the claim and a sentence share whose negation differs: a shared word inside a
 * negation's scope on one side only ("does not improve BLEU" vs "improves BLEU"). Counting only
 * shared, scoped words keeps a negation elsewhere in the sentence from reading as a contradiction.
 */
export function scopedNegationConflicts(claim: TextInfo, sentence: TextInfo): number {
  let conflicts = 0;
  for (const t of claim.stemSet) {
    if (!sentence.stemSet.has(t)) continue;
    if (claim.negatedStems.has(t) !== sentence.negatedStems.has(t)) conflicts++;
  }
  return conflicts;
}

/** Whether the weaker wording of the evidence was made stronger in the claim ("some" → "all", "may" → "does"). */
export function overstated(claim: TextInfo, sentence: TextInfo): boolean {
  return sentence.weak > claim.weak && claim.strong > sentence.strong;
}

/**
 * Agreement on what the claim names and quantifies: negation scoped over shared words in the best
 * sentences, the claim's names (dataset, model, metric, version) absent from the document, a name
 * swapped for another, claimed numbers with no matching value anywhere, and over-stated strength.
 */
function agreementFeatures(claim: TextInfo, doc: TextInfo[], ranked: { p: number; i: number }[]): number[] {
  const top3 = ranked.slice(0, 3);
  let scoped = 0;
  for (const [k, { i }] of top3.entries()) {
    const w = k === 0 ? 1 : 0.5;
    if (scopedNegationConflicts(claim, doc[i]!) > 0) scoped = Math.max(scoped, w);
  }
  const docNames = new Set(doc.flatMap((s) => [...s.names]));
  const missing = [...claim.names].filter((n) => !docNames.has(n));
  const best = ranked[0] ? doc[ranked[0].i]! : null;
  const extra = best ? [...best.names].filter((n) => !claim.names.has(n)) : [];
  let unmatched = 0;
  for (const claimed of claim.numbers) {
    const matched = doc.some((s) =>
      s.numbers.some((n) => {
        const c = compareQuantities(claimed.number, n.number);
        return c === 'equal' || c === 'within_rounding';
      }),
    );
    if (!matched) unmatched++;
  }
  return [
    scoped,
    scoped * (ranked[0]?.p ?? 0),
    claim.names.size > 0 ? missing.length / claim.names.size : 0,
    missing.length > 0 && extra.length > 0 ? 1 : 0,
    // Only a number the best sentence could contradict: it states numbers of its own.
    best && best.numbers.length > 0 && claim.numbers.length > 0 ? unmatched / claim.numbers.length : 0,
    best && overstated(claim, best) ? 1 : 0,
  ];
}
