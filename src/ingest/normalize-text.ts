/**
 * Pure text normalisation for extracted PDF text: characters (ligatures, pdfTeX accents, invisible
 * code points), running headers/footers, and line-break hyphenation. Everything here works on
 * strings and line arrays so it can be unit-tested without a PDF.
 */

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st', // ſt: the long s is a typographic variant of s
  '\uFB06': 'st',
};

/** Expands the Latin ligature code points U+FB00–FB06; none remain afterwards. */
export function expandLigatures(text: string): string {
  return text.replace(/[\uFB00-\uFB06]/g, (ch) => LIGATURES[ch] ?? ch);
}

/** Spacing diacritics (as pdfTeX draws them) and the combining mark each stands for. */
const SPACING_TO_COMBINING: Record<string, string> = {
  '\u00A8': '\u0308', // ¨ diaeresis
  '\u00B4': '\u0301', // ´ acute
  '\u02DD': '\u030B', // ˝ double acute
  '\u02C6': '\u0302', // ˆ circumflex
  '\u02DC': '\u0303', // ˜ tilde
  '\u00B8': '\u0327', // ¸ cedilla
  '\u02C7': '\u030C', // ˇ caron
  '\u02D8': '\u0306', // ˘ breve
  '\u02D9': '\u0307', // ˙ dot above
  '\u02DA': '\u030A', // ˚ ring above
  '\u00AF': '\u0304', // ¯ macron
  '\u0060': '\u0300', // ` grave (only inside a word, see below)
  '\u02CB': '\u0300', // ˋ modifier grave
};

// The plain backtick counts as a grave accent only inside a word (`Universit`a`), never before one (code).
const SPACING_ACCENT =
  /([\u00A8\u00B4\u02DD\u02C6\u02DC\u00B8\u02C7\u02D8\u02D9\u02DA\u00AF\u02CB]|(?<=\p{L})`) ?(\p{L})/gu;

/**
 * Composes accents that pdfTeX draws as a spacing diacritic before the letter (`M¨uller`, `Segu´ı`)
 * into one precomposed letter (`Müller`, `Seguí`). Only when the pair composes to a single code point
 * under NFC, so math such as `ˆyi` (ŷ, which has no precomposed form) and stray backticks stay.
 */
export function composeSpacingAccents(text: string): string {
  return text.replace(SPACING_ACCENT, (whole, accent: string, letter: string) => {
    const base = letter === '\u0131' ? 'i' : letter === '\u0237' ? 'j' : letter; // dotless ı/ȷ carry the accent
    const composed = (base + SPACING_TO_COMBINING[accent]).normalize('NFC');
    return [...composed].length === 1 ? composed : whole;
  });
}

/**
 * Character-level clean-up of one page: NFC, ligatures, accents, long s, Arabic presentation forms,
 * invisible and control code points.
 * Tabs and newlines are kept (they carry layout); no-break and exotic spaces become plain spaces.
 */
export function normalizeChars(text: string): string {
  return composeSpacingAccents(expandLigatures(text.normalize('NFC')))
    .replace(/[\uFB50-\uFDFF\uFE70-\uFEFC]+/g, (forms) => forms.normalize('NFKC')) // Arabic presentation forms
    .replace(/\u017F/g, 's') // long s: pdf.js turns the ſt ligature into "ſt"
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '') // soft hyphen, zero-width chars, BOM
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .normalize('NFC');
}

/** Collapses runs of spaces/tabs inside one line and trims it. */
export function collapseLine(line: string): string {
  return line.replace(/[ \t]+/g, ' ').trim();
}

/** The vertical arXiv stamp, e.g. `arXiv:2206.10883v3 [cs.CL] 17 Oct 2022` (old-style ids too). */
const ARXIV_STAMP =
  /^arXiv:(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?\s*\[[^\]]+\]\s*\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}$/;

export function isArxivStamp(line: string): boolean {
  return ARXIV_STAMP.test(collapseLine(line));
}

/** A line that is only a page number: `12`, `- 12 -`, `Page 3`, `Page 3 of 12`, `xii`. */
const BARE_PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?(\d{1,5})(?:\s*(?:of|\/)\s*\d{1,5})?(?:\s*[-–—])?$/i;
const ROMAN_PAGE_NUMBER = /^[ivxlc]{1,7}$/i;

export function pageNumberValue(line: string): number | null {
  const match = BARE_PAGE_NUMBER.exec(collapseLine(line));
  return match ? Number(match[1]) : null;
}

/** How many lines at the top and at the bottom of a page are looked at for running headers/footers. */
const EDGE_LINES = 3;

function runningKey(line: string): string {
  return collapseLine(line).toLowerCase().replace(/\d+/g, '#');
}

function edgeIndexes(lines: string[]): number[] {
  const nonEmpty = lines.map((line, index) => (line.trim() ? index : -1)).filter((index) => index >= 0);
  const edges = new Set([...nonEmpty.slice(0, EDGE_LINES), ...nonEmpty.slice(-EDGE_LINES)]);
  return [...edges].sort((a, b) => a - b);
}

export interface RunningLineResult {
  pages: string[][];
  removed: number;
}

/**
 * Removes lines that are page furniture rather than prose, so they never land inside a sentence:
 * - the arXiv side stamp (anywhere on a page: pdf.js emits it where the content stream draws it);
 * - bare page numbers among the first/last lines of a page, when their offset from the physical page
 *   number agrees with most other pages (so a table cell "3" on one page is not taken for one);
 * - running headers/footers: a first/last-lines text (digits ignored) that recurs on at least 30% of
 *   the pages (min. 2), or that repeats the document title on a later page. Page 1 is exempt from the
 *   repetition rule (its first lines are the title that later running headers repeat).
 */
export function removeRunningLines(pages: string[][], title: string | null = null): RunningLineResult {
  const pageCount = pages.length;
  const keyPages = new Map<string, Set<number>>();
  const offsets = new Map<number, number>();
  pages.forEach((lines, pageIndex) => {
    for (const index of edgeIndexes(lines)) {
      const line = lines[index]!;
      const key = runningKey(line);
      if (!keyPages.has(key)) keyPages.set(key, new Set());
      keyPages.get(key)!.add(pageIndex);
      const value = pageNumberValue(line);
      if (value !== null) offsets.set(value - (pageIndex + 1), (offsets.get(value - (pageIndex + 1)) ?? 0) + 1);
    }
  });
  const pageOffsets = new Set<number>();
  for (const [offset, count] of offsets) {
    if (count >= Math.max(2, Math.ceil(pageCount * 0.3))) pageOffsets.add(offset);
  }
  if (pageCount <= 2) pageOffsets.add(0);
  const repeatThreshold = Math.max(2, Math.ceil(pageCount * 0.3));
  const titleKey = title ? runningKey(title) : null;

  let removed = 0;
  const result = pages.map((lines, pageIndex) => {
    const drop = new Set<number>();
    lines.forEach((line, index) => {
      if (isArxivStamp(line)) drop.add(index);
    });
    for (const index of edgeIndexes(lines)) {
      const line = lines[index]!;
      const key = runningKey(line);
      if (!/[\p{L}\p{N}]/u.test(line)) continue;
      const value = pageNumberValue(line);
      const isPageNumber =
        (value !== null && pageOffsets.has(value - (pageIndex + 1))) ||
        (ROMAN_PAGE_NUMBER.test(collapseLine(line)) && pageCount > 2 && (keyPages.get(key)?.size ?? 0) < 2);
      // Page 1 keeps its lines: its top is the title, which later pages often repeat as their header.
      const isRepeated =
        pageIndex > 0 && pageCount > 2 && (keyPages.get(key)?.size ?? 0) >= repeatThreshold && key.length > 2;
      const isTitleRepeat =
        pageIndex > 0 && titleKey !== null && titleKey.length > 8 && key.replace(/\s*#$/, '') === titleKey;
      if (isPageNumber || isRepeated || isTitleRepeat) drop.add(index);
    }
    removed += drop.size;
    return lines.filter((_, index) => !drop.has(index));
  });
  return { pages: result, removed };
}

/** Whole words that commonly open a hyphenated compound (`state-of-the-art`, `well-known`, `self-attention`). */
// biome-ignore format: a word list reads better packed
const COMPOUND_HEADS = new Set([
  'state', 'self', 'well', 'high', 'low', 'long', 'short', 'large', 'small', 'real', 'fine', 'coarse', 'open',
  'cross', 'top', 'zero', 'few', 'two', 'three', 'first', 'second', 'third', 'human', 'domain', 'task', 'data',
  'user', 'model', 'word', 'sentence', 'token', 'paper', 'document', 'rule', 'full', 'half', 'ill', 'multi',
  'non',
]);

/** Whole words that commonly close one (`BERT-based`, `task-specific`, `large-scale`). */
// biome-ignore format: a word list reads better packed
const COMPOUND_TAILS = new Set([
  'based', 'level', 'specific', 'scale', 'aware', 'like', 'free', 'related', 'driven', 'oriented', 'trained',
  'tuned', 'grained', 'dependent', 'independent', 'shot', 'world', 'size', 'sized', 'term', 'order', 'known',
  'written', 'authored', 'generated', 'defined', 'made', 'quality', 'domain', 'document', 'task', 'step',
  'stage', 'class', 'label', 'source', 'readable', 'annotated', 'labeled', 'labelled', 'agnostic', 'intensive',
  'efficient',
]);

/** Word endings: a tail that is one of these is a syllable break (`high-er`, `state-ment`), never a compound. */
const SUFFIX_TAIL =
  /^(?:s|es|ed|er|ers|est|ing|ings|ly|ness|ment|ments|ity|ities|ion|ions|ic|ics|ical|ive|able|ible|al|ally|ise|ize|ised|ized|ish|ism|ist|istic|ous|ful|less|ward|wards|y)$/;

/** Lower-case words of a text, and the lower-case hyphenated compounds written inside a line. */
export interface Vocabulary {
  words: Set<string>;
  compounds: Set<string>;
}

export function buildVocabulary(lines: readonly string[]): Vocabulary {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const line of lines) {
    // The broken word at the end is what we decide about. (The test first: an end-anchored pattern is
    // tried at every position of every line.)
    const body = line.trimEnd().endsWith('-') ? line.replace(/\p{L}+-\s*$/u, '') : line;
    for (const match of body.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
      const token = match[0].toLowerCase();
      if (token.includes('-')) {
        compounds.add(token);
        for (const part of token.split('-')) words.add(part);
      } else words.add(token);
    }
  }
  return { words, compounds };
}

/**
 * Decides whether `head-` at the end of a line and `tail` at the start of the next are one word
 * broken by hyphenation (join: `cor-`+`pus` → `corpus`) or a real compound (keep the hyphen).
 * In order:
 * 1. keep when the head already holds a hyphen (`state-of-the-`+`art`) or a digit;
 * 2. join when the joined word occurs elsewhere in the document unhyphenated (`cor`+`pus`,
 *    small caps `GRO`+`BID`, names `Ref`+`Seer`);
 * 3. keep when the tail starts upper-case (`Multi-`+`LexSum`) or the head has inner capitals (`BERT-`);
 * 4. keep when the hyphenated form occurs elsewhere in the document;
 * 5. join when the tail is a word ending (`high-`+`er`, `state-`+`ment`);
 * 6. keep when it looks like a compound: the head is an -ly adverb and the tail a word of the document
 *    (`automatically-`+`detected`),
 *    a known compound head (`state-`, `self-`, `well-`) or the tail a known compound tail (`-based`);
 * 7. otherwise join: a lower-case tail after a line-end hyphen is most often a syllable break.
 */
export function shouldJoinHyphenated(head: string, tail: string, vocabulary: Vocabulary): boolean {
  const lowerHead = head.toLowerCase();
  const lowerTail = tail.toLowerCase();
  if (head.includes('-') || /\d/.test(head)) return false;
  const sameCaps = /^\p{Lu}+$/u.test(head) && /^\p{Lu}+$/u.test(tail); // small caps split: GRO-BID
  if (
    vocabulary.words.has(lowerHead + lowerTail) &&
    (/^\p{Ll}/u.test(tail) || sameCaps || /^\p{Lu}\p{Ll}/u.test(head))
  ) {
    return true; // also CamelCase names written whole elsewhere: Ref-Seer → RefSeer
  }
  if (!/^\p{Ll}/u.test(tail) || /.\p{Lu}/u.test(head)) return false;
  if (vocabulary.compounds.has(`${lowerHead}-${lowerTail}`)) return false;
  if (SUFFIX_TAIL.test(lowerTail)) return true;
  if (lowerHead.length >= 6 && lowerHead.endsWith('ly') && vocabulary.words.has(lowerTail)) return false;
  if (COMPOUND_HEADS.has(lowerHead) || (lowerHead.length >= 3 && COMPOUND_TAILS.has(lowerTail))) return false;
  return true;
}

const LINE_END_HYPHEN = /(\p{L}+(?:-\p{L}+)*)-$/u;
// A digit tail keeps its hyphen: `Sepsis-` + `3”` is `Sepsis-3”` (shouldJoinHyphenated says keep).
const LINE_START_WORD = /^(\p{L}+|\d+)/u;

/**
 * Re-joins words hyphenated across consecutive lines, in place of the two lines: the tail moves up
 * to the end of the first line (so a word never straddles a line or page boundary). `canJoin(i)` says
 * whether line i and i+1 belong to the same flow (e.g. not across a heading).
 */
export function dehyphenateLines(
  lines: string[],
  vocabulary: Vocabulary,
  canJoin: (index: number) => boolean = () => true,
): { lines: string[]; joined: number; kept: number } {
  const out = lines.slice();
  let joined = 0;
  let kept = 0;
  for (let i = 0; i + 1 < out.length; i++) {
    const current = out[i]!.trimEnd();
    if (!current.endsWith('-')) continue; // cheap test before the end-anchored pattern
    const headMatch = LINE_END_HYPHEN.exec(current);
    if (!headMatch || !canJoin(i)) continue;
    const next = out[i + 1]!.trimStart();
    const tailMatch = LINE_START_WORD.exec(next);
    if (!tailMatch) continue;
    const head = headMatch[1]!;
    const tail = tailMatch[1]!;
    const rest = next.slice(tail.length);
    const trailing = /^[^\s]*/.exec(rest)![0]; // punctuation glued to the tail ("pus," / "pus).")
    if (shouldJoinHyphenated(head, tail, vocabulary)) {
      out[i] = current.slice(0, -1) + tail + trailing;
      joined++;
    } else {
      out[i] = current + tail + trailing;
      kept++;
    }
    out[i + 1] = rest.slice(trailing.length).trimStart();
  }
  return { lines: out, joined, kept };
}
