/**
 * Footnotes and captions out of sentences. pdf.js emits a column's footnotes where the content stream
 * draws them: after the column's last line, often in the middle of a sentence that resumes in the
 * next column ("Digital archives like arXiv,2 [1Instructions for … 2https://arxiv.org] PubMed
 * Central,3 …"); figure and table captions likewise land wherever the float was drawn.
 * Footnote blocks are recognised by their opening (`1Instructions …`, `2https://…`, `∗ denotes …`),
 * captions by `Figure 3:`/`Table 2.` up to the caption's last line; a block that interrupts a
 * sentence is moved, within its page, to just before the paragraph it interrupts.
 */

// `1Instructions …`, `3UDPOS also …` (an acronym, then lower-case words: `1BW (800M)` is a table cell), `7pronounced …`, `2https://…`, `2. https://…`, `∗ denotes …`.
const FOOTNOTE_START =
  /^(?:(\d{1,2})(?:\.?\s?(?:https?:\/\/|www\.)|\p{Lu}\p{Ll}|\p{Lu}{2}[\p{L}\d-]*\s\p{Ll}|(?!(?:st|nd|rd|th)\b)\p{Ll}{4})|[∗*†‡§¶]\s?\p{L})/u;
/** The marker a footnote opens with: its number or symbol (and a space after it). */
const OPENING_MARKER = /^(?:\d{1,2}\.?|[∗*†‡§¶])\s?/u;
const COMPLETE_END = /[.!?)\]]$|https?:\/\/\S*[a-z0-9/]$/i;
const SENTENCE_END = /[.!?:]["'”’)\]]*\d{0,2}$/;
const CAPTION_START = /^(?:Figure|Fig\.|Table)\s+\d{1,2}[.:]/;
const MAX_CAPTION_LINES = 12;
/** What never continues a caption: a numbered heading, or a footnote. */
const AFTER_CAPTION = /^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}|\d{1,2}(?:\.?\s?(?:https?:\/\/|www\.)|\p{Lu}\p{Ll}))/u;
const MAX_LOOKBACK = 60;

export interface FootnoteLayout {
  /** New line order: a permutation of 0..n-1 (lines only move within their page). */
  order: number[];
  /** Original indexes of lines that open / close a footnote block. */
  starts: Set<number>;
  ends: Set<number>;
  /** Original indexes of footnote lines (not captions). */
  notes: Set<number>;
  /** Original index of each line that opens one footnote → the marker it opens with (`3`, `∗`). */
  markers: Map<number, string>;
}

/**
 * @param lines collapsed lines in content-stream order
 * @param pageOf 1-based page of each line
 * @param fullLength typical full line length of each page (index page-1)
 */
export function layoutFootnotes(
  lines: readonly string[],
  pageOf: readonly number[],
  fullLength: readonly number[],
): FootnoteLayout {
  const starts = new Set<number>();
  const ends = new Set<number>();
  const notes = new Set<number>();
  const markers = new Map<number, string>();
  const full = (i: number): number => fullLength[pageOf[i]! - 1] ?? 80;
  const endsParagraph = (i: number): boolean =>
    (SENTENCE_END.test(lines[i]!) && lines[i]!.length < full(i) * 0.85) || lines[i]!.length < full(i) * 0.5;

  // Find blocks: a footnote opening, its wrapped lines, and further footnotes right after it.
  const blocks: [number, number, boolean][] = []; // [from, to, has a numbered footnote]
  let lastNumber = 0;
  for (let i = 0; i < lines.length; i++) {
    if (CAPTION_START.test(lines[i]!)) {
      let end = i;
      // A caption whose last line is as long as the text's runs on: a heading or a footnote after a
      // finished sentence is where it ended.
      // A narrow caption beside its figure has short lines: one that stops mid-phrase ("dash-",
      // "will be used") before a lower-case line runs on.
      const runsOn = (k: number): boolean =>
        /[\p{Ll},-]$/u.test(lines[k]!) && k + 1 < lines.length && /^[\p{Ll}(]/u.test(lines[k + 1]!);
      const captionEnds = (k: number): boolean =>
        (endsParagraph(k) && !runsOn(k)) ||
        (/[.!?)]$/.test(lines[k]!) && k + 1 < lines.length && AFTER_CAPTION.test(lines[k + 1]!));
      while (end - i < MAX_CAPTION_LINES && !captionEnds(end) && pageOf[end + 1] === pageOf[i]) end++;
      if (captionEnds(end)) {
        starts.add(i);
        ends.add(end);
        blocks.push([i, end + 1, true]);
        i = end;
      }
      continue;
    }
    const opening = FOOTNOTE_START.exec(lines[i]!);
    if (!opening) continue;
    const number = opening[1] === undefined ? null : Number(opening[1]);
    if (number !== null && (number <= lastNumber - 1 || number > lastNumber + 3) && number !== 1) continue;
    let end = i;
    let numbered = false;
    for (;;) {
      const current = FOOTNOTE_START.exec(lines[end]!)?.[1];
      if (current !== undefined) {
        numbered = true;
        lastNumber = Math.max(lastNumber, Number(current));
      }
      starts.add(end);
      markers.set(end, OPENING_MARKER.exec(lines[end]!)![0].trim());
      // Wrapped footnote lines: after a broken word, or a long unfinished line followed by lower case.
      while (
        end + 1 < lines.length &&
        pageOf[end + 1] === pageOf[i] &&
        isContinued(lines[end]!, lines[end + 1]!, full(end))
      ) {
        end++;
      }
      const next =
        end + 1 < lines.length && pageOf[end + 1] === pageOf[i] ? FOOTNOTE_START.exec(lines[end + 1]!) : null;
      if (!next) break;
      end++;
    }
    ends.add(end);
    blocks.push([i, end + 1, numbered]);
    for (let k = i; k <= end; k++) notes.add(k);
    i = end;
  }

  // Move each block in front of the paragraph it interrupts (same page only; else leave it).
  const inBlock = new Set(blocks.flatMap(([from, to]) => Array.from({ length: to - from }, (_, k) => from + k)));
  const order = lines.map((_, i) => i);
  for (const [from, to, numbered] of blocks) {
    // Symbol-only blocks (†, ∗) are mostly page-1 affiliations in the author block: leave them there.
    if (!numbered) continue;
    let before = from - 1;
    while (before >= 0 && inBlock.has(before)) before--; // footnotes right above a caption, or vice versa
    if (before < 0 || pageOf[before] !== pageOf[from] || endsParagraph(before)) continue;
    let start = -1;
    for (let k = before; k > Math.max(0, from - MAX_LOOKBACK); k--) {
      if (pageOf[k - 1] !== pageOf[from]) break;
      if (endsParagraph(k - 1) || inBlock.has(k - 1)) {
        start = k;
        break;
      }
    }
    if (start < 0) continue;
    const at = order.indexOf(start);
    const block = order.splice(order.indexOf(from), to - from);
    order.splice(at, 0, ...block);
  }
  return { order, starts, ends, notes, markers };
}

function isContinued(line: string, next: string, full: number): boolean {
  if (/[-_]$/.test(line)) return true;
  if (COMPLETE_END.test(line)) return false;
  return line.length >= full * 0.7 && /^[\p{Ll}([]/u.test(next);
}
