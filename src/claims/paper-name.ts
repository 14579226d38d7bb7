/**
 * Finds what a paper calls its own contribution ("TableFormer", "OTSL", "AMDCN"), so that "we",
 * "our model" and "the proposed method" can be rewritten to a name a reader of one claim knows.
 */

export type ContributionKind = 'method' | 'dataset';

export interface PaperName {
  name: string;
  kind: ContributionKind;
}

/** A system name: CamelCase or an acronym, with at least two capitals or a capital plus digits. */
const NAME = `[A-Z][A-Za-z0-9]*(?:[A-Z0-9][A-Za-z0-9]*)+(?:[-+][A-Za-z0-9]+)*`;
const NAME_RE = new RegExp(`^${NAME}$`);
const DATASET_WORDS = /\b(?:data ?set|corpus|corpora|benchmark|collection|annotations?)\b/i;
const NOT_NAMES = new Set([
  'PDF',
  'PDFs',
  'HTML',
  'OCR',
  'CNN',
  'CNNs',
  'LSTM',
  'RNN',
  'GPU',
  'CPU',
  'API',
  'AI',
  'ML',
  'NLP',
  'URL',
  'JSON',
  'XML',
  'COCO',
  'IBM',
  'ACM',
  'IEEE',
  'TEDS',
  'MAP',
  'MAE',
  'MSE',
  'RMSE',
]);

const INTRO =
  /\b(?:we|this paper|this work)\s+(?:also\s+)?(?:propose|present|introduce|develop|developed|describe|release|call|name|contribute|design|designed)\b/gi;

/**
 * Looks, in order, at: a title "NAME: subtitle"; "we propose … called/named/dubbed/or NAME";
 * "we propose … (NAME)"; "we present NAME"; "henceforth … NAME". Abstract first, then the opening
 * of the full text.
 */
export function findPaperName(title: string, abstract: string | null, fullText: string): PaperName | null {
  const fromTitle = /^\s*(?:#+\s*)?([^:]{2,40}?)\s*:\s+\S/.exec(title.trim());
  const titleKind = DATASET_WORDS.test(title) ? 'dataset' : 'method';
  if (fromTitle) {
    const candidate = fromTitle[1]!.trim();
    if (candidate.split(/\s+/).length <= 3 && /^[A-Z]/.test(candidate) && /[A-Z].*[A-Z]|\d/.test(candidate)) {
      return { name: candidate, kind: titleKind };
    }
  }
  const opening = fullText.slice(0, Math.max(6000, Math.floor(fullText.length * 0.2)));
  for (const text of [abstract ?? '', opening]) {
    const found = nameInText(text);
    if (found) return found;
  }
  return null;
}

function nameInText(text: string): PaperName | null {
  INTRO.lastIndex = 0;
  let match = INTRO.exec(text);
  while (match !== null) {
    const sentenceEnd = text.slice(match.index).search(/[.!?](?:\s|$)/);
    const window = text.slice(match.index, sentenceEnd < 0 ? text.length : match.index + sentenceEnd);
    const name = pickName(window);
    if (name)
      return {
        name,
        kind: DATASET_WORDS.test(window.slice(0, window.indexOf(name) + name.length + 40)) ? 'dataset' : 'method',
      };
    match = INTRO.exec(text);
  }
  const henceforth = new RegExp(
    `\\b(?:henceforth|hereafter|referred to as|shortened as)\\b[^.]{0,60}?\\b(${NAME})\\b`,
  ).exec(text);
  if (henceforth && isName(henceforth[1]!)) return { name: henceforth[1]!, kind: 'method' };
  return null;
}

function pickName(window: string): string | null {
  const patterns = [
    new RegExp(`\\b(?:called|named|dubbed|termed|coined|or)\\s+(?:the\\s+)?["“]?(${NAME})`),
    new RegExp(`\\((${NAME})\\)`),
    new RegExp(`^\\S+\\s+\\S+\\s+(?:a\\s+|an\\s+|the\\s+)?(?:new\\s+|novel\\s+)?["“]?(${NAME})\\b`),
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(window);
    if (m && isName(m[1]!)) return m[1]!;
  }
  return null;
}

function isName(candidate: string): boolean {
  return NAME_RE.test(candidate) && !NOT_NAMES.has(candidate) && candidate.length >= 3;
}
