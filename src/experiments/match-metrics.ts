import { extractNumbers, statedPrecision } from '../core/numbers.ts';
import { normalizeForMatch } from '../core/text.ts';
import type { ClaimNumber } from '../core/types.ts';
import { type FlatMetric, flattenMetrics, metricPattern } from './flatten-metrics.ts';
import type { ExperimentRecord } from './record.ts';

export type ReproductionStatus = 'REPRODUCED' | 'NOT_REPRODUCED';

export interface ExperimentMatch {
  experimentId: number | undefined;
  experimentName: string;
  metric: string; // as recorded, e.g. "pass@1"
  path: string[]; // where in the metrics, e.g. ["languages", "cpp"]
  claimed: number; // in the recorded metric's units
  claimedText: string; // the number as the claim writes it
  observed: number;
  difference: number; // observed - claimed
  tolerance: number;
  toleranceSource: 'spec' | 'claim-precision';
  status: ReproductionStatus;
  context: { language?: string; model?: string; dataset?: string };
}

/** Programming-language names in prose → the keys runs record them under. */
const LANGUAGES: { key: string; claim: RegExp; path: RegExp }[] = [
  { key: 'cpp', claim: /c\+\+|\bcpp\b/i, path: /^(?:cpp|c\+\+|cplusplus)$/i },
  { key: 'python', claim: /\bpython\b/i, path: /^(?:python|py)$/i },
  { key: 'java', claim: /\bjava\b(?!\s*script)/i, path: /^java$/i },
  { key: 'js', claim: /\bjavascript\b|\bjs\b|\bnode\.?js\b/i, path: /^(?:js|javascript)$/i },
  { key: 'go', claim: /\bGo\b|\bgolang\b/, path: /^(?:go|golang)$/i },
  { key: 'rust', claim: /\brust\b/i, path: /^rust$/i },
];

function languagesInClaim(text: string): Set<string> {
  return new Set(LANGUAGES.filter((l) => l.claim.test(text)).map((l) => l.key));
}

function languageOfPath(path: string[]): string | undefined {
  for (const segment of path) {
    const found = LANGUAGES.find((l) => l.path.test(segment));
    if (found) return found.key;
  }
  return undefined;
}

/** "codegeex-13b" is mentioned by "CodeGeeX-13B" or, failing that, its first word ("CodeGeeX"). */
function mentions(claimNorm: string, name: string): boolean {
  const norm = normalizeForMatch(name);
  if (norm === '') return true;
  const padded = ` ${claimNorm} `;
  if (padded.includes(` ${norm} `)) return true;
  // The family name alone stands for the model when the rest is only a size or version ("13b", "v2").
  const [first, ...rest] = norm.split(' ');
  const onlySizeOrVersion = rest.length > 0 && rest.every((t) => /^(?:\d+(?:\.\d+)?[kmbt]?|v\d+)$/.test(t));
  return onlySizeOrVersion && first!.length >= 4 && padded.includes(` ${first} `);
}

interface LocatedNumber {
  number: ClaimNumber;
  start: number;
  end: number;
}

function locateNumbers(text: string): LocatedNumber[] {
  const out: LocatedNumber[] = [];
  let from = 0;
  for (const number of extractNumbers(text)) {
    const start = text.indexOf(number.text, from);
    if (start < 0) continue;
    out.push({ number, start, end: start + number.text.length });
    from = start + number.text.length;
  }
  return out;
}

/** The claimed value for a metric mention: nearest number after it (within 60 chars), else before (40). */
function numberFor(numbers: LocatedNumber[], mention: { start: number; end: number }): LocatedNumber | undefined {
  const outside = numbers.filter((n) => n.end <= mention.start || n.start >= mention.end);
  const after = outside.filter((n) => n.start >= mention.end && n.start - mention.end <= 60);
  if (after.length > 0) return after[0];
  const before = outside.filter((n) => n.end <= mention.start && mention.start - n.end <= 40);
  return before[before.length - 1];
}

/**
 * Matches a claim's quantities to recorded metrics by normalised metric name and context (language,
 * model, dataset). Within tolerance — the run's `tolerance`, else half the last digit the claim
 * states — the claim is REPRODUCED, else NOT_REPRODUCED with both values. No matching metric → [].
 * A run that names a model or dataset only matches claims that mention it, unless the run lists
 * the claim among those it tests.
 */
export function matchClaimToExperiments(claimText: string, experiments: ExperimentRecord[]): ExperimentMatch[] {
  const matches: ExperimentMatch[] = [];
  const claimNorm = normalizeForMatch(claimText);
  const claimLanguages = languagesInClaim(claimText);
  const numbers = locateNumbers(claimText);
  for (const experiment of experiments) {
    const spec = experiment.spec;
    const model = typeof spec.model === 'string' ? spec.model : undefined;
    const dataset =
      typeof spec.dataset === 'string' ? spec.dataset : experiment.kind === 'humaneval-x' ? 'HumanEval-X' : undefined;
    const listed = experiment.claims.some((c) => normalizeForMatch(c) === claimNorm || String(c) === claimText);
    if (!listed && model !== undefined && !mentions(claimNorm, model)) continue;
    if (!listed && dataset !== undefined && !mentions(claimNorm, dataset)) continue;
    const flat = flattenMetrics(experiment.metrics);
    const recordedLanguages = new Set(flat.map((m) => languageOfPath(m.path)).filter((l) => l !== undefined));
    const seen = new Set<string>();
    for (const metric of flat) {
      const language = languageOfPath(metric.path);
      if (!languageFits(language, claimLanguages, recordedLanguages)) continue;
      const mention = metricPattern(metric.key).exec(claimText);
      if (!mention) continue;
      const located = numberFor(numbers, { start: mention.index, end: mention.index + mention[0].length });
      if (!located) continue;
      const id = `${metric.path.join('/')}:${metric.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      matches.push(
        compare(
          experiment,
          metric,
          located.number,
          { language, model, dataset },
          typeof spec.tolerance === 'number' ? spec.tolerance : undefined,
        ),
      );
    }
  }
  return matches;
}

/** A claim naming a language needs that language; one naming none fits a run that recorded one or none. */
function languageFits(language: string | undefined, claimed: Set<string>, recorded: Set<string>): boolean {
  if (claimed.size > 0) return language !== undefined && claimed.has(language);
  return language === undefined || recorded.size === 1;
}

function compare(
  experiment: ExperimentRecord,
  metric: FlatMetric,
  number: ClaimNumber,
  context: ExperimentMatch['context'],
  specTolerance: number | undefined,
): ExperimentMatch {
  let claimed = number.value;
  let step = statedPrecision(number.text).step;
  const observed = metric.value;
  // "60%" or "60.0" against a recorded fraction 0.6; "0.60" against a recorded percentage 60.
  if ((number.unit === '%' || Math.abs(claimed) > 1) && Math.abs(observed) <= 1 && isRate(metric.key)) {
    claimed /= 100;
    step /= 100;
  } else if (number.unit !== '%' && Math.abs(claimed) <= 1 && Math.abs(observed) > 1 && isRate(metric.key)) {
    claimed *= 100;
    step *= 100;
  }
  const tolerance = specTolerance ?? step / 2;
  const difference = observed - claimed;
  const within = Math.abs(difference) <= tolerance + 1e-9 * Math.max(1, Math.abs(observed));
  const cleanContext = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
  return {
    experimentId: experiment.id,
    experimentName: experiment.name,
    metric: metric.name,
    path: metric.path,
    claimed,
    claimedText: number.text,
    observed,
    difference,
    tolerance,
    toleranceSource: specTolerance === undefined ? 'claim-precision' : 'spec',
    status: within ? 'REPRODUCED' : 'NOT_REPRODUCED',
    context: cleanContext,
  };
}

function isRate(key: string): boolean {
  return (
    /^pass@\d+$/.test(key) || ['accuracy', 'exactmatch', 'f1', 'precision', 'recall'].includes(key) || /rate$/.test(key)
  );
}
