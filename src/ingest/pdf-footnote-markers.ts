/**
 * Footnote markers out of the text. pdf.js gives a superscript marker as a plain digit glued to what
 * precedes it ("Digital archives like arXiv,2 PubMed Central,3 …", "Paper Plain1—with"), at times at
 * the start of the next line ("2, no single …"), and each footnote opens with its own marker
 * ("1If a word is tokenized …"). A sentence must neither carry nor start with one.
 *
 * Only numbers that open a footnote on the same page are taken for markers, so "Table 2", "3.2",
 * "GPT2" or "Llama2" elsewhere stay: a body digit is removed only when it is glued to a word or to
 * punctuation, the page has a footnote with that number, and the same word-plus-digit is not written
 * anywhere else in the document (a name such as "top5" recurs; a marker does not).
 */

/** Words after which a glued number is a reference, not a marker ("Fig.2", "No.3"). */
const LABEL_WORDS =
  /(?:^|[^\p{L}])(?:fig|figs|figure|eq|eqs|eqn|sec|sect|section|tab|table|no|nos|vol|p|pp|ref|step|version|chapter|ch|app|alg|top|layer|block|stage|fold|conv|res)$/iu;

/** A marker glued after punctuation that follows a word or a bracket/quote: `arXiv,2` `1998),4` `“stork”7`. */
const AFTER_PUNCTUATION = /(?<=(?:\p{L}|[)\]”’"'])[,.;:]|[)\]”’"'])(\d{1,2})(?=[\s,.;:)\]—–]|$)/gu;
/** A marker glued to a lower-case word: `Plain1—with`, `BookSum3 which`. */
const AFTER_WORD = /(?<=\p{L}\p{Ll}{2})(\d{1,2})(?=[\s,.;:)\]—–]|$)/gu;
/** A marker pdf.js put at the start of the next line, before punctuation: `2, no single …` (not `1). …`, a reference). */
const LINE_START = /^(\d{1,2})(?=[,;:]\s)/u;
const OPENING_MARKER = /^(?:\d{1,2}\.?(?=\s?https?:|\s?www\.)|\d{1,2}|[∗*†‡§¶])\s?/u;

export interface FootnoteMarks {
  /** Lines (stream indexes) that belong to footnotes. */
  notes: ReadonlySet<number>;
  /** Stream index of each footnote's first line → its marker. */
  markers: ReadonlyMap<number, string>;
}

/**
 * The lines with footnote markers removed: the opening marker of each footnote, and body markers
 * whose number opens a footnote on the same page. `isFixed(i)` marks lines left alone (table rows).
 * A line that was only a marker comes back empty.
 */
export function stripFootnoteMarkers(
  lines: readonly string[],
  pageOf: readonly number[],
  marks: FootnoteMarks,
  isFixed: (index: number) => boolean = () => false,
): string[] {
  const numbersByPage = new Map<number, Set<string>>();
  for (const [index, marker] of marks.markers) {
    if (!/^\d+$/.test(marker)) continue;
    const page = pageOf[index]!;
    if (!numbersByPage.has(page)) numbersByPage.set(page, new Set());
    numbersByPage.get(page)!.add(marker);
  }
  const wordDigitCounts = new Map<string, number>();
  lines.forEach((line, i) => {
    if (marks.notes.has(i) || !/\d/.test(line)) return; // most lines have no digit: skip the scan
    for (const match of line.matchAll(/\p{L}+\d{1,2}(?!\d)/gu)) {
      wordDigitCounts.set(match[0], (wordDigitCounts.get(match[0]) ?? 0) + 1);
    }
  });

  const out = lines.slice();
  let previousBody = -1; // the last body line before this one: a marker's stray comma goes back to it
  lines.forEach((line, i) => {
    const body = !marks.notes.has(i) && !isFixed(i);
    out[i] = unmark(line, i);
    if (body && out[i] !== '') previousBody = i;
  });
  return out;

  function unmark(line: string, i: number): string {
    if (marks.markers.has(i)) return line.replace(OPENING_MARKER, '');
    if (marks.notes.has(i) || isFixed(i)) return line;
    const numbers = numbersByPage.get(pageOf[i]!);
    if (!numbers) return line;
    if (/^\d{1,2}$/.test(line) && numbers.has(line)) return '';
    const isMarker = (number: string, offset: number, text: string): boolean => {
      if (!numbers.has(number)) return false;
      const before = text.slice(0, offset);
      if (LABEL_WORDS.test(before.replace(/[,.;:]$/, ''))) return false;
      const word = /\p{L}+$/u.exec(before)?.[0];
      return !word || (wordDigitCounts.get(word + number) ?? 0) <= 1;
    };
    let text = line;
    const start = LINE_START.exec(line);
    const labelled = previousBody >= 0 && LABEL_WORDS.test(out[previousBody]!.replace(/[\s(]+$/, '')); // "Table" + "2, …"
    if (start && numbers.has(start[1]!) && previousBody >= 0 && pageOf[previousBody] === pageOf[i] && !labelled) {
      // "comparison" + "4, no single …": the comma belongs at the end of the line before.
      const punctuation = /^[,;:]+/.exec(line.slice(start[0].length))![0];
      out[previousBody] = out[previousBody]! + punctuation;
      text = line.slice(start[0].length + punctuation.length).trimStart();
    }
    text = text.replace(AFTER_PUNCTUATION, (whole, number: string, offset: number, all: string) =>
      isMarker(number, offset, all) ? '' : whole,
    );
    text = text.replace(AFTER_WORD, (whole, number: string, offset: number, all: string) =>
      isMarker(number, offset, all) ? '' : whole,
    );
    return text;
  }
}
