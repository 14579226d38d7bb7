/**
 * Where a char offset sits in a paper's full text when passages carry no section path: the nearest
 * heading above it (Markdown "# …", numbered "3.2 Training", or an upper-case "REFERENCES" line)
 * and the paragraph it belongs to (blank-line separated).
 */

export interface TextLayout {
  /** The heading governing `offset`, or null before the first heading. */
  headingAt(offset: number): string | null;
  /** Start offset of the paragraph containing `offset`. */
  paragraphStartAt(offset: number): number;
}

const MARKDOWN_HEADING = /^[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*$/;
const NUMBERED_HEADING = /^[ \t]*(\d{1,2}(?:\.\d{1,2})*\.?[ \t]+\p{Lu}[^.!?]{0,80})$/u;
const UPPER_HEADING = /^[ \t]*((?:\d{1,2}\.?[ \t]+)?[\p{Lu}][\p{Lu}\s&-]{2,40})$/u;
/** "Abstract. Extracting tables …": a run-in heading at a paragraph start. */
const RUN_IN_HEADING = /^[ \t]*(Abstract|Keywords|References|Acknowledge?ments?)\s*[.:—-]/i;

export function buildTextLayout(fullText: string): TextLayout {
  const headings: { offset: number; title: string }[] = [];
  const paragraphs: number[] = [0];
  let lineStart = 0;
  let previousBlank = true;
  while (lineStart <= fullText.length) {
    const newline = fullText.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? fullText.length : newline;
    const line = fullText.slice(lineStart, lineEnd);
    const blank = line.trim() === '';
    if (!blank && previousBlank && lineStart > 0) paragraphs.push(lineStart);
    if (!blank) {
      const title =
        MARKDOWN_HEADING.exec(line)?.[1] ??
        (previousBlank || isStandalone(fullText, lineEnd)
          ? (NUMBERED_HEADING.exec(line)?.[1] ??
            UPPER_HEADING.exec(line)?.[1] ??
            (previousBlank ? RUN_IN_HEADING.exec(line)?.[1] : undefined))
          : undefined);
      if (title !== undefined) headings.push({ offset: lineStart, title: title.replace(/<[^>]*>/g, '').trim() });
    }
    previousBlank = blank;
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  const headingOffsets = headings.map((h) => h.offset);
  return {
    headingAt(offset: number): string | null {
      const i = lastAtOrBefore(headingOffsets, offset);
      return i < 0 ? null : headings[i]!.title;
    },
    paragraphStartAt(offset: number): number {
      const i = lastAtOrBefore(paragraphs, offset);
      return i < 0 ? 0 : paragraphs[i]!;
    },
  };
}

function isStandalone(text: string, lineEnd: number): boolean {
  return /^\n[ \t]*(?:\n|$)/.test(text.slice(lineEnd, lineEnd + 3)) || lineEnd >= text.length;
}

/** Index of the last element ≤ target in a sorted array, or -1. */
function lastAtOrBefore(sorted: number[], target: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
