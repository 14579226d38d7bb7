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

/** A footnote marker opening a passage or sentence: `1If …`, `3UDPOS …`, `2, no …`, `∗ denotes …` (not `§1981`). */
export const MARKER_START = /^(?:\d{1,2}(?!(?:st|nd|rd|th)\b)\p{L}{2}|\d{1,2}[,;](?=\s)|[∗†‡¶]|§(?!\s?\d))/u;

/** A superscript left glued in body text: `arXiv,2 PubMed`, `Plain1—with` (a rough count, not an assertion). */
const GLUED_MARKER = /(?:\p{L}{2}[,.;:)]|[”’]|\p{Ll}{3})\d(?=[\s—–]\p{L})/gu;

/**
 * Words broken at a line end and never re-joined: `im- portant` (the joined word is written elsewhere
 * in the paper, or the tail is no word of it) or `im- 3UDPOS` (a footnote in between). A suspended
 * hyphen (`single- or multi-doc`, `Vancouver-, and Chicago- style`) is not one.
 */
export function brokenHyphens(text: string, words: Set<string>): string[] {
  const broken: string[] = [];
  for (const match of text.matchAll(/(\p{L}{2,})- ([\p{Ll}\d][\p{L}\d]*)/gu)) {
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
