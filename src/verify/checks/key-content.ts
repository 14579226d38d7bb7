import { extractNumbers } from '../../core/numbers.ts';
import type { ClaimNumber } from '../../core/types.ts';
import { contentStems, stem, wordTokens } from '../tokenize.ts';

/**
 * The key content of a claim: what a quote must carry before it can support it. Entities (model,
 * method, dataset and its version, benchmark), metrics, and quantities. Topic words ("performance",
 * "results") are not key content: two sentences about the same topic do not state the same finding.
 */
export interface KeyContent {
  /** Normalised entity names ("xlm-r", "squad v2.0", "humaneval-x"), in claim order. */
  entities: string[];
  /** Metric names, canonical ("accuracy", "f1", "bleu", "pass@k"). */
  metrics: string[];
  quantities: ClaimNumber[];
  /** Content-word stems (for coverage of the rest of the claim). */
  stems: string[];
}

const METRICS: [RegExp, string][] = [
  [/\baccurac(?:y|ies)\b|\bacc\.?(?=\s|$)/i, 'accuracy'],
  [/\bF1\b|\bF-?score\b|\bF-measure\b/i, 'f1'],
  [/\bexact[- ]match\b|\bEM\b/, 'exact match'],
  [/\bBLEU\b/i, 'bleu'],
  [/\bROUGE(?:-[12L])?\b/i, 'rouge'],
  [/\bpass@\s?\d+\b/i, 'pass@k'],
  [/\bperplexit(?:y|ies)\b|\bPPL\b/i, 'perplexity'],
  [/\bAUC\b|\bAUROC\b|area under/i, 'auc'],
  [/\bprecision\b/i, 'precision'],
  [/\brecall\b/i, 'recall'],
  [/\bWER\b|word error rate/i, 'wer'],
  [/\bMAE\b|mean absolute error/i, 'mae'],
  [/\bMSE\b|mean squared error/i, 'mse'],
  [/\bRMSE\b/i, 'rmse'],
  [/\bMRR\b/i, 'mrr'],
  [/\bn?DCG\b/i, 'ndcg'],
  [/\bmAP\b/, 'map'],
  [/\bspearman\b|\bpearson\b|\bcorrelation\b/i, 'correlation'],
  [/\blatency\b|\bthroughput\b|\bspeed\b/i, 'speed'],
];

/** Capitalised words that start sentences or name roles, not entities. */
const COMMON_CAPITALISED = new Set(
  `The A An In On At For With Without By From To Of And Or But Our We They This That These Those It Its Their Table Figure Fig Section Appendix Compared Overall However Moreover Finally First Second Third Results Using Unlike Both Each All Most Some When While Although Across Also Further Furthermore Authors Paper Experiments Models Model`.split(
    /\s+/,
  ),
);

/**
 * Who said it, not what: "The CiteSee authors", "Lee et al. (2021)". Dropped before entities are read,
 * so attribution added by decontextualisation is not demanded of the quote.
 */
const ATTRIBUTION = [
  /\b(?:the\s+)?(?:[\p{Lu}][\p{L}\p{N}'’-]*\s+){1,4}authors\b/giu,
  /\b[\p{Lu}][\p{L}'’-]+(?:\s+(?:and|&)\s+[\p{Lu}][\p{L}'’-]+)?\s+et\s+al\.?(?:\s*\(\d{4}[a-z]?\))?/gu,
  /\b[\p{Lu}][\p{L}'’-]+\s+\(\d{4}[a-z]?\)/gu,
];

export function stripAttribution(text: string): string {
  let out = text;
  for (const pattern of ATTRIBUTION) out = out.replace(pattern, ' ');
  return out;
}

/** "v2.0", "version 2", "2.0" right after a name: part of the entity (SQuAD v2.0 ≠ SQuAD v1.1). */
const VERSION_AFTER = /^\s*(?:v(?:ersion)?\.?\s?\d+(?:\.\d+)*|\d+\.\d+)\b/i;

export function readKeyContent(text: string): KeyContent {
  const body = stripAttribution(text);
  return {
    entities: readEntities(body),
    metrics: readMetrics(body),
    quantities: extractNumbers(body),
    stems: contentStems(body),
  };
}

export function readMetrics(text: string): string[] {
  const out: string[] = [];
  for (const [pattern, name] of METRICS) if (pattern.test(text) && !out.includes(name)) out.push(name);
  return out;
}

/**
 * Entity-like tokens: acronyms and mixed-case names (XLM-R, RoBERTa, SQuAD, HumanEval-X, GPT-4),
 * capitalised words inside a sentence that are not common words, each with a version when one follows.
 */
export function readEntities(text: string): string[] {
  const out: string[] = [];
  const pattern = /[\p{L}\p{N}][\p{L}\p{N}@]*(?:[-–][\p{L}\p{N}@]+)*(?:\+\+|#)?/gu;
  for (const match of text.matchAll(pattern)) {
    const word = match[0];
    const index = match.index ?? 0;
    if (!isEntityWord(word, text, index)) continue;
    // "diastolic blood pressure (DBP)": an abbreviation defined in place is an alias, not new content.
    if (text[index - 1] === '(' && text[index + word.length] === ')' && /[\p{Ll}]\s*$/u.test(text.slice(0, index - 1))) continue;
    const version = VERSION_AFTER.exec(text.slice(index + word.length));
    const name = normaliseEntity(version ? `${word} ${version[0].trim()}` : word);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

function isEntityWord(word: string, text: string, index: number): boolean {
  if (/^\d+(?:[.,]\d+)*$/.test(word)) return false; // a number, read as a quantity
  if (word.length < 2) return false;
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return false;
  const upperInside = /\p{Lu}/u.test(word.slice(1));
  const hasDigitAndLetter = /\d/.test(word) && /\p{L}/u.test(word);
  if (upperInside || (hasDigitAndLetter && /\p{Lu}/u.test(word))) {
    // All-caps common words used for emphasis are rare in papers; metrics are read separately.
    return !readMetrics(word).length || /[-@]/.test(word);
  }
  if (!/^\p{Lu}/u.test(word) || COMMON_CAPITALISED.has(word)) return false;
  // A capitalised word at a sentence start is just the start of the sentence.
  const before = text.slice(0, index).trimEnd();
  return before !== '' && !/[.!?:;"“(]$/.test(before);
}

export function normaliseEntity(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[–‐]/g, '-')
    .replace(/\bversion\s?/g, 'v')
    .replace(/\bv\.?\s?(\d)/g, 'v$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Two-letter language codes as results tables abbreviate language pairs ("Ar-En" = "Arabic-English"). */
const LANGUAGES: Record<string, string> = {
  ar: 'arabic', zh: 'chinese', ch: 'chinese', de: 'german', en: 'english', es: 'spanish', fr: 'french',
  it: 'italian', ja: 'japanese', ko: 'korean', ru: 'russian', ro: 'romanian', cs: 'czech', fi: 'finnish',
  tr: 'turkish', hi: 'hindi', pt: 'portuguese', nl: 'dutch', et: 'estonian', lv: 'latvian', kk: 'kazakh',
};

/** "Ar-En" → "arabic-english", so a table's abbreviated pair meets the claim's spelled-out one. */
export function expandLanguagePairs(text: string): string {
  return text.replace(/\b([A-Z][a-z])\s?[-–→]\s?([A-Z][a-z])\b/g, (whole, a: string, b: string) => {
    const x = LANGUAGES[a.toLowerCase()];
    const y = LANGUAGES[b.toLowerCase()];
    return x && y ? `${x}-${y}` : whole;
  });
}

/** True when `text` names the entity: its words in order, ignoring case, hyphens and spacing. */
export function mentionsEntity(text: string, entity: string): boolean {
  const squash = (value: string) =>
    normaliseEntity(expandLanguagePairs(value)).replace(/[^\p{L}\p{N}@.+#]+/gu, '');
  const haystack = squash(text);
  const needle = squash(entity);
  if (needle === '') return true;
  if (haystack.includes(needle)) return true;
  // Plural or possessive forms of a single word entity ("BERT's", "Transformers").
  const words = wordTokens(text).map(stem);
  return !/\s/.test(entity) && words.includes(stem(entity.toLowerCase()));
}

/**
 * The base name of a versioned entity ("squad v2.0" → "squad"), so a quote naming another version of
 * the same dataset can be told apart from one that names no version at all.
 */
export function entityBase(entity: string): string {
  return entity.replace(/\s*v?\d+(?:\.\d+)*$/, '').trim();
}
