/**
 * Polarity, scope and direction of a stated effect, read clause by clause. "Neither A nor B led to
 * improved transfer" states no improvement for A (the negation scopes over the predicate that
 * follows it); "A outperforms B" and "B outperforms A" order the same two things differently.
 */

export type Effect = 'up' | 'down' | 'none';

export interface EffectReading {
  effect: Effect;
  /** quality: better/worse; amount: more/less of something. Directions compare within a kind only. */
  kind: 'quality' | 'amount' | 'none';
  /** The words that carry it ("did not … improve", "hurts"). */
  cue: string;
}

/** Better or worse, whatever the metric: comparable across metrics. */
const QUALITY_UP =
  /\b(?:improv(?:e|es|ed|ing|ements?)|boost(?:s|ed|ing)?|benefit(?:s|ed|ing)?|help(?:s|ed|ing)?|outperform(?:s|ed|ing)?|better|surpass(?:es|ed|ing)?|beat(?:s|ing)?|superior|stronger|enhanc(?:e|es|ed|ing)|positive(?:ly)? transfer\w*|advantage(?:s|ous)?)\b/i;
const QUALITY_DOWN =
  /\b(?:hurt(?:s|ing)?|degrad(?:e|es|ed|ing)|harm(?:s|ed|ing|ful)?|underperform(?:s|ed|ing)?|worse|inferior|weaker|deteriorat(?:e|es|ed|ing)|negative(?:ly)? transfer\w*)\b/i;
/** More or less of something: comparable only with another statement about amounts. */
const AMOUNT_UP =
  /\b(?:increas(?:e|es|ed|ing)|higher|rais(?:e|es|ed|ing)|gains?\s+(?:of|in)|rises?|rose|grow(?:s|n)?|grew|exceed(?:s|ed|ing)?)\b/i;
const AMOUNT_DOWN =
  /\b(?:decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|reductions?\s+(?:of|in)|lower(?:s|ed|ing)?|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|diminish(?:es|ed|ing)?|fell|falls?)\b/i;
/** Stated absence of an effect without a negation word. */
const NULL_EFFECT =
  /\b(?:flat|no (?:significant |notable |measurable |clear |consistent )?(?:effect|improvement|gains?|benefit|difference|change|increase)s?|negligible|unchanged|on par|no better|did not change|remain(?:s|ed)? (?:the same|unchanged|flat))\b/i;

const NEGATION_CUE =
  /\b(?:not|no|never|neither|nor|none|cannot|can't|won't|doesn't|don't|didn't|isn't|aren't|wasn't|weren't|without|fail(?:s|ed)? to|unable to|lack(?:s|ed)? of|absence of|no longer)\b/i;

/** Clauses: split where English usually starts a new assertion. */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(/;|\s[–—]\s|,?\s+\bbut\b\s+|,\s+whereas\s+|,\s+while\s+|\bwhile\b(?=[^,]*,)|,\s+although\s+|,\s+however,?\s+/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/**
 * The effect a clause states: up (improves, outperforms), down (hurts, lowers) or none (does not
 * improve, no significant gain, flat). Null when the clause states no effect at all. A negation
 * counts only when it comes before the predicate within the clause ("neither … nor … led to
 * improved"), and "not only" is not a negation.
 */
export function readEffect(clause: string): EffectReading | null {
  const text = clause.replace(/\bnot only\b/gi, 'only');
  const nullMatch = NULL_EFFECT.exec(text);
  const candidates: [RegExpExecArray | null, Effect, EffectReading['kind']][] = [
    [QUALITY_UP.exec(text), 'up', 'quality'],
    [QUALITY_DOWN.exec(text), 'down', 'quality'],
    [AMOUNT_UP.exec(text), 'up', 'amount'],
    [AMOUNT_DOWN.exec(text), 'down', 'amount'],
  ];
  const first = candidates
    .filter((c): c is [RegExpExecArray, Effect, EffectReading['kind']] => c[0] !== null)
    .sort((a, b) => a[0].index - b[0].index)[0];
  if (!first) return nullMatch ? { effect: 'none', kind: 'none', cue: nullMatch[0] } : null;
  const [match, effect, kind] = first;
  const negation = lastMatch(NEGATION_CUE, text.slice(0, match.index));
  if (negation && !/\b(?:no|not)\s+(?:less|fewer)\b/i.test(text)) {
    return { effect: 'none', kind: 'none', cue: `${negation} … ${match[0]}` };
  }
  if (nullMatch && nullMatch.index < match.index) return { effect: 'none', kind: 'none', cue: nullMatch[0] };
  return { effect, kind, cue: match[0] };
}

/** Whether two readings state opposite things: none against an effect, or opposite directions of one kind. */
export function effectsConflict(a: EffectReading, b: EffectReading): boolean {
  if (a.effect === b.effect) return false;
  if (a.effect === 'none' || b.effect === 'none') return true;
  return a.kind === b.kind;
}

function lastMatch(pattern: RegExp, text: string): string | null {
  const global = new RegExp(pattern.source, 'gi');
  let last: string | null = null;
  for (const match of text.matchAll(global)) last = match[0];
  return last;
}

export interface Comparison {
  winner: string;
  loser: string;
}

const BEATS =
  /\b(outperform(?:s|ed)?|beat(?:s)?|surpass(?:es|ed)?|exceed(?:s|ed)?|(?:is|are|was|were|performs?|performed|does|did)\s+(?:significantly\s+|much\s+|slightly\s+|consistently\s+)?(?:better|superior)\s+(?:than|to)|(?:achieves?|achieved|obtains?|obtained|yields?|yielded|gets?)\s+(?:a\s+)?(?:significantly\s+|much\s+|slightly\s+)?higher\s+[\w@-]+(?:\s+[\w@-]+)?\s+than)\b/i;
const LOSES =
  /\b(underperform(?:s|ed)?|(?:is|are|was|were|performs?|performed|does|did)\s+(?:significantly\s+|much\s+|slightly\s+)?(?:worse|inferior)\s+(?:than|to)|(?:lags?|lagged|falls?|fell)\s+behind)\b/i;

/** "A contains three times more papers than B", "A has fewer errors than B": an amount compared. */
const MORE_THAN = /\b(more|larger|bigger|greater|higher|faster|longer|stronger)\s+(?:[\w-]+\s+){0,4}?than\b/i;
const LESS_THAN = /\b(fewer|less|smaller|lower|slower|shorter|weaker)\s+(?:[\w-]+\s+){0,4}?than\b/i;

/** "A outperforms B", "A is worse than B", "A has more X than B" → who comes out ahead. */
export function readComparison(clause: string): Comparison | null {
  for (const [pattern, forward] of [
    [BEATS, true],
    [LOSES, false],
    [MORE_THAN, true],
    [LESS_THAN, false],
  ] as const) {
    const match = pattern.exec(clause);
    if (!match) continue;
    const left = clause.slice(0, match.index).trim();
    const right = clause.slice(match.index + match[0].length).trim();
    if (left === '' || right === '') continue;
    if (NEGATION_CUE.test(left.split(/\s+/).slice(-3).join(' '))) return null; // "does not outperform"
    return forward ? { winner: left, loser: right } : { winner: right, loser: left };
  }
  return null;
}
