/**
 * The one tokeniser, stop-word list and stemmer for lexical matching (verification features,
 * relevance, search terms): lower-case word tokens, stop words dropped, Porter-lite suffix stemming.
 * The embedded verifier's model was trained on these stems, so a change here means retraining it.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of in on at to for from by with without within into onto over under as is are was were be been ' +
    "being am do does did doing has have had having this that these those it its it's they them their there here " +
    'which who whom whose what when where why how than then so such can could may might must shall should will would ' +
    'also both each either neither other others some any all most more many much few several very same own only just ' +
    'about above below between through during before after again further once i we our us you your he she his her ' +
    'if because while until up down out off s t et al vs via per among upon whether'
  ).split(/\s+/),
);

/** Negation words are kept as tokens (they matter for stance) but are not content words. */
export const NEGATION_WORDS = new Set(['not', 'no', 'nor', 'never', 'none', 'cannot', 'without', 'neither', "n't"]);

/** Raw lower-case word tokens (letters/digits, keeping inner hyphens and dots of numbers). */
export function wordTokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/n't\b/g, ' not')
      .match(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Porter-lite: strips common English inflections so "reduces/reduced/reducing" meet. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ingly')) w = w.slice(0, -5);
  else if (w.endsWith('edly')) w = w.slice(0, -4);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('ment') && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith('ity') && w.length > 5) w = w.slice(0, -3);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // "reduc(e)", "reduc(ed)", "reduc(ing)" now agree; undouble "controlled" → "control".
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Content-word stems: the units lexical overlap is measured in. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const token of wordTokens(text)) {
    if (STOP_WORDS.has(token) || NEGATION_WORDS.has(token)) continue;
    if (token.length < 2 && !/\d/.test(token)) continue;
    out.push(stem(token));
  }
  return out;
}
