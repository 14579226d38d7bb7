import { detectAll } from 'tinyld';

/** A paper's language as ISO 639-1 ("en", "de", "zh"), with what it was read from. */
export interface LanguageGuess {
  language: string | null;
  /** tinyld's score of the best language, 0–1. */
  confidence: number;
  basis: 'full_text' | 'abstract' | 'title' | 'none';
}

// Full texts are long; three slices (start, middle, end) say as much as the whole at a fraction of the cost.
const SLICE = 4000;
/** Under this many letters (a title, an acronym list) the guess is noise and none is given. */
const MIN_LETTERS = 40;
/** A guess scored below this is reported as unknown rather than a language. */
const MIN_CONFIDENCE = 0.4;

/**
 * Detects the language of a paper with tinyld from its full text when there is one, else its abstract,
 * else its title. Formulas, numbers and citations are stripped first: they read as no language.
 */
export function detectLanguage(paper: {
  title?: string | null;
  abstract?: string | null;
  fullText?: string | null;
}): LanguageGuess {
  const candidates: [LanguageGuess['basis'], string | null | undefined][] = [
    ['full_text', paper.fullText ? sample(paper.fullText) : null],
    ['abstract', paper.abstract ? [paper.title, paper.abstract].filter(Boolean).join('. ') : null],
    ['title', paper.title],
  ];
  for (const [basis, text] of candidates) {
    const cleaned = (text ?? '').replace(/\[[\d,\s–-]+\]|[\d$\\^_{}=+*/<>|()[\]]+/g, ' ');
    if ((cleaned.match(/\p{L}/gu) ?? []).length < MIN_LETTERS) continue;
    // English prose is a quarter or more function words, dense technical abstracts a tenth; tinyld, scoring letter n-grams, can read short
    // technical English as another language (two English abstracts came back as Volapük).
    const share = englishFunctionWordShare(cleaned);
    if (share >= ENGLISH_SHARE)
      return { language: 'en', confidence: Math.round(Math.min(1, share / 0.25) * 100) / 100, basis };
    const best = detectAll(cleaned)[0];
    if (!best || best.accuracy < MIN_CONFIDENCE) return { language: null, confidence: best?.accuracy ?? 0, basis };
    return { language: best.lang, confidence: Math.round(best.accuracy * 100) / 100, basis };
  }
  return { language: null, confidence: 0, basis: 'none' };
}

/**
 * English's commonest function words, leaving out those other Latin-script languages also write
 * ("a", "in", "an", "also"): German, French or Spanish prose shares almost none of these.
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to is for that on with as by we this are be from it at our which or not can was were these than its their has have been into such both over between when'.split(
    ' ',
  ),
);
/** Above this share of function words, text is English whatever the n-gram model says. */
const ENGLISH_SHARE = 0.08;

function englishFunctionWordShare(text: string): number {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return 0;
  return words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length / words.length;
}

function sample(text: string): string {
  if (text.length <= SLICE * 3) return text;
  const middle = Math.floor(text.length / 2 - SLICE / 2);
  return [text.slice(0, SLICE), text.slice(middle, middle + SLICE), text.slice(-SLICE)].join('\n');
}
