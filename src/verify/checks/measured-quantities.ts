import { compareQuantities, extractNumbers, type QuantityComparison } from '../../core/numbers.ts';
import type { ClaimNumber } from '../../core/types.ts';
import { stem, wordTokens } from '../tokenize.ts';
import { readMetrics } from './key-content.ts';

/**
 * A number with what it measures. "2 epochs" and "1.6 BLEU" are both numbers but not the same kind
 * of quantity, so they are never compared; "+8.4 points" is a change, "71.8" a level.
 */
export interface MeasuredQuantity {
  number: ClaimNumber;
  /** Stems of the noun phrase right after the number ("epochs" → ["epoch"]), or of the metric before it. */
  measure: string[];
  /** Metrics named near the number. */
  metrics: string[];
  kind: 'change' | 'level' | 'unknown';
  /** "less than 6 months", "at least 3": a bound, not a value; never compared for equality. */
  bound: boolean;
  /** A calendar year ("in 2001"): a date, not a measured figure. */
  year: boolean;
  /** Counted things (epochs, layers, papers, GPUs) rather than scores. */
  count: boolean;
}

const SCORE_UNITS = new Set(['%', 'pp', 'points']);
const CHANGE_BEFORE =
  /(?:\bby|\bgains?\s+of|\bimprovements?\s+of|\bincreases?\s+of|\bdrops?\s+of|\bdecreases?\s+of|\breductions?\s+of|[+±]|\bup to)\s*$/i;
const LEVEL_BEFORE = /(?:\bof|\bto|\breach(?:es|ed)?|\bachiev(?:es|ed)?|=|:|\bscores?)\s*$/i;
const MEASURE_STOP = new Set(['and', 'or', 'on', 'in', 'of', 'for', 'with', 'than', 'over', 'the', 'a', 'an', 'to', 'at', 'by', 'while', 'which', 'that', 'from']);

const SPELLED: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40,
  fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** A written-out count followed by what it counts ("five components"; not "two-thirds", "seventy-five"). */
const SPELLED_COUNT = new RegExp(`\\b(${Object.keys(SPELLED).join('|')})\\b(?![-–])(?=\\s+\\p{L})`, 'giu');

/** "less than", "at least", "about" … right before a figure: a bound or an estimate, not a value. */
const BOUND_BEFORE =
  /(?:\b(?:less|more|fewer|greater|lower|higher|larger|smaller)\s+than|\bat\s+(?:least|most)|\bup\s+to|\bover|\bunder|\babove|\bbelow|\bapproximately|\babout|\baround|\bnearly|\balmost|[<>≤≥~≈])\s*$/i;

/** Stems of the noun phrase right after a figure, up to a preposition or another figure ("epochs" → ["epoch"]). */
function measureAfter(after: string): string[] {
  const measure: string[] = [];
  for (const token of wordTokens(after).slice(0, 3)) {
    if (MEASURE_STOP.has(token) || /^\d/.test(token)) break;
    measure.push(stem(token));
  }
  return measure;
}

export function readMeasuredQuantities(text: string): MeasuredQuantity[] {
  const out: (MeasuredQuantity & { at: number })[] = [];
  let searchFrom = 0;
  for (const number of extractNumbers(text)) {
    const at = text.indexOf(number.text, searchFrom);
    const index = at >= 0 ? at : searchFrom;
    searchFrom = at >= 0 ? at + number.text.length : searchFrom;
    const before = text.slice(Math.max(0, index - 40), index);
    const after = text.slice(index + number.text.length, index + number.text.length + 40);
    const measure = measureAfter(after);
    const metrics = readMetrics(`${before.slice(-25)} ${number.text} ${after.slice(0, 25)}`);
    const unit = number.unit;
    const isScore = unit !== undefined && SCORE_UNITS.has(unit);
    const count = !isScore && metrics.length === 0 && measure.length > 0 && !/^(?:point|percent|pp)/.test(measure[0]!);
    const kind = CHANGE_BEFORE.test(before) || /^[+]/.test(number.text) || unit === 'pp'
      ? 'change'
      : LEVEL_BEFORE.test(before)
        ? 'level'
        : 'unknown';
    const bound = BOUND_BEFORE.test(before);
    const year = /^(?:19|20)\d{2}$/.test(number.text) && number.unit === undefined;
    // "BRCA 1", "Type 1 diabetes", "Phase 3": a small integer right after a name is part of the name.
    if (/^\d$/.test(number.text) && (/\b\p{Lu}[\p{L}\d-]*\s*$/u.test(before) || /\b(?:type|phase|stage|grade|class|group|level|step|round|version|v)\s*$/i.test(before)))
      continue;
    out.push({ number, measure, metrics, kind, count, bound, year, at: index });
  }
  // "two non-septic controls", "five components": a count written out is a count too.
  for (const match of text.matchAll(SPELLED_COUNT)) {
    const word = match[1]!;
    const at = match.index ?? 0;
    const before = text.slice(Math.max(0, at - 40), at);
    const measure = measureAfter(text.slice(at + word.length, at + word.length + 40));
    if (measure.length === 0) continue;
    const bound = BOUND_BEFORE.test(before);
    out.push({ number: { value: SPELLED[word.toLowerCase()]!, text: word }, measure, metrics: [], kind: 'unknown', count: true, bound, year: false, at });
  }
  out.sort((a, b) => a.at - b.at);
  return out.map(({ at: _at, ...quantity }) => quantity);
}

/**
 * Whether two quantities measure the same thing closely enough to compare: same kind of unit, the
 * same counted noun when either counts something, the same metric when both name one, and not a
 * change against a level.
 */
export function sameMeasure(a: MeasuredQuantity, b: MeasuredQuantity): boolean {
  if (a.count || b.count) {
    if (!(a.count && b.count)) return false;
    return a.measure[0] === b.measure[0] || a.measure.some((m) => b.measure.includes(m));
  }
  if (a.metrics.length > 0 && b.metrics.length > 0 && !a.metrics.some((m) => b.metrics.includes(m))) return false;
  if (a.kind !== 'unknown' && b.kind !== 'unknown' && a.kind !== b.kind) return false;
  return compareQuantities(a.number, b.number) !== 'incomparable';
}

export function compareMeasured(claimed: MeasuredQuantity, found: MeasuredQuantity): QuantityComparison {
  if (!sameMeasure(claimed, found)) return 'incomparable';
  if (claimed.bound || found.bound || claimed.year !== found.year) {
    const result = compareQuantities(claimed.number, found.number);
    return result === 'different' ? 'incomparable' : result;
  }
  return compareQuantities(claimed.number, found.number);
}
