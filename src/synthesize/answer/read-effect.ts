import { containsPhrase } from '../../core/relevance.ts';
import { BENCHMARK_FACTS, benchmarksNamed } from '../critique/benchmark-facts.ts';

/**
 * What a claim reports as a finding, read from its own words: on which outcome, in which direction,
 * how large (the figure as the claim writes it, so every size shown comes from a claim), and whether
 * it says the effect is significant. Claims that describe rather than report ("we introduce X") have
 * no direction.
 */
export type EffectDirection = 'positive' | 'negative' | 'null' | 'unclear';

export interface ClaimEffect {
  direction: EffectDirection;
  /** Verbatim from the claim ("+4% to +10%", "by 3.3 points"), or null when it gives no figure. */
  size: string | null;
  significant: boolean;
  /** The task or outcome the finding is about ("XNLI", "reading difficulty"), when the claim names one. */
  outcome: string | null;
  metric: string | null;
  /** Datasets and benchmarks the claim names. */
  data: string[];
}

const NULL_RESULT =
  /\b(?:no|not|n't|neither|nor|never|without)\b[^.;]{0,60}?\b(?:significant(?:ly)?|improv\w*|benefit\w*|gains?|effects?|differences?|changes?|better|help\w*|boost\w*|affect\w*)\b|\b(?:comparable|similar level|on par|unchanged|negligible|no difference|did not differ|remained? (?:the same|similar))\b/i;
const NEGATIVE =
  /\b(?:worse|decreas\w*|drops?|dropped|degrad\w*|hurts?|harm\w*|underperform\w*|fails? to|lower (?:accuracy|performance|scores?|results?)|reduc\w* (?:accuracy|performance)|negative transfer|negative (?:effect|impact)|deteriorat\w*)\b/i;
const POSITIVE =
  /\b(?:improv\w*|increas\w*|outperform\w*|better|gains?|boost\w*|higher|more effective|easier|benefit\w*|help(?:s|ed)?|surpass\w*|state-of-the-art|more confident|significantly more|raises?|raised|enhanc\w*|superior|faster|positive (?:effect|impact))\b/i;
/** Outcomes where less is better: "lower difficulty" is a gain. */
const LESS_IS_BETTER =
  /\b(?:difficulty|error|errors|perplexity|loss|latency|time|cost|effort|confusion|WER|burden|workload)\b/i;
const LESS = /\b(?:lower|less|fewer|reduc\w*|decreas\w*|shorter)\b/i;

const SIZE_PATTERNS = [
  /(?:ranging )?from [+−-]?\d[\d.,]*\s?%?(?: points)? to [+−-]?\d[\d.,]*\s?(?:%|points|percentage points|pp)?/i,
  /\bby (?:up to |about |around |roughly |over |nearly |almost )?[+−-]?\d[\d.,]*\s?(?:%|percentage points|points|pp|×|x\b|-fold|fold)?(?: (?:BLEU|F1|ROUGE[\w-]*|accuracy|pass@\d+))?/i,
  /\bof (?:up to |about |around |roughly |over |nearly |almost )?[+−-]?\d[\d.,]*\s?(?:%|percentage points|points|pp|×|-fold)/i,
  /[+−]\d[\d.,]*\s?(?:%|points|pp)?(?:\s?(?:to|–)\s?[+−]?\d[\d.,]*\s?(?:%|points|pp)?)?/,
  /\d[\d.,]*\s?(?:%|percentage points|points|pp)(?!\w)/i,
  /[+−-]?\d[\d.,]*\s?(?:%|points?)?\s(?:higher|lower|better|worse|more|less|fewer)\b/i,
  /\bp\s?[<=]\s?0?\.\d+/i,
  // A user study's statistics as printed: "(˜𝑥 = 3.00, 𝜎 = 0.97)".
  /\([^()]{0,40}=\s?\d[^()]{0,60}\)/u,
];

const METRICS: [RegExp, string][] = [
  [/\bpass@\d+/i, 'pass@k'],
  [/\baccuracy\b/i, 'accuracy'],
  [/\bF1\b/i, 'F1'],
  [/\bBLEU\b/, 'BLEU'],
  [/\bROUGE[\w-]*/i, 'ROUGE'],
  [/\bexact match\b|\bEM\b/, 'exact match'],
  [/\bperplexity\b/i, 'perplexity'],
  [/\bAUC\b|\bAUROC\b/, 'AUC'],
  [/\bprecision\b/i, 'precision'],
  [/\brecall\b/i, 'recall'],
  [/\b(?:user )?ratings?\b/i, 'rating'],
];

/** Outcomes named in prose (user studies and the like), with the label findings are grouped under. */
const OUTCOME_WORDS: [RegExp, string][] = [
  // Named for what a favourable effect raises, so "better" reads right ("lower difficulty" is easier reading).
  [/\b(?:reading difficulty|easier time reading|easier to read|difficulty)\b/i, 'ease of reading'],
  [/\bconfiden(?:t|ce)\b/i, 'confidence'],
  [/\bcomprehension\b/i, 'comprehension'],
  [/\bdiscover\w*\b[^.]{0,30}\b(?:prior work|papers?|citations?)\b/i, 'discovering relevant papers'],
  [/\b(?:faster|slower|time to \w+|completion time)\b/i, 'time'],
  [/\bsatisf\w*\b/i, 'satisfaction'],
  [/\busability\b/i, 'usability'],
];

/** Capitalised words after "on" that are not datasets. */
const NOT_DATA = /^(?:Table|Figure|Section|AI|ML|NLP|GPU|GPUs|CPU)s?$/;

export function readEffect(text: string, outcomeFacets: string[] = []): ClaimEffect {
  const data = benchmarksNamed(text, BENCHMARK_FACTS).map((b) => b.name);
  // Datasets the claim names on its own terms: "on XNLI", "on the UDPOS task".
  for (const match of text.matchAll(/\b[Oo]n (?:the )?([\p{Lu}][\p{L}\p{N}-]*[\p{Lu}\p{N}][\p{L}\p{N}-]*)\b/gu)) {
    if (!data.includes(match[1]!) && !NOT_DATA.test(match[1]!)) data.push(match[1]!);
  }
  const metric = METRICS.find(([re]) => re.test(text))?.[1] ?? null;
  const named = OUTCOME_WORDS.find(([re]) => re.test(text))?.[1] ?? null;
  const facet = outcomeFacets.find((f) => containsPhrase(text.toLowerCase(), f.toLowerCase())) ?? null;
  const outcome = data[0] ?? named ?? facet ?? metric;
  const size = SIZE_PATTERNS.map((re) => re.exec(text)?.[0]?.trim()).find((s) => s && /\d/.test(s)) ?? null;
  return {
    direction: direction(text, size),
    size,
    significant: /\bsignificant(?:ly)?\b/i.test(text) && !/\bnot (?:statistically )?significant/i.test(text),
    outcome,
    metric,
    data,
  };
}

/**
 * The effects of a claim clause by clause: "easier reading … while retaining a similar level of
 * comprehension" is a gain on one outcome and no effect on another. A clause that names no outcome
 * of its own takes the claim's.
 */
export function readEffects(text: string, outcomeFacets: string[] = []): ClaimEffect[] {
  const whole = readEffect(text, outcomeFacets);
  const clauses = text
    .split(/;\s+|,?\s+\b(?:while|whereas|but|although)\b\s+|,?\s+and\s+(?=(?:were|was|had|is|are|did|showed|also)\b)/i)
    .filter((c) => c.trim().length > 0);
  if (clauses.length <= 1) return [whole];
  const effects = clauses
    .map((clause) => readEffect(clause, outcomeFacets))
    .map((e) => ({ ...e, outcome: e.outcome ?? whole.outcome, data: e.data.length > 0 ? e.data : whole.data }))
    .filter((e) => e.direction !== 'unclear');
  return effects.length > 0 ? effects : [whole];
}

function direction(text: string, size: string | null): EffectDirection {
  // "would be", "could decrease": a hypothesis or a wish, not a finding, unless the claim reports one.
  if (
    /\b(?:would|could|might)\b/i.test(text) &&
    !/\b(?:found|finds?|show(?:s|ed|n)?|demonstrat\w*|observ\w*|report\w*)\b/i.test(text)
  )
    return 'unclear';
  if (NULL_RESULT.test(text)) return 'null';
  const lessIsBetter = LESS_IS_BETTER.exec(text);
  if (lessIsBetter && LESS.test(text)) return 'positive';
  if (NEGATIVE.test(text)) return 'negative';
  if (POSITIVE.test(text)) return 'positive';
  if (size && /^[-−]/.test(size.replace(/^(?:by|of) /i, ''))) return 'negative';
  return 'unclear';
}
