import { stem } from '../tokenize.ts';

/**
 * A small hand-written lexicon of stance cues: direction-of-effect words, antonym pairs, negation
 * and hedging phrases. Written for scientific abstracts; stems so inflections meet.
 */

const UP_WORDS =
  'increase increases increased increasing raise raises raised raising elevate elevated elevates elevation higher ' +
  'greater more enhance enhances enhanced enhancing promote promotes promoted promoting induce induces induced ' +
  'inducing activate activates activated activating upregulate upregulates upregulated upregulation stimulate ' +
  'stimulates stimulated improve improves improved improving boost boosts boosted accelerate accelerates accelerated ' +
  'augment augments augmented exacerbate exacerbates exacerbated worsen worsens worsened amplify amplified rise rises ' +
  'rose larger longer gain gains potentiate potentiates potentiated facilitate facilitates facilitated ' +
  // Machine-learning results: one system beating another is an "up" statement about the first.
  'outperform outperforms outperformed better best superior surpass surpasses surpassed exceed exceeds exceeded ' +
  'faster';
const DOWN_WORDS =
  'decrease decreases decreased decreasing reduce reduces reduced reducing reduction lower lowers lowered lowering ' +
  'less fewer diminish diminishes diminished inhibit inhibits inhibited inhibiting inhibition suppress suppresses ' +
  'suppressed suppressing suppression downregulate downregulates downregulated downregulation attenuate attenuates ' +
  'attenuated impair impairs impaired impairing block blocks blocked blocking prevent prevents prevented preventing ' +
  'decline declines declined drop drops dropped fall falls fell smaller shorter loss lose loses lost abolish abolished ' +
  'abrogate abrogated deplete depleted slow slows slowed alleviate alleviates alleviated ameliorate ameliorated ' +
  'worse worst underperform underperforms underperformed inferior hurt hurts degrade degrades degraded degradation ' +
  'slower';

/** Pairs whose members contradict each other when swapped between claim and evidence. */
const ANTONYM_PAIRS: [string, string][] = [
  ['increase', 'decrease'],
  ['higher', 'lower'],
  ['more', 'less'],
  ['greater', 'smaller'],
  ['high', 'low'],
  ['positive', 'negative'],
  ['positively', 'negatively'],
  ['activate', 'inhibit'],
  ['activation', 'inhibition'],
  ['upregulate', 'downregulate'],
  ['upregulation', 'downregulation'],
  ['promote', 'suppress'],
  ['promote', 'inhibit'],
  ['enhance', 'reduce'],
  ['enhance', 'impair'],
  ['improve', 'worsen'],
  ['benefit', 'harm'],
  ['beneficial', 'harmful'],
  ['protective', 'detrimental'],
  ['protect', 'damage'],
  ['effective', 'ineffective'],
  ['efficacy', 'inefficacy'],
  ['sufficient', 'insufficient'],
  ['necessary', 'unnecessary'],
  ['significant', 'insignificant'],
  ['associated', 'unassociated'],
  ['correlated', 'uncorrelated'],
  ['safe', 'unsafe'],
  ['likely', 'unlikely'],
  ['able', 'unable'],
  ['presence', 'absence'],
  ['present', 'absent'],
  ['gain', 'loss'],
  ['rise', 'fall'],
  ['accelerate', 'slow'],
  ['stabilize', 'destabilize'],
  ['stable', 'unstable'],
  ['agonist', 'antagonist'],
  ['susceptible', 'resistant'],
  ['sensitive', 'resistant'],
  ['early', 'late'],
  ['short', 'long'],
  ['shorter', 'longer'],
  ['faster', 'slower'],
  ['before', 'after'],
  ['major', 'minor'],
  ['majority', 'minority'],
  ['maximum', 'minimum'],
  ['common', 'rare'],
  ['frequent', 'rare'],
  ['include', 'exclude'],
  ['induce', 'prevent'],
  ['mortality', 'survival'],
  ['risk', 'protection'],
  ['male', 'female'],
  ['men', 'women'],
  ['adult', 'child'],
  ['older', 'younger'],
  ['better', 'worse'],
  ['best', 'worst'],
  ['outperform', 'underperform'],
  ['superior', 'inferior'],
  ['improve', 'hurt'],
  ['improve', 'degrade'],
  ['improvement', 'degradation'],
  ['larger', 'smaller'],
  ['above', 'below'],
  ['easier', 'harder'],
];

/** Phrases that negate the assertion of the sentence they are in. */
const NEGATION_PATTERN =
  /\b(?:not|no|never|none|nor|neither|cannot|can't|won't|didn't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|fail(?:s|ed)? to|lack(?:s|ed|ing)?|absence of|unrelated|unaffected|unchanged|independent of|did not|does not|do not|is not|are not|was not|were not|no longer|nonsignificant|non-significant|insignificant|irrespective)\b/gi;

const HEDGE_PATTERN =
  /\b(?:may|might|could|suggest(?:s|ed|ing)?|possibl[ey]|potential(?:ly)?|likely|appear(?:s|ed)? to|hypothesi[sz]e[ds]?|propose[ds]?|unclear|remains? to be|whether)\b/gi;

const CONCLUSION_PATTERN =
  /\b(?:we (?:found|show|showed|demonstrate|demonstrated|conclude|report|observed|identify|identified)|these (?:results|findings|data)|our (?:results|findings|data)|in conclusion|conclusions?|results?:|findings?:|here we|this study|significantly)\b/gi;

const stemSet = (words: string): Set<string> => new Set(words.split(/\s+/).map(stem));
const UP = stemSet(UP_WORDS);
const DOWN = stemSet(DOWN_WORDS);
const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of ANTONYM_PAIRS) {
  const sa = stem(a);
  const sb = stem(b);
  if (!ANTONYMS.has(sa)) ANTONYMS.set(sa, new Set());
  if (!ANTONYMS.has(sb)) ANTONYMS.set(sb, new Set());
  ANTONYMS.get(sa)!.add(sb);
  ANTONYMS.get(sb)!.add(sa);
}

export function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  return text.match(pattern)?.length ?? 0;
}

/**
 * Negations in a text, "neither … nor" counted once (it negates one statement about two things) and
 * "not only" not at all (it adds, it does not deny).
 */
export const negationCount = (text: string): number =>
  countMatches(
    NEGATION_PATTERN,
    text.replace(/\bneither\b([^.;]*?)\bnor\b/gi, 'neither$1,').replace(/\bnot only\b/gi, ''),
  );

/** Where a negation's scope stops: clause punctuation or a contrasting conjunction. */
const SCOPE_END = /[,;:()]|\b(?:but|while|whereas|although|though|however|yet|unlike|instead)\b/i;

/**
 * The words each negation cue scopes over, from the cue to the end of its clause: in "neither A nor
 * B led to improved transfer" that is everything after "neither" (A, B, led, improved, transfer);
 * in "X, but not Y" only Y. Returned as raw lower-case text segments; callers stem them.
 */
export function negationScopes(text: string): string[] {
  const scopes: string[] = [];
  const source = text
    .replace(/\bneither\b([^.;]*?)\bnor\b/gi, (_, middle: string) => `neither${middle.replace(/,/g, ' ')} or`)
    .replace(/\bnot only\b/gi, 'only');
  NEGATION_PATTERN.lastIndex = 0;
  for (const match of source.matchAll(NEGATION_PATTERN)) {
    const rest = source.slice(match.index + match[0].length);
    const end = rest.search(SCOPE_END);
    scopes.push((end < 0 ? rest : rest.slice(0, end)).toLowerCase());
  }
  return scopes;
}

/** Hedges and weak quantifiers, and the strong words an over-stated claim puts in their place. */
const WEAK_PATTERN =
  /\b(?:may|might|could|can|suggest(?:s|ed)?|some|several|many|most|often|usually|generally|typically|slightly|marginally|modestly|partially|partly|likely|probably|comparable|competitive|on par|similar)\b/gi;
const STRONG_PATTERN =
  /\b(?:all|every|always|certainly|prove[sd]?|fully|substantially|better than|outperform(?:s|ed)?|does|do|is|are)\b/gi;

/** Weak (hedge, some, comparable) and strong (all, always, outperforms) wording in a text. */
export function strengthCounts(text: string): { weak: number; strong: number } {
  return { weak: countMatches(WEAK_PATTERN, text), strong: countMatches(STRONG_PATTERN, text) };
}
export const hedgeCount = (text: string): number => countMatches(HEDGE_PATTERN, text);
export const conclusionCount = (text: string): number => countMatches(CONCLUSION_PATTERN, text);

/** Net direction of effect in a list of stems: +1 more "up" words, −1 more "down" words, 0 balanced. */
export function direction(stems: string[]): number {
  let score = 0;
  for (const s of stems) {
    if (UP.has(s)) score++;
    else if (DOWN.has(s)) score--;
  }
  return Math.sign(score);
}

/** Stems of up-words and down-words present, for same-class agreement checks. */
export function directionWords(stems: Iterable<string>): { up: Set<string>; down: Set<string> } {
  const up = new Set<string>();
  const down = new Set<string>();
  for (const s of stems) {
    if (UP.has(s)) up.add(s);
    else if (DOWN.has(s)) down.add(s);
  }
  return { up, down };
}

/**
 * Claim wording cues that shift the prior between labels (absolutes, modality, causal verbs).
 * Matched on the claim's lower-case text.
 */
export const CLAIM_CUES: [string, RegExp][] = [
  ['absolute', /\b(?:all|every|always|never|only|completely|entirely|sole(?:ly)?|exclusively)\b/],
  ['modal', /\b(?:can|may|could|able)\b/],
  ['causal', /\b(?:cause[sd]?|leads? to|results? in|induces?|triggers?|drives?|mediates?|regulates?)\b/],
  ['association', /\b(?:associated|correlat\w*|linked|related|predicts?|risk)\b/],
  ['comparative', /\b(?:more|less|higher|lower|greater|fewer|better|worse|than)\b/],
  ['treatment', /\b(?:treatment|therapy|drug|dose|trial|patients?|efficacy|effective)\b/],
];

/** Claim stems whose antonym appears in the evidence while the stem itself does not. */
export function antonymConflicts(claimStems: string[], evidenceStems: Set<string>): number {
  let conflicts = 0;
  for (const s of new Set(claimStems)) {
    const opposite = ANTONYMS.get(s);
    if (!opposite || evidenceStems.has(s)) continue;
    for (const o of opposite) {
      if (evidenceStems.has(o)) {
        conflicts++;
        break;
      }
    }
  }
  return conflicts;
}

/** "No effect" findings: the usual way an abstract contradicts a claimed effect. */
const NULL_RESULT_PATTERN =
  /\b(?:no (?:significant |statistically significant |clear |major |detectable |apparent )?(?:difference|effect|association|change|benefit|increase|decrease|reduction|improvement|correlation|relationship|evidence)s?|not (?:significantly |statistically )?(?:associated|correlated|different|affect\w*|alter\w*|change\w*|improve\w*|reduce\w*|increase\w*|related)|did not (?:\w+ )?(?:affect|alter|change|improve|reduce|increase|differ)|failed to|was not|were not|unaffected|unchanged|similar (?:between|in|across))/gi;

export const nullResultCount = (text: string): number => countMatches(NULL_RESULT_PATTERN, text);

/**
 * Effect ratios (hazard, odds, risk ratios) in a sentence: +1 when they say "more" (> 1), −1 when
 * they say "less" (< 1), 0 when absent, mixed or too close to 1 to read.
 */
const RATIO_PATTERN =
  /\b(?:hazard ratios?|odds ratios?|relative risks?|risk ratios?|rate ratios?|a?HRs?|a?ORs?|RRs?|IRRs?)\b[^0-9.;]{0,40}?(\d+(?:\.\d+)?)/g;

export function effectRatioDirection(text: string): number {
  let score = 0;
  RATIO_PATTERN.lastIndex = 0;
  for (const match of text.matchAll(RATIO_PATTERN)) {
    const value = Number(match[1]);
    if (!Number.isFinite(value) || value <= 0 || value > 50) continue;
    if (value < 0.95) score--;
    else if (value > 1.05) score++;
  }
  return Math.sign(score);
}
