/**
 * Lexical relevance of a claim to a research question (0–1): stemmed content-word overlap weighted
 * by IDF computed over the paper's own passages, a bonus for the question's key phrases found
 * verbatim, and a small synonym table so "program synthesis" answers a question about "code
 * generation".
 */

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours via using use used based show shows shown paper work study approach method methods propose proposed results result new does do how what which whether can effect effects impact`.split(
    /\s+/,
  ),
);

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

/** A light suffix-stripping stemmer: enough to meet "counting"/"counts"/"counted" at "count". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/sses$/, 'ss'],
    [/([^s])s$/, '$1'],
  ];
  for (const [re, to] of rules) {
    if (re.test(w)) {
      w = w.replace(re, to);
      break;
    }
  }
  const suffixes = [
    'ational',
    'ization',
    'isation',
    'fulness',
    'iveness',
    'ation',
    'ement',
    'ment',
    'ness',
    'ance',
    'ence',
    'able',
    'ible',
    'ings',
    'ing',
    'ity',
    'ive',
    'ize',
    'ise',
    'ed',
    'ly',
    'er',
    'al',
    'ic',
    'e',
  ];
  for (const suffix of suffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "running" → "runn" → "run"; "controlled" → "controll" → "control".
  if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

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
    .filter((t) => t.length > 1 && !STOPWORDS.has(t) && !/^\d+$/.test(t))
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
    if (STOPWORDS.has(word)) flush();
    else run.push(word);
  }
  flush();
  return out;
}

/** `phrase` in `text` as whole words, hyphens and spaces interchangeable (lower-case both first). */
export function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u').test(text);
}
