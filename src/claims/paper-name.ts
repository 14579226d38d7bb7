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
  // "Our system ParaSempre improves …": the paper's own system, named after its noun.
  const own = new RegExp(
    `\\b(?:[Oo]ur|[Tt]he proposed)\\s+(?:system|model|method|approach|framework|parser|tool|network|algorithm|corpus|dataset)\\s+(${NAME})\\b`,
  ).exec(text);
  if (own && isName(own[1]!)) return { name: own[1]!, kind: DATASET_WORDS.test(own[0]) ? 'dataset' : 'method' };
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

/**
 * How a claim names a paper when it has no name of its own: "Lee et al. (2021)", "Berant and Liang
 * (2014)", "Smith (2020)"; the year only when known. Null without authors: a claim then says "the
 * authors", never the full title.
 */
export function shortCitation(authors: readonly { name: string }[] | undefined, year: number | null): string | null {
  const surnames = (authors ?? []).map((a) => surname(a.name)).filter((s): s is string => s !== null);
  if (surnames.length === 0) return null;
  const names =
    surnames.length === 1
      ? surnames[0]!
      : surnames.length === 2
        ? `${surnames[0]} and ${surnames[1]}`
        : `${surnames[0]} et al.`;
  return year === null ? names : `${names} (${year})`;
}

/** The year of an ISO date ("2021-03-04" → 2021), null when there is none. */
export function yearOf(date: string | null | undefined): number | null {
  const match = /^(\d{4})/.exec(date ?? '');
  return match ? Number(match[1]) : null;
}

/** "TAL AUGUST" → "August", "Lucy Lu Wang" → "Wang", "Wang, Lucy" → "Wang", "J. Devlin Jr." → "Devlin". */
function surname(name: string): string | null {
  const cleaned = name.replace(/[\d*†‡§¶,]+$/u, '').trim();
  if (cleaned.length === 0) return null;
  const commaFirst = /^([^,]+),/.exec(cleaned);
  const words = (commaFirst ? commaFirst[1]! : cleaned)
    .split(/\s+/)
    .filter((w) => !/^(?:jr\.?|sr\.?|ii|iii|iv|phd|md)$/i.test(w));
  const last = commaFirst ? words.join(' ') : words.at(-1);
  if (!last || !/\p{L}/u.test(last)) return null;
  // Upper-case author lines (ACM style) read better in title case.
  return last === last.toUpperCase() ? last.charAt(0) + last.slice(1).toLowerCase() : last;
}
