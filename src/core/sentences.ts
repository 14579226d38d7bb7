/**
 * Sentence segmentation for scientific prose with char offsets, so a sentence can always be cut back
 * out of the stored text. Rules, not a model: a boundary is terminal punctuation (plus closing
 * brackets/quotes/emphasis) followed by whitespace and something that can start a sentence; a blank
 * line; a Markdown block line (heading, table row, image, comment); or a list item at a line start.
 */

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations whose period never ends a sentence (compared lower-case, without the final dot). */
const ALWAYS_ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'cf',
  'vs',
  'approx',
  'viz',
  'w.r.t',
  'ca',
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'jr',
  'sr',
  'st',
  'incl',
  'esp',
  'resp',
  'al',
]);

/** Abbreviations that label a number ("Fig. 3", "No. 5"): not a boundary when a number or bracket follows. */
const LABEL_ABBREVIATIONS = new Set([
  'fig',
  'figs',
  'eq',
  'eqs',
  'eqn',
  'eqns',
  'sec',
  'secs',
  'sect',
  'tab',
  'tabs',
  'no',
  'nos',
  'vol',
  'vols',
  'pp',
  'p',
  'ref',
  'refs',
  'ch',
  'chap',
  'app',
  'alg',
  'algo',
  'def',
  'thm',
  'lem',
  'prop',
  'cor',
  'ex',
]);

/** After these abbreviations (and single capitals: "model C. The") a common opener still starts a sentence. */
const OPENERS_AFTER_ABBREVIATION = new Set([
  'The',
  'We',
  'Our',
  'This',
  'These',
  'That',
  'Those',
  'It',
  'In',
  'On',
  'For',
  'However',
  'Moreover',
  'Furthermore',
  'Thus',
  'Therefore',
  'Hence',
  'Finally',
  'They',
  'A',
  'An',
  'As',
  'To',
  'Here',
  'While',
  'Although',
  'Since',
  'Similarly',
  'Unlike',
  'Both',
  'All',
  'Most',
  'Such',
]);

const CAPTION_LABEL = /^(?:Figure|Fig\.|Table|Tab\.|Algorithm|Listing|Scheme)$/i;
const CLOSERS = new Set([')', ']', '}', '"', "'", '”', '’', '»', '*', '_']);
const BLOCK_LINE = /^[ \t]*(?:#{1,6}\s|\||<!--|!\[|```|\$\$)/;
/** "- item", "* item", "• item", "1. item", "3.2. Title", "a) item", "(b) item", "iv. item". */
const LIST_MARKER =
  /^[ \t]*(?:[-*•‣◦▪]|\d{1,3}(?:\.\d{1,3})*[.)]?|[a-z][.)]|\([a-z0-9ivx]{1,4}\)|[ivx]{1,4}[.)])[ \t]+(?=\S)/;

/**
 * Splits `text` into sentences. Offsets are into `text` plus `offset`, so that
 * `text.slice(s.start - offset, s.end - offset) === s.text` for every returned sentence.
 */
export function splitSentences(text: string, offset = 0): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const push = (start: number, end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s + offset, end: e + offset });
  };

  for (const block of splitBlocks(text)) {
    if (block.atomic) {
      push(block.start, block.end);
      continue;
    }
    let sentenceStart = block.start;
    for (const cut of boundariesIn(text, block.start, block.end)) {
      push(sentenceStart, cut);
      sentenceStart = cut;
    }
    push(sentenceStart, block.end);
  }
  return out;
}

interface Block {
  start: number;
  end: number;
  /** Headings and Markdown block lines are one segment each, never split further. */
  atomic: boolean;
}

/**
 * Paragraph-level blocks: blank lines end a block; a Markdown block line (heading, table row…) is
 * a block on its own; a list item starts a new block.
 */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let blockStart = -1;
  let lineStart = 0;
  const close = (end: number): void => {
    if (blockStart >= 0 && end > blockStart) blocks.push({ start: blockStart, end, atomic: false });
    blockStart = -1;
  };
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') {
      close(lineStart);
    } else if (BLOCK_LINE.test(line) || isPlainHeading(line)) {
      close(lineStart);
      blocks.push({ start: lineStart, end: lineEnd, atomic: true });
    } else if (LIST_MARKER.test(line) && !continuesSentence(text, lineStart, blockStart)) {
      close(lineStart);
      blockStart = lineStart;
    } else if (blockStart < 0) {
      blockStart = lineStart;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  close(text.length);
  return blocks;
}

const HEADING_SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'vs',
  'with',
]);

/** "3.2 Training", "4. Results and Discussion": a numbered, title-cased line without final punctuation. */
function isPlainHeading(line: string): boolean {
  const match = /^[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+(\p{Lu}.{0,80})$/u.exec(line.trimEnd());
  if (!match || /[.!?,;:]$/.test(match[1]!)) return false;
  const words = match[1]!.split(/\s+/);
  if (words.length > 10) return false;
  return words.every((w) => /^[\p{Lu}\p{N}'"“(]/u.test(w) || HEADING_SMALL_WORDS.has(w.toLowerCase()));
}

/**
 * A wrapped line that happens to begin with "3. " or "a. " inside a running sentence is not a list
 * item: the previous line ends mid-sentence (no terminal punctuation, colon or list context).
 */
function continuesSentence(text: string, lineStart: number, blockStart: number): boolean {
  if (blockStart < 0) return false;
  const previous = text.slice(blockStart, lineStart).trimEnd();
  if (previous === '') return false;
  const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart));
  // Bullets are always list items; numbers/letters only when the previous line closed a unit.
  if (/^[ \t]*[-*•‣◦▪][ \t]/.test(line)) return false;
  // Inside a list, the next marker is the next item.
  if (LIST_MARKER.test(text.slice(blockStart, lineStart))) return false;
  return !/[.!?:;)\]]["'”’*_]*$/.test(previous);
}

/** Sentence-boundary offsets strictly inside [start, end). */
function boundariesIn(text: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  const terminal = /[.!?…]/g;
  terminal.lastIndex = start;
  let match = terminal.exec(text);
  while (match !== null && match.index < end) {
    const at = match.index;
    let after = at + 1;
    // Runs of terminal punctuation ("?!", "...") act as one.
    while (after < end && /[.!?…]/.test(text[after]!)) after++;
    while (after < end && CLOSERS.has(text[after]!)) after++;
    // Citations glued after the period ("… reliable.[18] Next") and Markdown link targets
    // ("Section [3.2.2.](#page-3-0) Beyond") belong to the sentence.
    const glued = /^(?:\[\d[\d,\s–-]*\]|\]?\((?:#|https?:\/\/)[^)\s]*\))/.exec(text.slice(after, end));
    if (glued) after += glued[0].length;
    if (after < end && /\s/.test(text[after]!)) {
      let next = after;
      while (next < end && /\s/.test(text[next]!)) next++;
      if (next < end && isBoundary(text, start, at, next, end)) cuts.push(after);
    }
    terminal.lastIndex = Math.max(after, at + 1);
    match = terminal.exec(text);
  }
  return cuts;
}

function isBoundary(text: string, blockStart: number, at: number, next: number, end: number): boolean {
  const nextChar = text[next]!;
  // A sentence never starts lower-case or with continuing punctuation ("e.g. traffic", "et al., 2019").
  if (/\p{Ll}/u.test(nextChar) || /[,;:)\]}%]/.test(nextChar)) return false;
  const mark = text[at]!;
  if (mark !== '.') return true;
  // Ellipsis mid-sentence is followed by lower case (handled above); before upper case it ends one.
  if (text[at + 1] === '.' || text[at - 1] === '.') return true;

  const token = tokenBefore(text, blockStart, at);
  const lower = token.toLowerCase();
  const nextWord = /^[\p{L}\p{N}]+/u.exec(text.slice(next, Math.min(end, next + 40)))?.[0] ?? '';
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const beforeToken = text.slice(Math.max(lineStart, blockStart), at - token.length);

  // "3.1. Dilated Convolutions" / "a. Picture": a section number or list marker at a line start.
  if (beforeToken.trim() === '' && /^(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})$/i.test(token)) return false;
  // "Figure 1. Fully convolutional …": a caption label at the start of a line.
  if (/^\d{1,3}$/.test(token) && CAPTION_LABEL.test(beforeToken.replace(/<[^>]*>/g, '').trim())) return false;
  if (token === '') return true;
  // "J. Smith", "A. Nassar": a single capital initial.
  if (/^\p{Lu}$/u.test(token)) return OPENERS_AFTER_ABBREVIATION.has(nextWord);
  if (lower === 'al' || lower === 'resp' || lower === 'etc') {
    // "et al. [15] showed", "Smith et al. (2019)"; only a common opener starts a new sentence.
    return OPENERS_AFTER_ABBREVIATION.has(nextWord) && !/^[[(]/.test(nextChar);
  }
  if (ALWAYS_ABBREVIATIONS.has(lower)) return false;
  // "e.g", "i.e", "U.S", "w.r.t": dotted initialisms.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(token)) return false;
  if (LABEL_ABBREVIATIONS.has(lower)) {
    return !/^[\p{N}([IVX]/u.test(nextChar);
  }
  return true;
}

/** The word before position `at` (the period), without leading brackets or quotes. */
function tokenBefore(text: string, blockStart: number, at: number): string {
  let s = at;
  while (s > blockStart && !/[\s([{"'“‘]/.test(text[s - 1]!)) s--;
  return text.slice(s, at);
}
