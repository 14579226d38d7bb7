/**
 * How a paper names its tables: "Table 2:", "Table 2.", "TABLE II", "Table A.1", "Tab. 3". The label is
 * what a reader looks for ("Table 2"); the caption keeps the whole printed sentence.
 */

const LABEL = /^\s*(?:Table|TABLE|Tab\.)\s*([A-Z]\.\d+|[A-Z]?\d+(?:\.\d+)?[a-z]?|[IVXLC]+\b|[A-Z]\b)/;

/** "Table 2" from "Table 2: Results on …"; null when the caption does not start with a table label. */
export function labelFromCaption(caption: string): string | null {
  const match = LABEL.exec(caption);
  return match ? `Table ${match[1]}` : null;
}

/** The caption's label, or "Table <ordinal>" when it has none. */
export function tableLabel(caption: string, ordinal: number): string {
  return labelFromCaption(caption) ?? `Table ${ordinal}`;
}
