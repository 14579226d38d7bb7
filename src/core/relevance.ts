/**
 * Lexical relevance of a claim to a research question (0–1): stemmed content-word overlap weighted
 * by IDF computed over the paper's own passages, a bonus for the question's key phrases found
 * verbatim, and a small synonym table so "program synthesis" answers a question about "code
 * generation".
 */
import { NEGATION_WORDS, STOP_WORDS, stem } from './words.ts';

/**
 * Words a research question uses to ask, not to say what about ("What is the effect of … shown in
 * papers using …"): left out of relevance on top of the shared stop words.
 */
const QUESTION_WORDS = new Set(
  'what which how whether show shows shown paper work study approach method methods propose proposed results result new effect effects impact using use used based'.split(
    ' ',
  ),
);
const isStopWord = (word: string) => STOP_WORDS.has(word) || NEGATION_WORDS.has(word) || QUESTION_WORDS.has(word);

/** Groups of interchangeable phrases (lower-case, as written in prose). */
const SYNONYM_GROUPS: string[][] = [
  ['code generation', 'program synthesis', 'code synthesis', 'program generation'],
  ['multilingual', 'cross-lingual', 'crosslingual', 'non-english', 'multiple languages', 'language agnostic'],
  [
    'fine-tuning',
    'finetuning',
    'fine tuning',
    'intermediate-task training',
    'intermediate task training',
    'transfer learning',
  ],
  ['large language model', 'llm', 'foundation model', 'pretrained language model'],
  [
    'table structure recognition',
    'table-structure identification',
    'table structure decomposition',
    'table-structure decomposition',
  ],
  ['document layout analysis', 'layout segmentation', 'layout detection', 'document-layout analysis'],
  ['counting', 'count estimation', 'density estimation'],
  ['accuracy', 'performance', 'score'],
  ['dataset', 'data set', 'corpus', 'benchmark'],
  ['speed', 'inference time', 'latency', 'run-time', 'runtime', 'throughput'],
  ['outperform', 'better than', 'improve', 'surpass', 'beat', 'state-of-the-art'],
  ['object detection', 'object-detection', 'detector'],
  ['transformer', 'attention'],
  ['ocr', 'optical character recognition'],
];

export { stem } from './words.ts';

/** Other wordings of a phrase, from the synonym table (empty when it has none). */
export function synonymsOf(phrase: string): string[] {
  const lower = phrase.toLowerCase();
  const group = SYNONYM_GROUPS.find((g) => g.some((p) => p === lower || containsPhrase(lower, p)));
  if (!group) return [];
  const matched = group.find((p) => p === lower || containsPhrase(lower, p))!;
  // Replace the matched part, so "non-English code generation" → "non-English program synthesis".
  return group.filter((p) => p !== matched).map((p) => lower.replace(matched, p));
}

export function contentStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [])
    .flatMap((token) => (token.includes('-') ? [token, ...token.split('-')] : [token]))
    .filter((t) => t.length > 1 && !isStopWord(t) && !/^\d+$/.test(t))
    .map(stem);
}

export interface RelevanceScorer {
  /** 0–1 lexical relevance of `text` to the question. */
  score(text: string): number;
}

interface WeightedTerm {
  stem: string;
  weight: number;
}

/** IDF over the paper's own passages: words the whole paper uses ("table") count for less. */
export function buildIdf(documents: string[]): (stem: string) => number {
  const df = new Map<string, number>();
  for (const doc of documents) {
    for (const s of new Set(contentStems(doc))) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const n = documents.length;
  return (s: string) => Math.log((n + 1) / ((df.get(s) ?? 0) + 1)) + 1;
}

export function createRelevanceScorer(question: string, documents: string[]): RelevanceScorer {
  const idf = buildIdf(documents);
  const questionLower = question.toLowerCase();
  const terms = new Map<string, number>();
  for (const s of contentStems(question)) terms.set(s, 1);
  // Key phrases: the question's own multi-word runs plus synonyms of any group it mentions.
  const phrases = new Set<string>(questionPhrases(question));
  for (const group of SYNONYM_GROUPS) {
    if (!group.some((p) => containsPhrase(questionLower, p))) continue;
    for (const phrase of group) {
      phrases.add(phrase);
      for (const s of contentStems(phrase)) if (!terms.has(s)) terms.set(s, 0.6);
    }
  }
  const weighted: WeightedTerm[] = [...terms].map(([s, w]) => ({ stem: s, weight: w * idf(s) }));
  // Normalise by the original question's terms only, so synonyms can add but never dilute.
  const total = weighted.filter((t) => terms.get(t.stem) === 1).reduce((sum, t) => sum + t.weight, 0);
  const phraseList = [...phrases];

  return {
    score(text: string): number {
      if (total === 0) return 0;
      const stems = new Set(contentStems(text));
      let hit = 0;
      for (const term of weighted) if (stems.has(term.stem)) hit += term.weight;
      const lower = text.toLowerCase();
      const phraseHits = phraseList.filter((p) => containsPhrase(lower, p)).length;
      const overlap = Math.min(1, hit / total);
      const phraseBonus = Math.min(0.3, 0.15 * phraseHits);
      return Math.min(1, overlap * 0.85 + phraseBonus);
    },
  };
}

/** Runs of two or three adjacent content words of the question ("table structure recognition"). */
function questionPhrases(question: string): string[] {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    for (let size = 2; size <= 3; size++) {
      for (let i = 0; i + size <= run.length; i++) out.push(run.slice(i, i + size).join(' '));
    }
    run = [];
  };
  for (const word of words) {
    if (isStopWord(word)) flush();
    else run.push(word);
  }
  flush();
  return out;
}

/** `phrase` in `text` as whole words, hyphens and spaces interchangeable (lower-case both first). */
export function containsPhrase(text: string, phrase: string): boolean {
  return phrasePattern(phrase).test(text);
}

// Phrases come from a fixed synonym list and the question: one compiled pattern each, built once
// (a report asks about the same few phrases for every passage and claim).
const phrasePatterns = new Map<string, RegExp>();

function phrasePattern(phrase: string): RegExp {
  let pattern = phrasePatterns.get(phrase);
  if (!pattern) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
    pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u');
    if (phrasePatterns.size >= 4096) phrasePatterns.clear();
    phrasePatterns.set(phrase, pattern);
  }
  return pattern;
}
