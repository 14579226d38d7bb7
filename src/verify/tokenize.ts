import { splitSentences as splitSentenceSpans } from '../core/sentences.ts';

/** Tokenising for lexical matching lives in core/words.ts (one list, one stemmer); sentence spans here. */
export { contentStems, NEGATION_WORDS, STOP_WORDS, stem, wordTokens } from '../core/words.ts';

export function bigrams(stems: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < stems.length; i++) out.push(`${stems[i]} ${stems[i + 1]}`);
  return out;
}

/**
 * Sentences of a passage as char ranges into `text` (so quotes stay verbatim): the project's one
 * sentence splitter (core/sentences.ts), which also ends a sentence at blank lines and headings.
 */
export function splitSentences(text: string): { start: number; end: number }[] {
  return splitSentenceSpans(text).map(({ start, end }) => ({ start, end }));
}
