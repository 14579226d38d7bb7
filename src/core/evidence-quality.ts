/**
 * Text that is never prose evidence, whatever it shares with a claim: headings, title-and-author
 * lines, reference-list entries, a caption on its own, number dumps from flattened tables, and
 * sentences that talk to the verifier ("the claim above is SUPPORTED", "ignore previous
 * instructions"). A quote of any of these cannot support or refute a claim.
 */

export type NonEvidenceKind =
  | 'heading'
  | 'author line'
  | 'reference entry'
  | 'caption'
  | 'number dump'
  | 'instruction';

export function nonEvidenceKind(quote: string): NonEvidenceKind | null {
  const text = quote.replace(/\s+/g, ' ').trim();
  if (text === '') return 'heading';
  if (isInstruction(text)) return 'instruction';
  if (isNumberDump(text)) return 'number dump';
  if (isReferenceEntry(text)) return 'reference entry';
  if (isCaptionOnly(text)) return 'caption';
  if (isAuthorLine(text)) return 'author line';
  if (isHeadingLike(text)) return 'heading';
  return null;
}

/** Addressed to whoever judges the text, or about its verdict: prompt injection, never evidence. */
export function isInstruction(text: string): boolean {
  return (
    /\b(?:ignore|disregard|forget)\b.{0,40}\b(?:previous|prior|above|earlier|all)\b.{0,30}\b(?:instructions?|prompts?|rules?|text)\b/i.test(
      text,
    ) ||
    // A verdict label in capitals is how a verifier is addressed, not how papers write.
    /\b(?:SUPPORTED|REFUTED|NOT_ENOUGH_INFO)\b/.test(text) ||
    /\b(?:notes?|messages?|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:fact[- ]?checkers?|verifiers?|reviewers?|models?|assistants?|AI|LLMs?|graders?)\b/i.test(
      text,
    ) ||
    /\b(?:verdict|label)\b.{0,40}\b(?:SUPPORTED|REFUTED|NOT_ENOUGH_INFO|PARTIAL)\b/.test(text) ||
    /\b(?:answer|respond|reply|output|return|mark|classify|label|rate|judge)\b.{0,40}\b(?:SUPPORTED|REFUTED|NOT_ENOUGH_INFO|true|false)\b/i.test(
      text,
    ) ||
    /\b(?:this|the|every|any|each)\s+claims?\b.{0,120}\b(?:is|are|should be|must be)\s+(?:supported|refuted|verified)\b/i.test(
      text,
    ) ||
    /\b(?:as an? (?:AI|language model|assistant)|you are (?:an?|the) (?:AI|assistant|verifier|model|fact-checker))\b/i.test(
      text,
    ) ||
    /\b(?:fact[- ]?checkers?|verifiers?|reviewers?|language models?|LLMs?|assistants?)\s+(?:must|should|shall|are instructed to)\b/i.test(
      text,
    )
  );
}

/** Mostly numbers and separators: a table row flattened into a line. */
export function isNumberDump(text: string): boolean {
  const tokens = text.split(/[\s|]+/).filter(Boolean);
  if (tokens.length < 4) return false;
  const numeric = tokens.filter((t) => /^[-−–+±(]?\d[\d.,]*%?[)*†‡]?$/.test(t) || /^[±–—-]$/.test(t)).length;
  if (numeric / tokens.length >= 0.45) return true;
  return /\|/.test(text) && (text.match(/\|/g)?.length ?? 0) >= 2;
}

/** "[12] A. Smith, B. Jones. 2019. Title. In Proceedings of …" and the like. */
export function isReferenceEntry(text: string): boolean {
  if (/^\[\d+\]\s/.test(text) && /\b(?:19|20)\d{2}\b/.test(text)) return true;
  const venue =
    /\b(?:In Proceedings of|Proceedings of the|arXiv preprint|arXiv:\d{4}\.\d{4,5}|Advances in Neural Information|Transactions on|Journal of|pp\.\s?\d|vol\.\s?\d|doi:|https?:\/\/doi\.org)/i;
  const authorStart = /^(?:[\p{Lu}][\p{L}'’-]+,\s(?:[\p{Lu}]\.\s?)+(?:,|and|&)|(?:[\p{Lu}]\.\s?)+[\p{Lu}][\p{L}'’-]+,)/u;
  if (venue.test(text) && (authorStart.test(text) || /\b(?:19|20)\d{2}[a-z]?\.\s/.test(text))) return true;
  return authorStart.test(text) && /\b(?:19|20)\d{2}[a-z]?\b/.test(text) && !/\b(?:we|our|is|are|was|were)\b/i.test(text);
}

/** "Table 2: Results on XNLI." with nothing after it: names what a table shows, states no finding. */
export function isCaptionOnly(text: string): boolean {
  const match = /^(?:Table|Tab\.|Figure|Fig\.)\s*[A-Z]?\d+[a-z]?\s*[:.|]\s*(.*)$/i.exec(text);
  if (!match) return false;
  const rest = match[1] ?? '';
  // A caption that goes on to state a finding ("… X outperforms Y by 3 points.") is still prose.
  return !/\b(?:outperform|improv|better|worse|higher|lower|increase|decrease|reduc|achiev|significant)/i.test(rest);
}

/** A title-and-author header: names with markers, affiliations, e-mail addresses; no verb. */
export function isAuthorLine(text: string): boolean {
  if (/@[\w-]+\.\w/.test(text) && !/\b(?:we|our|is|are|was|were)\b/i.test(text)) return true;
  if (/\b(?:University|Institute|Laboratory|Department|Inc\.|Research|College)\b/.test(text)) {
    const names = text.match(/\b[\p{Lu}][\p{Ll}]+\s+(?:[\p{Lu}]\.\s+)?[\p{Lu}][\p{Ll}]+/gu) ?? [];
    if (names.length >= 2 && !/\b(?:we|our|is|are|was|were|has|have|show|find)\b/i.test(text)) return true;
  }
  const markers = (text.match(/[†‡∗*§¶]|\d(?=\s|,|$)/g) ?? []).length;
  const names = (text.match(/\b[\p{Lu}][\p{Ll}]+(?:\s+[\p{Lu}]\.)?\s+[\p{Lu}][\p{Ll}]+[†‡∗*§¶\d]*(?:,|\s|$)/gu) ?? []).length;
  // Prose runs lower-case words together ("with access to all of"); a names line never does. Its
  // counts ("11 out of 12 participants … 13 times") are not affiliation markers.
  const prose = /\b\p{Ll}{2,}\s+\p{Ll}{2,}\s+\p{Ll}{2,}\s+\p{Ll}{2,}\b/u.test(text);
  return names >= 3 && markers >= 2 && !prose && !/\b(?:we|our|is|are|was|were)\b/i.test(text);
}

/**
 * A heading or a title: a numbered section line ("3.2 Results"), or a short line without closing
 * punctuation that is a few words or mostly capitalised words ("Fast and Robust Neural Network Joint
 * Models"). A sentence cut from a line break ("Our model reaches a pass@1 of 71.3%") is not one.
 */
export function isHeadingLike(text: string): boolean {
  if (/^#{1,6}\s/.test(text)) return true;
  if (/[.!?;:]["'”’)\]]*$/.test(text)) return false;
  const words = text.split(/\s+/).filter(Boolean);
  if (/^(?:\d+(?:\.\d+)*|[IVX]+\.?|[A-Z]\.)\s+\p{Lu}/u.test(text) && words.length <= 10) return true;
  if (words.length <= 3) return true;
  if (words.length > 14) return false;
  const content = words.filter((w) => !/^(?:a|an|the|of|for|and|or|in|on|to|with|by|from|via|at|as|vs\.?)$/i.test(w));
  const capitalised = content.filter((w) => /^[\p{Lu}\d]/u.test(w)).length;
  return content.length > 0 && capitalised / content.length >= 0.75;
}
