/**
 * A claim that repeats a sentence of the paper but with another name in one place: "the NCE features
 * are equivalent to …" where the paper says "the NNJM features are equivalent to …", "high unigram
 * F1" where it says "high unigram accuracy". Such a sentence is about another system, dataset or
 * metric, and it contradicts the claim as attributed; without this check its many shared words made
 * it the claim's support.
 *
 * Read by aligning the two texts word by word from both ends: what is left in the middle is the only
 * difference. It counts as a swap only when that difference is short, both sides name something (an
 * entity or a metric), the paper's side does not name the claim's thing anywhere in the sentence, and
 * the words around it agree for most of both texts. A paraphrase, or a claim that names what the
 * paper calls "our system", never qualifies.
 *
 * The same reading finds a figure given in place of another where only digits differ ("a similarity
 * score above 1.1" where the paper says "above 0.8", "𝛽3" for "𝛽0"): the number check compares only
 * figures that measure the same thing and never a bound, so these got past it. Citation brackets are
 * left out of the alignment: "[26, 104]" for "[31, 104]" cites another work, it states no other finding.
 */
import { compareQuantities, extractNumbers } from '../../core/numbers.ts';
import { mentionsEntity, readEntities, readMetrics } from './key-content.ts';

export interface EntitySwap {
  /** A name for another name, or a figure for another figure. */
  kind: 'name' | 'figure';
  /** What the claim names in that place. */
  claimed: string;
  /** What the paper's sentence names there instead. */
  found: string;
}

/** At most this many words on either side of the difference. */
const MAX_DIFFERENCE = 4;
/** The words around the difference must cover this share of each text. */
const MIN_SHARED = 0.7;

export function readEntitySwap(claim: string, sentence: string): EntitySwap | null {
  const a = words(claim);
  const b = words(sentence);
  if (a.length < 5 || b.length < 5) return null;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix]!.key === b[prefix]!.key) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix]!.key === b[b.length - 1 - suffix]!.key
  )
    suffix++;
  const claimedWords = a.slice(prefix, a.length - suffix);
  const foundWords = b.slice(prefix, b.length - suffix);
  if (claimedWords.length === 0 || foundWords.length === 0) return null;
  if (claimedWords.length > MAX_DIFFERENCE || foundWords.length > MAX_DIFFERENCE) return null;
  const shared = prefix + suffix;
  if (shared < MIN_SHARED * a.length || shared < MIN_SHARED * b.length) return null;

  const claimed = claimedWords.map((w) => w.text).join(' ');
  const found = foundWords.map((w) => w.text).join(' ');
  if (onlyDigitsDiffer(claimed, found)) {
    // "Table 2" for "Table 3" points elsewhere in the paper; it states no other figure.
    if (prefix > 0 && LABEL.test(a[prefix - 1]!.key)) return null;
    return differentFigures(claimed, found) ? { kind: 'figure', claimed, found } : null;
  }
  const claimedNames = namesIn(claimed, prefix === 0);
  const foundNames = namesIn(found, prefix === 0);
  if (claimedNames.length === 0 || foundNames.length === 0) return null;
  // The paper's sentence names the claim's thing elsewhere: not a swap ("BERT and RoBERTa").
  if (claimedNames.some((name) => mentionsEntity(sentence, name) || readMetrics(sentence).includes(name))) return null;
  if (foundNames.some((name) => mentionsEntity(claim, name) || readMetrics(claim).includes(name))) return null;
  return { kind: 'name', claimed, found };
}

const DIGITS = /\d+(?:[.,]\d+)*/g;
const LABEL = /^(?:table|tab|figure|fig|section|sec|§|eq|equation|appendix|chapter|step|line|page|p|pp)$/;

function onlyDigitsDiffer(claimed: string, found: string): boolean {
  return /\d/.test(claimed) && /\d/.test(found) && claimed.replace(DIGITS, '#') === found.replace(DIGITS, '#');
}

/** Not the same figure written otherwise (71.2 for 71.24 is the same at the claim's precision). */
function differentFigures(claimed: string, found: string): boolean {
  const a = extractNumbers(claimed);
  const b = extractNumbers(found);
  if (a.length === 1 && b.length === 1) {
    const comparison = compareQuantities(a[0]!, b[0]!);
    return comparison !== 'equal' && comparison !== 'within_rounding';
  }
  return claimed !== found;
}

/** Entities and metrics a stretch of words names (a capitalised first word of the text is no name). */
function namesIn(text: string, startsText: boolean): string[] {
  // Inside a sentence a capitalised word may be a name; at its start it is only capitalised.
  const entities = readEntities(startsText ? text : `x ${text}`); // "x" itself is never a name
  return [...entities, ...readMetrics(text)];
}

interface Word {
  text: string;
  /** Compared form: lower case, without the punctuation around it. */
  key: string;
}

function words(text: string): Word[] {
  return (text.replace(/\[[^\]]*\]/g, ' ').match(/\S+/g) ?? [])
    .map((token) => ({ text: token.replace(/^[("'“‘[]+|[)"'”’\],.;:!?]+$/gu, ''), key: '' }))
    .map((word) => ({ ...word, key: word.text.toLowerCase() }))
    .filter((word) => word.key !== '');
}
