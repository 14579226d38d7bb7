/**
 * What clean PDF structure means, measured on a parsed document against the headings a person read off
 * the paper (test/fixtures/pdf-headings/<paper>.json): headings found and not invented, footnote
 * markers opening passages or sentences, words left broken at a line end, body superscripts left in.
 * Shared by test/integration/pdf-structure.test.ts (which asserts) and bench/pdf-structure.ts (which counts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSentences } from '../../src/core/sentences.ts';
import { normalizeForMatch } from '../../src/core/text.ts';
import type { ParsedDocument, PassageDraft } from '../../src/core/types.ts';

export interface HeadingFixture {
  paper: string;
  headings: string[];
  /** Labels printed like headings that are neither required nor an error (run-in front-matter labels). */
  optional?: string[];
  /** Footnote text that must sit in passages of its own. */
  footnotes?: string[];
  /** Body text that must read without the footnote markers the PDF prints in it. */
  bodyWithoutMarkers?: string[];
}

const fixtureDir = join(import.meta.dirname, '../fixtures/pdf-headings');

export function headingFixtures(): HeadingFixture[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(fixtureDir, f), 'utf8')) as HeadingFixture);
}

/**
 * A footnote marker opening a passage or sentence: `1If …`, `3UDPOS also …`, `2https://…`, `2, no …`,
 * `∗ denotes …` (not `§1981`, nor a cell such as `1BW (800M)`).
 */
export const MARKER_START =
  /^(?:\d{1,2}(?:\p{Lu}\p{Ll}|\p{Lu}{2}[\p{L}\d-]*\s\p{Ll}|(?!(?:st|nd|rd|th)\b)\p{Ll}{2}|https?:)|\d{1,2}[,;](?=\s)|[∗†‡¶]|§(?!\s?\d))/u;

/** A superscript left glued in body text: `arXiv,2 PubMed`, `Plain1—with` (a rough count, not an assertion). */
const GLUED_MARKER = /(?:\p{L}{2}[,.;:)]|[”’]|\p{Ll}{3})\d(?=[\s—–]\p{L})/gu;

/**
 * Words broken at a line end and never re-joined, inside a paragraph or across two: `im- portant`
 * (the joined word is written elsewhere
 * in the paper, or the tail is no word of it) or `im- 3UDPOS` (a footnote in between). A suspended
 * hyphen (`single- or multi-doc`, `Vancouver-, and Chicago- style`) is not one.
 */
export function brokenHyphens(text: string, words: Set<string>): string[] {
  const broken: string[] = [];
  for (const match of text.matchAll(/(\p{L}{2,})-(?: |\n\n)([\p{Ll}\d][\p{L}\d]*)/gu)) {
    const [whole, head, tail] = match as unknown as [string, string, string];
    if (/^(?:and|or|to|vs|nor|as|but)$/.test(tail)) continue;
    const joined = (head + tail).toLowerCase();
    if (/^\d/.test(tail) || words.has(joined) || !words.has(tail.toLowerCase())) broken.push(whole);
  }
  return broken;
}

export const headingKey = (label: string): string => normalizeForMatch(label);

export interface StructureMeasure {
  expected: number;
  found: number;
  missing: string[];
  /** Detected headings that are not the paper's. */
  extra: string[];
  /** Passages whose innermost section is not one of the paper's headings. */
  misplacedPassages: number;
  passages: number;
  passagesOpeningWithMarker: string[];
  sentencesOpeningWithMarker: string[];
  brokenHyphens: string[];
  gluedMarkers: number;
  footnotes: number;
}

export function measureStructure(
  fixture: HeadingFixture,
  doc: ParsedDocument,
  passages: readonly PassageDraft[],
): StructureMeasure {
  const labels = doc.sections.map((s) => s.path.at(-1)!);
  const found = new Set(labels.map(headingKey));
  const allowed = new Set([...fixture.headings, ...(fixture.optional ?? [])].map(headingKey));
  const missing = fixture.headings.filter((h) => !found.has(headingKey(h)));
  const firstHeading = Math.min(...doc.sections.map((s) => s.start));
  const words = new Set(doc.fullText.toLowerCase().match(/\p{L}+/gu) ?? []);
  const prose = passages.filter((p) => p.kind !== 'table');
  const texts = prose.map((p) => doc.fullText.slice(p.charStart, p.charEnd));
  const sentences = texts.flatMap((text) => splitSentences(text).map((s) => s.text));
  const notes = doc.footnotes ?? [];
  const body = prose
    .filter((p) => !notes.some((n) => n.start <= p.charStart && p.charEnd <= n.end))
    .map((p) => doc.fullText.slice(p.charStart, p.charEnd));
  return {
    expected: fixture.headings.length,
    found: fixture.headings.length - missing.length,
    missing,
    extra: labels.filter((l) => !allowed.has(headingKey(l))),
    misplacedPassages: passages.filter((p) => {
      const section = p.sectionPath.at(-1);
      return section === undefined ? p.charEnd > firstHeading : !allowed.has(headingKey(section));
    }).length,
    passages: passages.length,
    passagesOpeningWithMarker: texts.filter((t) => MARKER_START.test(t)),
    sentencesOpeningWithMarker: sentences.filter((t) => MARKER_START.test(t)),
    brokenHyphens: [...new Set(texts.flatMap((t) => brokenHyphens(t, words)))],
    gluedMarkers: body.reduce((n, t) => n + (t.match(GLUED_MARKER) ?? []).length, 0),
    footnotes: notes.length,
  };
}

/** The headings of a reference tool's Markdown (`# 3. Method`, `#### <span …></span>3.2.1 UCF50 …`), title first. */
export function markdownHeadings(markdown: string): { label: string; offset: number }[] {
  const headings: { label: string; offset: number }[] = [];
  for (const match of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    headings.push({ label: match[1]!.replace(/<[^>]+>/g, '').trim(), offset: match.index! });
  }
  return headings;
}

/**
 * Whether each passage's section agrees with the heading a reference Markdown puts over the same text
 * (its first heading is the paper's title and is left out; numbers are ignored, Nougat drops them):
 * the passage's first long sentence is looked up in the Markdown (case, punctuation and spacing
 * ignored) and the last heading before it compared with the passage's innermost section.
 */
export function sectionAgreement(
  doc: ParsedDocument,
  passages: readonly PassageDraft[],
  markdown: string,
): { checked: number; agree: number; disagreements: string[] } {
  const headings = markdownHeadings(markdown).slice(1); // the first is the paper's title
  // Map each normalised char of the Markdown back to its offset, so a match gives its heading.
  let flat = '';
  const offsets: number[] = [];
  for (const [i, ch] of [...markdown].entries()) {
    const normal = normalizeForMatch(ch) || ' ';
    if (normal === ' ' && flat.endsWith(' ')) continue;
    flat += normal;
    for (let k = 0; k < normal.length; k++) offsets.push(i);
  }
  let checked = 0;
  let agree = 0;
  const disagreements: string[] = [];
  for (const passage of passages) {
    if (passage.kind === 'table') continue;
    // Captions are floats: tools place them in different sections (Nougat moves figures about).
    const sentence = doc.fullText
      .slice(passage.charStart, passage.charEnd)
      .split('\n\n')
      .filter((paragraph) => !/^(?:Figure|Fig\.|Table)\s+\d/.test(paragraph))
      .flatMap((paragraph) => splitSentences(paragraph).map((s) => normalizeForMatch(s.text)))
      .find((s) => s.split(' ').length >= 10);
    if (!sentence) continue;
    const at = flat.indexOf(sentence);
    if (at < 0 || flat.indexOf(sentence, at + 1) >= 0) continue; // not found, or not once
    const theirs = headings.filter((h) => h.offset < offsets[at]!).at(-1);
    if (!theirs) continue;
    checked++;
    const ours = passage.sectionPath.at(-1) ?? '';
    if (headingKey(ours).replace(/^\d+(?: \d+)* /, '') === headingKey(theirs.label).replace(/^\d+(?: \d+)* /, '')) {
      agree++;
    } else disagreements.push(`${ours} ≠ ${theirs.label}: ${sentence.slice(0, 60)}`);
  }
  return { checked, agree, disagreements };
}
