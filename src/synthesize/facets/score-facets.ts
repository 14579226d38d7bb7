import { containsPhrase, stem, synonymsOf } from '../../core/relevance.ts';
import { languageQualifier, languageVariants, PEOPLE_NOUNS } from './facet-lexicon.ts';
import type { Facet } from './facet-roles.ts';

/**
 * Relevance scored facet by facet: how much of each facet a claim states. A claim is about the
 * question only when it covers every required facet; its relevance is the weighted mean of its facet
 * scores, so a claim that says nothing of the outcome or the population the question asks about
 * scores low however many of the other words it shares.
 */

/** A facet score at or above this counts as covering the facet. */
export const COVERS = 0.6;
/** What the paper's title lends a claim that does not itself name a facet ("our method" → its title). */
const TITLE_WEIGHT = 0.6;

export interface FacetScore {
  facet: string;
  score: number;
  covered: boolean;
}

export interface ClaimFacetRelevance {
  relevance: number;
  scores: FacetScore[];
  /** Ids of the facets covered. */
  covered: string[];
  /** Required facets not covered (ids). */
  missing: string[];
  /** Covers every required facet. */
  about: boolean;
}

interface Variant {
  text: string;
  weight: number;
  /** Names and language words must be met as written, not by stems. */
  literal: boolean;
}

export function facetVariants(facet: Facet): Variant[] {
  const variants: Variant[] = [];
  const add = (text: string, weight: number, literal = false) => {
    if (text && !variants.some((v) => v.text.toLowerCase() === text.toLowerCase()))
      variants.push({ text, weight, literal });
  };
  const label = facet.label;
  if (languageQualifier(label)) for (const wording of languageVariants(label)) add(wording, 1, true);
  // People are met by the noun itself: stems would let "research papers" stand for "researchers".
  if (PEOPLE_NOUNS.has(label.toLowerCase())) {
    for (const form of [label, label.replace(/s$/i, ''), `${label.replace(/s$/i, '')}s`]) add(form, 1, true);
    return variants;
  }
  add(label, 1);
  // "citation recommendation for long papers" → "citation recommendation": the phrase's core.
  const core = label.split(/\s+(?:for|in|on|with|from|by)\s+/i)[0]!;
  add(core, 1);
  // "AI reading and writing support tools" → "AI reading support tools", "AI writing support tools".
  const [left, right, ...others] = core.split(/\s+and\s+/i);
  if (left && right && others.length === 0) {
    const l = left.split(/\s+/);
    const r = right.split(/\s+/);
    if (r.length > 1) add([...l, ...r.slice(1)].join(' '), 1);
    if (l.length > 1) add([...l.slice(0, -1), ...r].join(' '), 1);
  }
  const words = core.split(/\s+/);
  // The head carries the meaning when modifiers pile up; it scores a little lower than the whole.
  if (words.length >= 3) add(words.slice(-2).join(' '), 0.8);
  for (const synonym of [...synonymsOf(label), ...synonymsOf(core)]) add(synonym, 1);
  return variants;
}

/** How much of `facet` `text` states (0–1), best over its wordings. */
export function facetScore(text: string, facet: Facet, variants = facetVariants(facet)): number {
  const lower = text.toLowerCase();
  const stems = new Set(textStems(text));
  let best = 0;
  for (const variant of variants) {
    let score: number;
    if (variant.literal) score = containsPhrase(lower, variant.text.toLowerCase()) ? 1 : 0;
    else {
      // Names ("HumanEval-X", "C++") are met as written; other words by one stem each, so "non-English"
      // must be met as a whole, not through its part "English".
      const words = variant.text.split(/\s+/).filter((w) => isName(w) || wordStem(w) !== null);
      const met = words.filter((w) =>
        isName(w) ? containsPhrase(lower, w.toLowerCase()) : stems.has(wordStem(w)!),
      ).length;
      score = words.length === 0 ? 0 : met / words.length;
    }
    best = Math.max(best, score * variant.weight);
  }
  return best;
}

/** Scores a claim against every facet; `context` (its paper's title) lends part of a facet it names. */
export function scoreClaimFacets(text: string, context: string, facets: Facet[]): ClaimFacetRelevance {
  const scores = facets.map((facet) => {
    const variants = facetVariants(facet);
    const own = facetScore(text, facet, variants);
    const lent = context ? TITLE_WEIGHT * facetScore(context, facet, variants) : 0;
    const score = round(Math.max(own, lent));
    return { facet: facet.id, score, covered: score >= COVERS };
  });
  const weight = (facet: Facet) => (facet.required ? 1 : 0.5);
  const total = facets.reduce((sum, f) => sum + weight(f), 0);
  // A facet only partly met (a shared word or two) counts half: sharing words is not covering.
  const counted = (i: number) => (scores[i]!.covered ? scores[i]!.score : scores[i]!.score / 2);
  const relevance = total === 0 ? 0 : facets.reduce((sum, f, i) => sum + weight(f) * counted(i), 0) / total;
  const covered = scores.filter((s) => s.covered).map((s) => s.facet);
  const missing = facets.filter((f) => f.required && !covered.includes(f.id)).map((f) => f.id);
  return { relevance: round(relevance), scores, covered, missing, about: facets.length > 0 && missing.length === 0 };
}

/** Words that carry no facet ("of", "the"); unlike claim relevance, "paper" and "study" count here. */
const FUNCTION_WORDS = new Set(
  'a an the of on in to for by as with and or from at into via its their this that these those is are be'.split(' '),
);

/** A facet word's stem ("non-English" whole, "papers" → "paper"); null for a function word. */
function wordStem(word: string): string | null {
  const clean = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (clean.length < 2 || FUNCTION_WORDS.has(clean) || /^\d+$/.test(clean)) return null;
  return stem(clean);
}

/** Every word's stem in a text, hyphenated words both whole and by part. */
function textStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [])
    .flatMap((token) => (token.includes('-') ? [token, ...token.split('-')] : [token]))
    .map(stem);
}

/** Mixed case inside the word, digits with letters, all caps, or "C++"/"C#": a name to meet as written. */
function isName(word: string): boolean {
  return (
    (/\d/.test(word) && /\p{L}/u.test(word)) ||
    /^\p{Lu}{2,}/u.test(word) ||
    /\p{Ll}\p{Lu}|-\p{Lu}/u.test(word) ||
    /^\p{L}[+#]+$/u.test(word)
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
