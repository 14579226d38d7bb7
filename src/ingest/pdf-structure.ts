/**
 * Structure found in the lines of an extracted PDF: section headings (numbered, appendix letters and
 * keyword headings such as Abstract/References), reference-entry starts, and a title guess.
 * Works on plain lines: pdf-parse gives no font information for headings, so validity comes from
 * the numbering sequence (1, 2, 2.1, 2.2, 3 …; A, B, B.1 …) and from what a heading looks like.
 */
import { collapseLine } from './normalize-text.ts';

export type HeadingKind = 'numbered' | 'appendix' | 'abstract' | 'references' | 'keyword';

export interface Heading {
  /** Index of the heading's first line; `lineCount` lines make it up (a long heading may wrap). */
  line: number;
  lineCount: number;
  label: string;
  /** 1 for top-level headings (and keyword headings), 2 for `3.2`, … */
  level: number;
  kind: HeadingKind;
  /** For an inline heading (`Abstract—We present …`), where the body starts inside the line. */
  inlineBodyAt?: number;
  /** A run-in heading (`6.1.1 Participants. We recruited …`): its line is body text too. */
  runIn?: boolean;
}

const FUNCTION_WORD_END = /\b(?:a|an|the|of|for|and|or|in|on|with|to|from|by|at|as|via|its|their|other|vs\.?)$/i;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+((?:\[\p{Lu}[\p{L}\d]*\]\s*)?\p{Lu}.*)$/u;
const LETTERED = /^([A-Z])((?:\.\d{1,2}){0,2})\.?\s+(\p{Lu}.*)$/u;
const KEYWORD =
  /^(abstract|references|bibliography|acknowledge?ments?|ccs concepts|keywords|index terms|appendix|appendices|supplementary material)\s*:?$/i;
const INLINE_KEYWORD = /^(abstract|keywords|index terms|ccs concepts)\s*(?:[.:—–-]\s*|\s+(?=\p{Lu}))(?=\S)/iu;

function looksLikeHeadingTitle(title: string, maxWords = 16): boolean {
  const words = title.split(' ');
  // Up to 16 words: HCI papers title sections with questions ("7.3 Do we observe any difference in …?").
  if (words.length > maxWords || title.length > maxWords * 9) return false;
  if (/[.,;:]$/.test(title) && !/\bet al\.$/.test(title)) return false;
  if (/[=<>|]|\[\d|\d{3,}/.test(title)) return false; // formulae, citations, table figures
  const letters = (title.match(/\p{L}/gu) ?? []).length;
  return letters >= Math.max(2, title.replace(/\s/g, '').length * 0.6);
}

function keywordKind(label: string): HeadingKind {
  const lower = label.toLowerCase();
  if (lower.startsWith('abstract')) return 'abstract';
  if (/^(?:references|bibliography)/.test(lower)) return 'references';
  if (/^(?:appendix|appendices|supplementary)/.test(lower)) return 'appendix';
  return 'keyword';
}

interface Candidate {
  numbers: (number | string)[];
  label: string;
  lineCount: number;
}

/**
 * A numbered/lettered candidate at line i, merging a wrapped second line when the first ends mid-phrase.
 * `lines` are collapsed (collapseLine), as in the helpers below.
 */
function candidateAt(lines: readonly string[], i: number, pattern: RegExp): Candidate | null {
  const first = lines[i]!;
  const tryLabel = (label: string, lineCount: number): Candidate | null => {
    const match = pattern.exec(label);
    if (!match) return null;
    const title = match[match.length - 1]!;
    if (!looksLikeHeadingTitle(title) || FUNCTION_WORD_END.test(title)) return null;
    const numbers =
      pattern === LETTERED
        ? [match[1]!, ...(match[2] ?? '').split('.').filter(Boolean).map(Number)]
        : match[1]!.split('.').map(Number);
    return { numbers, label, lineCount };
  };
  const lineAt = (k: number): string => lines[k] ?? '';
  const previous = lineAt(i - 1);
  // A heading does not continue a phrase ("PaCaPa:" + title line of a reference) nor run on into
  // lower-case text ("3.2.2. Beyond the comparison …, we will also" + "compare to …").
  // A common section name on a line of its own ("3.2 Results") is a heading whatever surrounds it
  // (a caption ending in ":", the other column's lower-case text).
  const common = COMMON_SECTION.test(first.replace(/^[\dA-Z](?:[\d.]*)\s+/, ''));
  if (common && pattern === NUMBERED) {
    const single = tryLabel(first, 1);
    if (single) return single;
  }
  if (/[:,\-–]$/.test(previous)) return null;
  const startsLower = (k: number): boolean => /^\p{Ll}/u.test(lineAt(k));
  const next = lineAt(i + 1);
  const canWrap = pattern.test(first) && next !== '' && next.split(' ').length <= 6 && !/[.,;:]$/.test(next);
  const isCapsPair =
    canWrap && first === first.toUpperCase() && next === next.toUpperCase() && /^\p{Lu}{2}[^\d]*$/u.test(next);
  if (canWrap && (first.endsWith('-') || isCapsPair || FUNCTION_WORD_END.test(first))) {
    const merged = tryLabel(first.endsWith('-') ? `${first.slice(0, -1)}${next}` : `${first} ${next}`, 2);
    if (merged && (isCapsPair || !startsLower(i + 2))) return merged;
  }
  // A Title-Case heading wrapped before its last word or two ("4.5 [D3] Paper Cards with Personalized"
  // + "Context"), followed by prose: a figure's labels, the other short lines that follow headings,
  // come in runs of short lines instead.
  const after = nextText(lines, i + 2);
  const isTail = isTitleCase(next) && next.split(' ').length <= 3 && !SECTION_NUMBER.test(next);
  if (canWrap && isTail && isTitleCase(first) && after.split(' ').length >= 6) {
    const merged = tryLabel(`${first} ${next}`, 2);
    if (merged && !/^\p{Ll}/u.test(after)) return merged;
  }
  const single = tryLabel(first, 1);
  return single && !first.endsWith('-') && !startsLower(i + 1) ? single : null;
}

/** Section names common enough to trust on their own line. */
const COMMON_SECTION =
  /^(?:introduction|background|related work|methods?|methodology|approach|experiments?|experimental (?:setup|results)|setup|results?|results and discussion|discussion|analysis|evaluation|ablations?(?: stud(?:y|ies))?|limitations|conclusions?|future work|datasets?|baselines|implementation(?: details)?)$/i;

/** A line that opens with a section number or appendix letter: a heading of its own, never a tail. */
const SECTION_NUMBER = /^(?:\d{1,2}|[A-Z])(?:\.\d{1,2})*\.?\s/;

/** The next non-empty line from k on (footnote lines come in blank). */
function nextText(lines: readonly string[], k: number): string {
  for (let j = k; j < lines.length && j < k + 4; j++) {
    const text = lines[j]!;
    if (text) return text;
  }
  return '';
}

/** Every word capitalised (or a function word, a number, a bracketed tag): a heading's casing. */
function isTitleCase(text: string): boolean {
  return text
    .replace(/^[\d.]+\s+/, '')
    .split(' ')
    .every((word) => /^[\p{Lu}\d[(]/u.test(word) || FUNCTION_WORD_END.test(word));
}

/** A run-in heading ("6.1.1 Participants. We recruited …"): a number, a short title ending in a full stop. */
const RUN_IN = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\p{Lu}.*?[.?!])(?:\s+(?=[\p{Lu}“"(])|$)/u;

function runInAt(lines: readonly string[], i: number, afterHeading: boolean): (Candidate & { bodyAt: number }) | null {
  const line = lines[i]!;
  const match = RUN_IN.exec(line);
  if (!match) return null;
  const previous = i > 0 ? lines[i - 1]! : '';
  // "… in Section" + "3.2.2. Beyond …" is a reference running on, not a heading.
  if (!afterHeading && /[\p{Ll},;:\-–]$/u.test(previous)) return null;
  const title = match[2]!.replace(/\.$/, '');
  if (/\b(?:e\.g|i\.e|al|vs|cf|Fig|Eq|Sec)$/.test(title) || !looksLikeHeadingTitle(title, 20)) return null;
  return {
    numbers: match[1]!.split('.').map(Number),
    label: `${match[1]} ${title}`,
    lineCount: 1,
    bodyAt: match[0].length,
  };
}

/**
 * Finds headings in document order. A numbered heading is accepted only when it continues the
 * numbering (next top-level number within +2, first child 1 or 2, next sibling within +2), which
 * rejects list items, table rows and footnotes that happen to start with a number.
 */
export function detectHeadings(lines: readonly string[]): Heading[] {
  // Collapsed once: the helpers below look at each line and its neighbours many times.
  const collapsed = lines.map(collapseLine);
  const headings: Heading[] = [];
  const path: number[] = []; // current numbering, e.g. [3, 2]
  let letter = ''; // current appendix letter
  let letterPath: number[] = [];
  let seenBackMatter = false; // appendix letters only count after References or an Appendix heading
  for (let i = 0; i < lines.length; i++) {
    const text = collapsed[i]!;
    if (!text) continue;
    const keyword = KEYWORD.exec(text);
    if (keyword) {
      const kind = keywordKind(text);
      if (kind === 'references' || kind === 'appendix') seenBackMatter = true;
      headings.push({ line: i, lineCount: 1, label: text.replace(/\s*:$/, ''), level: 1, kind });
      continue;
    }
    const inline = INLINE_KEYWORD.exec(text);
    if (inline && !headings.some((h) => h.kind === keywordKind(inline[1]!))) {
      headings.push({
        line: i,
        lineCount: 1,
        label: inline[1]!,
        level: 1,
        kind: keywordKind(inline[1]!),
        inlineBodyAt: inline[0].length,
      });
      continue;
    }
    const numbered = candidateAt(collapsed, i, NUMBERED);
    if (numbered && acceptsNumber(path, numbered.numbers as number[])) {
      const numbers = numbered.numbers as number[];
      path.splice(0, path.length, ...numbers);
      const kind = keywordKind(numbered.label.replace(/^[\d.]+\s+/, ''));
      if (kind === 'references' || kind === 'appendix') seenBackMatter = true;
      headings.push({
        line: i,
        lineCount: numbered.lineCount,
        label: numbered.label,
        level: numbers.length,
        kind: kind === 'keyword' ? 'numbered' : kind,
      });
      i += numbered.lineCount - 1;
      continue;
    }
    const last = headings.at(-1);
    const runIn = runInAt(collapsed, i, last !== undefined && last.line + last.lineCount === i);
    if (runIn && runIn.numbers.length >= 2 && acceptsNumber(path, runIn.numbers as number[])) {
      const numbers = runIn.numbers as number[];
      path.splice(0, path.length, ...numbers);
      headings.push({
        line: i,
        lineCount: 1,
        label: runIn.label,
        level: numbers.length,
        kind: 'numbered',
        inlineBodyAt: runIn.bodyAt,
        runIn: true,
      });
      continue;
    }
    const lettered = seenBackMatter ? candidateAt(collapsed, i, LETTERED) : null;
    if (lettered) {
      const [head, ...rest] = lettered.numbers as [string, ...number[]];
      const nextLetter = letter ? String.fromCharCode(letter.charCodeAt(0) + 1) : 'A';
      const isNewTop = rest.length === 0 && head === nextLetter;
      const isChild = rest.length > 0 && head === letter && acceptsNumber(letterPath, rest);
      if (isNewTop || isChild) {
        if (isNewTop) {
          letter = head;
          letterPath = [];
        } else letterPath.splice(rest.length - 1, letterPath.length, rest[rest.length - 1]!);
        headings.push({
          line: i,
          lineCount: lettered.lineCount,
          label: lettered.label,
          level: rest.length + 1,
          kind: 'appendix',
        });
        i += lettered.lineCount - 1;
      }
    }
  }
  return headings;
}

/** A level left out is numbered 0 ("3.0.1" under "3", as ACM's templates print it). */
function acceptsNumber(path: number[], numbers: number[]): boolean {
  const depth = numbers.length;
  for (let k = 0; k < depth - 1; k++) {
    if (numbers[k] !== path[k] && !(numbers[k] === 0 && path[k] === undefined)) return false;
  }
  const last = numbers[depth - 1]!;
  const previous = depth <= path.length ? path[depth - 1]! : 0;
  if (depth === 1 && path.length === 0) return last >= 1 && last <= 2;
  return last > previous && last <= previous + 2;
}

const BRACKET_ENTRY = /^\[\d{1,3}\]/;
const NUMBER_ENTRY = /^\d{1,3}\.\s+\S/;
const CONTINUATION_START =
  /^(?:In|Proceedings|Proc\.|Journal|Association|Conference|Transactions|arXiv|URL|Springer|IEEE|ACM|Advances|Annual|International|Workshop|Findings|PMLR|Retrieved|Available|Accessed|Volume|Vol\.|pages|doi)\b/;
const AUTHOR_START = /^\p{Lu}[\p{L}'’`-]+(?:,|\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+[,\s]|and\b|et al))/u;

/**
 * Line indexes (within `lines`, the reference section body) where a new bibliography entry starts:
 * `[12] …`, `12. …`, or author–year entries (a line opening with a name after a line ending an entry).
 */
export function referenceEntryStarts(lines: readonly string[]): number[] {
  const texts = lines.map(collapseLine);
  const bracketed = texts.map((t, i) => (BRACKET_ENTRY.test(t) ? i : -1)).filter((i) => i >= 0);
  if (bracketed.length >= 2) return bracketed;
  const numbered = texts.map((t, i) => (NUMBER_ENTRY.test(t) ? i : -1)).filter((i) => i >= 0);
  if (numbered.length >= 3) return numbered;
  const starts: number[] = [];
  let previous = '';
  texts.forEach((text, i) => {
    if (!text) return;
    const endsEntry = previous === '' || /[.)\d/]$|\.\s*$/.test(previous);
    if (endsEntry && AUTHOR_START.test(text) && !CONTINUATION_START.test(text)) starts.push(i);
    previous = text;
  });
  return starts;
}

const NOT_A_TITLE =
  /^(?:untitled|title|paper|main|document|slide|layout|template|manuscript)(?:\s*\d*)$|^microsoft (?:word|powerpoint)\b|\.(?:docx?|pdf|tex|dvi|ps|rtf|indd)$/i;

/** Whether a PDF Info Title is a real title rather than a file name or producer default. */
export function isPlausibleTitle(title: string | null | undefined): title is string {
  if (!title) return false;
  const text = collapseLine(title);
  if (text.length < 6 || text.length > 300 || !text.includes(' ')) return false;
  if (NOT_A_TITLE.test(text) || /^arXiv:/i.test(text)) return false;
  return (text.match(/\p{L}/gu) ?? []).length >= 4;
}

const FRONT_MATTER =
  /proceedings|conference|journal|workshop|volume|vol\.|preprint|published|under review|arxiv|©|copyright|licen[cs]e|accepted|submitted|https?:|@|\bdoi\b|issn|isbn|pages?\s+\d/i;

/** First line of page 1 that is not venue or stamp furniture: the fallback title. */
export function titleFromFirstLines(lines: readonly string[]): string | null {
  for (const raw of lines.slice(0, 12)) {
    const unnumbered = raw.replace(/\s+\d{1,4}\s*$/, ''); // a running header's page number
    if (unnumbered.includes('\t') || /\[\d+\]/.test(unnumbered)) continue; // table cells, citations
    const line = collapseLine(unnumbered);
    const words = line.split(' ').length;
    if (words < 2 || words > 30 || FRONT_MATTER.test(line) || !/\p{L}{3}/u.test(line)) continue;
    if (/^\p{Ll}|[,;]$|^(?:Table|Figure|Fig\.)\s+\d/u.test(line)) continue;
    if (KEYWORD.test(line) || INLINE_KEYWORD.test(line)) return null;
    return line;
  }
  return null;
}

export interface SizedLine {
  text: string;
  size: number;
}

/**
 * The title as the first run of the largest text on page 1 (lines within 10% of the biggest size),
 * when that text is clearly bigger than the body (≥ 1.2× the median size). Furniture lines are skipped.
 */
export function titleFromSizedLines(lines: readonly SizedLine[]): string | null {
  const usable = lines.filter((l) => /\p{L}{2}/u.test(l.text) && !FRONT_MATTER.test(l.text));
  if (usable.length === 0) return null;
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)]!;
  const max = Math.max(...usable.map((l) => l.size));
  if (max < median * 1.2) return null;
  const start = usable.findIndex((l) => l.size >= max * 0.9);
  const parts: string[] = [];
  for (const line of usable.slice(start)) {
    if (line.size < max * 0.9) break;
    parts.push(collapseLine(line.text));
  }
  const title = collapseLine(parts.join(' '));
  return title.split(' ').length >= 2 && title.length <= 300 ? title : null;
}
