/**
 * Whether a claim was cut off: the one rule claim extraction, the report guards and `litmus audit`
 * share. A claim is cut when it ends mid-word ("improves the accura"), mid-sentence (an ellipsis,
 * a trailing comma, a word that needs a continuation: "the", "than", "by"), on a number whose unit
 * or comparison is missing ("improves accuracy by 3.", "by 12"), or inside unclosed brackets or
 * quotes. Table cells and bullets are often written without a final period, so a missing period
 * only counts when the caller asks for a whole sentence (`requireTerminal`).
 */

export type TruncationKind = 'mid-word' | 'mid-sentence' | 'dangling-number' | 'unclosed';

export interface Truncation {
  kind: TruncationKind;
  /** Says what is cut, for a reader: "ends mid-word", "ends on a number without its unit", "unclosed parenthesis". */
  reason: string;
}

export interface TruncationOptions {
  /** Lower-case words known to be whole (the document's and its papers' vocabularies). */
  vocabulary?: ReadonlySet<string>;
  /** Prose sentences and extracted claims must end with terminal punctuation; cells and bullets need not. */
  requireTerminal?: boolean;
}

/** Words that cannot end a sentence: a claim ending on one lost its continuation. */
const DANGLING = new Set(
  `a an the of to and or but than that which who whose with without by for from in into on onto at as
  via over under between among versus vs while whereas because although though if when where whether
  is are was were be been being has have had its their our this these those such both either neither
  nor more less most least very per each every about against toward towards within across`.split(/\s+/),
);

/** Words of scientific prose a cut-off fragment is often the start of, beyond the caller's vocabulary. */
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

/** Endings that turn a whole word into another whole word: "reach" → "reaches" is no sign of a cut. */
const SUFFIXES = new Set(
  `s es ed d ing er ers est ly ment ments al ally ation ations ion ions ness ity ive ives age ages able ably
  ful less ise ised ize ized ization ism ist ists ic ics y ies or ors ance ence ant ent`.split(/\s+/),
);

const CLOSERS = /["'”’»)\]*_]+$/u;
const NUMBER = String.raw`[-+−]?\d+(?:[.,]\d+)*`;
const QUALIFIER = String.raw`(?:(?:about|around|nearly|roughly|approximately|almost|over|only|just|up to|more than|less than|at least|at most|as much as)\s+)?`;
/** "by 3", "by about 12": a change or gap whose unit ("points", "%") is gone. */
const BY_NUMBER = new RegExp(String.raw`\bby\s+${QUALIFIER}(${NUMBER})\.?$`, 'iu');
/** "reaches 71.", "scores 64": a result whose metric or unit is gone. */
const RESULT_NUMBER = new RegExp(
  String.raw`\b(?:reach(?:es|ed|ing)?|achiev(?:es|ed|ing|e)|attain(?:s|ed|ing)?|obtain(?:s|ed|ing)?|scor(?:es|ed|ing|e))\s+(?:an?\s+\w+\s+of\s+)?${QUALIFIER}(${NUMBER})\.?$`,
  'iu',
);
/** "an accuracy of 71.": a metric whose value lost its unit or decimals ("a batch size of 32." is whole). */
const METRIC_OF_NUMBER = new RegExp(
  String.raw`\b(?:accuracy|score|f1|bleu|rouge(?:-\w+)?|pass@\d+|precision|recall|error(?: rate)?|perplexity|gain|improvement|drop|increase|decrease|reduction|margin)\s+of\s+${QUALIFIER}(${NUMBER})\.?$`,
  'iu',
);
/** "rises to 71.": a change whose end point lost its unit; "from 64.2% to 71." too. */
const CHANGE_TO_NUMBER = new RegExp(
  String.raw`\b(?:ris(?:es|e|ing)|rose|increas(?:es|ed|ing|e)|improv(?:es|ed|ing|e)|grow(?:s|ing)?|grew|drop(?:s|ped|ping)?|fall(?:s|ing)?|fell|decreas(?:es|ed|ing|e)|reduc(?:es|ed|ing|e)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|boost(?:s|ed|ing)?|rais(?:es|ed|ing|e)|lower(?:s|ed|ing)?|goes|went)\b(?:[^.;]|\.(?=\d))*?\bto\s+${QUALIFIER}(${NUMBER})\.?$`,
  'iu',
);

/**
 * Returns how a claim is cut off, or null when it reads as complete. Years ("in 2020."), labels
 * ("Table 2."), attached numbers ("pass@1.", "v2.") and "from 64.2 to 71.8." ranges are complete.
 */
export function findTruncation(text: string, options: TruncationOptions = {}): Truncation | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/(?:\.\.\.|…)["'”’)\]]*$/u.test(trimmed)) return cut('mid-sentence', 'ends with an ellipsis');
  const unclosed = unclosedBracket(trimmed);
  if (unclosed) return cut('unclosed', unclosed);
  const sign = { ',': 'a comma', ';': 'a semicolon', ':': 'a colon' }[trimmed.slice(-1)];
  if (sign) return cut('mid-sentence', `ends on ${sign}`);
  if (/[-–—/(&+=]$/u.test(trimmed)) return cut('mid-sentence', 'ends on a connecting sign');
  const number = danglingNumber(trimmed);
  if (number) return cut('dangling-number', `ends on a number without its unit ("${number}")`);
  const terminal = /[.!?]$/u.test(trimmed.replace(CLOSERS, ''));
  if (terminal) return null;
  const lastWord = /([\p{L}][\p{L}'-]*)$/u.exec(trimmed)?.[1];
  if (lastWord) {
    const lower = lastWord.toLowerCase();
    if (isWordStart(lower, options.vocabulary)) return cut('mid-word', `ends mid-word ("${lastWord}")`);
    if (DANGLING.has(lower)) return cut('mid-sentence', `ends on "${lastWord}", which needs a continuation`);
  }
  return options.requireTerminal ? cut('mid-sentence', 'does not end with terminal punctuation') : null;
}

/** True when `findTruncation` finds the text cut off. */
export function isTruncated(text: string, options: TruncationOptions = {}): boolean {
  return findTruncation(text, options) !== null;
}

function cut(kind: TruncationKind, reason: string): Truncation {
  return { kind, reason };
}

/** The closing phrase ("by 3.", "an accuracy of 68.") when the text ends on a number that lost its unit. */
function danglingNumber(text: string): string | null {
  const body = text.replace(/["”’»]+$/u, '');
  if (!/\d\.?$/u.test(body)) return null;
  const last = /(\S+?)\.?$/u.exec(body)?.[1] ?? '';
  // "2020." and "(2020)." are years; "pass@1", "v2", "top-5", "x2" carry their own label.
  if (/^(?:19|20)\d\d$/.test(last) || !/^[-+−]?\d[\d.,]*$/u.test(last)) return null;
  const simple = BY_NUMBER.exec(body) ?? RESULT_NUMBER.exec(body) ?? METRIC_OF_NUMBER.exec(body);
  if (simple) return simple[0];
  const change = CHANGE_TO_NUMBER.exec(body);
  if (!change) return null;
  // "from 64.2 to 71.8." is a whole range; "from 64.2% to 71." lost the second unit.
  const from = new RegExp(String.raw`\bfrom\s+${QUALIFIER}${NUMBER}(\s*(?:%|points?|pp)?)\s+to\s+\S+$`, 'iu').exec(
    body,
  );
  if (from && from[1]!.trim() === '') return null;
  return from?.[0] ?? `to ${last}`;
}

/** Which bracket or quote is left open, as a reason; null when all close in order. */
function unclosedBracket(text: string): string | null {
  const names: Record<string, string> = { '(': 'parenthesis', '[': 'bracket', '{': 'brace' };
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const ch of text) {
    if (ch in names) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return `unmatched "${ch}"`;
  }
  if (stack.length > 0) return `unclosed ${names[stack[stack.length - 1]!]}`;
  const opens = (text.match(/“/g) ?? []).length;
  const closes = (text.match(/”/g) ?? []).length;
  if (opens > closes || ((text.match(/"/g) ?? []).length & 1) === 1) return 'unclosed quotation';
  return null;
}

/** A fragment that is no word we know but starts a word we know: "accura" → "accuracy". */
function isWordStart(word: string, vocabulary: ReadonlySet<string> | undefined): boolean {
  if (word.length < 3 || DANGLING.has(word)) return false;
  if (vocabulary?.has(word) || COMMON_WORDS.includes(word)) return false;
  const startsKnown = (known: string) =>
    known.length >= word.length + 2 && known.startsWith(word) && !SUFFIXES.has(known.slice(word.length));
  if (COMMON_WORDS.some(startsKnown)) return true;
  if (!vocabulary) return false;
  for (const known of vocabulary) if (startsKnown(known)) return true;
  return false;
}

/**
 * Whole words of a text with how often each occurs, lower-cased: a word seen only once in a
 * document may be the cut-off fragment itself, so callers keep words seen at least twice (or
 * anywhere in the cited papers) as the vocabulary.
 */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
