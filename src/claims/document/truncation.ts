import type { TruncationKind } from './document-types.ts';

/**
 * Whether a claim was cut off. Table cells and bullets are often written without a final period, so
 * missing punctuation alone only counts for prose; what always counts is an ellipsis, a dangling
 * word that needs a continuation ("the", "than", "by"), an unclosed bracket, a trailing comma or
 * hyphen, and a last word that is only the start of a word ("improves the accura").
 */

const DANGLING = new Set(
  `a an the of to and or but than that which who whose with without by for from in into on onto at as
  via over under between among versus vs while whereas because although though if when where whether
  is are was were be been being has have had its their our this these those such both either neither
  nor more less most least very per each every about against toward towards within across than`.split(/\s+/),
);

/** Words of scientific prose a cut-off fragment is often the start of, beyond the document's own words. */
const COMMON_WORDS = `accuracy accurate accurately achieve achieves achieved achieving across additional
  approximately baseline baselines benchmark benchmarks better compared comparison comparable consistent
  consistently considerably dataset datasets decrease decreases decreased demonstrate demonstrates
  effective effectiveness efficiency efficient evaluation evaluated evidence experiment experiments
  generalization generalisation generation improvement improvements improve improves improved improving
  increase increases increased language languages learning method methods model models multilingual
  outperform outperforms outperformed parameters percentage performance points precision previous
  programming question recall reduction reduces reduced relative respectively results robustness
  significant significantly similar state-of-the-art substantially support supports task tasks
  training translation translated underperforms validation variance`.split(/\s+/);

const SUFFIXES = new Set(
  `s es ed d ing er ers est ly ment ments al ally ation ations ion ions ness ity ive ives age ages able ably
  ful less ise ised ize ized ization ism ist ists ic ics y ies or ors ance ence ant ent`.split(/\s+/),
);

export interface TruncationOptions {
  /** Lower-case words known to be complete (the document's and its papers' vocabularies). */
  vocabulary?: ReadonlySet<string>;
  /** Prose sentences must end with terminal punctuation; cells and bullets need not. */
  requireTerminal?: boolean;
}

export function detectTruncation(text: string, options: TruncationOptions = {}): TruncationKind | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/(?:\.\.\.|…)["'”’)\]]*$/u.test(trimmed)) return 'mid-sentence';
  if (/[,;:\-–—/(&+=]$/u.test(trimmed)) return 'mid-sentence';
  if (!balanced(trimmed)) return 'mid-sentence';
  const terminal = /[.!?]["'”’)\]*_]*$/u.test(trimmed);
  if (terminal) return null;
  const lastWord = /([\p{L}][\p{L}'-]*)$/u.exec(trimmed)?.[1];
  if (lastWord) {
    const lower = lastWord.toLowerCase();
    if (isWordStart(lower, options.vocabulary)) return 'mid-word';
    if (DANGLING.has(lower)) return 'mid-sentence';
  }
  return options.requireTerminal ? 'mid-sentence' : null;
}

/** A fragment that is no word we know but starts a word we know: "accura" → "accuracy". */
function isWordStart(word: string, vocabulary: ReadonlySet<string> | undefined): boolean {
  if (word.length < 3 || DANGLING.has(word)) return false;
  if (vocabulary?.has(word) || COMMON_WORDS.includes(word)) return false;
  // "reach" starts "reaches" and "improve" starts "improvement": an inflection is no sign of a cut.
  const startsKnown = (known: string) =>
    known.length >= word.length + 2 && known.startsWith(word) && !SUFFIXES.has(known.slice(word.length));
  if (COMMON_WORDS.some(startsKnown)) return true;
  if (!vocabulary) return false;
  for (const known of vocabulary) if (startsKnown(known)) return true;
  return false;
}

function balanced(text: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in pairs) {
      if (stack.pop() !== pairs[ch]) return false;
    }
  }
  return stack.length === 0;
}

/**
 * Whole words of a text with how often each occurs, lower-cased: a word seen only once in the
 * document may be the cut-off fragment itself, so callers keep words seen at least twice (or
 * anywhere in the cited papers).
 */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
