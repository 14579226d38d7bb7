/**
 * The one splitter of a reference list into entries, for ingest (a paper's References section) and for
 * audits (a report's Sources list). An entry starts at a marker — "[12]", "12.", "12)" or a bullet — and
 * runs over the lines after it; where a list has no markers, an unindented line may start one instead.
 */
export const REFERENCE_MARKER = /^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]|[-*•+])\s+/;

export interface ReferenceEntry {
  /** The entry's number ("12" for "[12]" or "12."), or null for a bullet or no marker. */
  key: string | null;
  /** The entry's text after its marker, its lines joined by a space. */
  text: string;
  /** The entry as written, marker included, its lines joined by a space. */
  raw: string;
  /** Indexes (into the given lines) of the lines it spans; the first is where it starts. */
  lines: number[];
}

export interface SplitOptions {
  /** A line starting at the margin opens a new entry even without a marker (lists of hanging indents). */
  unindentedStartsEntry?: boolean;
}

/** The entries of the given lines (blank lines skipped), in order. */
export function splitReferenceEntries(lines: readonly string[], options: SplitOptions = {}): ReferenceEntry[] {
  const entries: ReferenceEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const marker = REFERENCE_MARKER.exec(line);
    const previous = entries.at(-1);
    if (marker || !previous || (options.unindentedStartsEntry && /^\S/.test(line))) {
      entries.push({
        key: marker?.[1] ?? marker?.[2] ?? null,
        text: marker ? line.slice(marker[0].length) : line,
        raw: line,
        lines: [index],
      });
      return;
    }
    previous.text += ` ${line.trim()}`;
    previous.raw += ` ${line}`;
    previous.lines.push(index);
  });
  return entries;
}

/** How many of the lines start with a marker (a paragraph with fewer than two is one entry). */
export function markedLines(lines: readonly string[]): number {
  return lines.filter((line) => REFERENCE_MARKER.test(line)).length;
}
