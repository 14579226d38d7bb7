import { findTruncation, type Truncation } from '../core/truncation.ts';

/**
 * Turns a source sentence (which may carry Markdown, HTML and citation markup from the parser) into
 * plain claim text, and checks that a text is a complete sentence. The source span is kept apart:
 * the claim text may differ from the sentence, the span never does.
 */

/** Numeric citation markers: "[18]", "[18, 28]", "[1-4]", "[3]–[5]". */
const NUMERIC_CITATION = /\s*\[\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\](?:\s*[–-]\s*\[\s*\d{1,3}\s*\])?/g;

const CITATION_AS_WORD_BEFORE =
  /(?:\b(?:of|by|in|from|see|and|or|to|with|as|on|than|cf\.|e\.g\.,?|i\.e\.,?|both|like|following))\s*$/i;
/** "[4] combines …", "[18] and [27] are …": the citation is the subject. */
const CITATION_AS_WORD_AFTER =
  /^\s*(?:and|or|[,;]\s*\[|(?:is|are|was|were|has|have|had|propose[sd]?|show(?:s|ed)?|use[sd]?|combine[sd]?|introduce[sd]?|present(?:s|ed)?|demonstrate[sd]?|report(?:s|ed)?|address(?:es|ed)?|appl(?:y|ies|ied)|achieve[sd]?|employ(?:s|ed)?|extend(?:s|ed)?|found|finds?)\b)/;

/** Strips parser markup and citation markers, keeping every word of the sentence. */
export function cleanSentence(text: string): string {
  let out = text
    .replace(/<[^>]{0,200}>/g, '') // <span id="page-2-0"></span>, <sup>…
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/\[((?:\\.|[^\]\\])*)\]\((?:#|https?:)[^)\s]*\)/g, '$1') // [\[20\]](#page-8-0) → \[20\]
    .replace(/\\([[\]()*_#])/g, '$1') // Markdown escapes
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  // Emphasis markers around words: "*We propose … counting.*", "**bold**", "_it_".
  out = out.replace(/(^|[\s(])[*_]{1,2}(?=\S)/g, '$1').replace(/(?<=\S)[*_]{1,2}(?=$|[\s.,;:!?)])/g, '');
  // Citation markers are not part of the assertion, unless the grammar needs them: "proposed by
  // [28]", "those of [4] and [8]" keep theirs so no preposition is left dangling.
  out = out.replace(NUMERIC_CITATION, (match: string, at: number, whole: string) => {
    const before = whole.slice(Math.max(0, at - 30), at);
    const after = whole.slice(at + match.length, at + match.length + 20);
    if (CITATION_AS_WORD_BEFORE.test(before) || CITATION_AS_WORD_AFTER.test(after)) return match;
    return '';
  });
  out = out.replace(/\s+/g, ' ').trim();
  // Removing a citation can leave " ." or " ," behind; "()" when a citation was the only content.
  out = out
    .replace(/\(\s*(?:cf\.|see|e\.g\.,?)?\s*\)/gi, '')
    .replace(/\s+([.,;:!?)])/g, '$1')
    .replace(/,(?:\s*,)+/g, ',')
    .replace(/\(\s+/g, '(');
  return out.replace(/\s+/g, ' ').trim();
}

/** How a claim sentence is cut off (core/truncation.ts is the one rule), null when it is whole. */
export function claimTruncation(text: string): Truncation | null {
  return findTruncation(text, { requireTerminal: true });
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * A claim is a complete sentence: starts with an upper-case letter, digit or quote, is not cut off
 * (terminal punctuation, brackets and quotes closed, no dangling number), and carries no leftover markup.
 */
export function isCompleteSentence(text: string): boolean {
  const t = text.trim();
  if (!/^[\p{Lu}\p{N}"“'‘]/u.test(t)) return false;
  if (claimTruncation(t)) return false;
  if (/[|$\\]|<!--|\]\(|^#/.test(t)) return false;
  return true;
}

/** Upper-cases the first letter (after any opening quote or bracket). */
export function capitalize(text: string): string {
  return text.replace(/^([\s"“'‘(]*)(\p{Ll})/u, (_, lead: string, ch: string) => lead + ch.toUpperCase());
}
