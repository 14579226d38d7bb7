/**
 * Perturbations of a paper's own result sentences, each of which changes what the sentence says in
 * one known way: a number beyond rounding, negation inserted or removed, direction flipped, a
 * dataset/model/metric swapped for another one from the same paper (REFUTED), or a hedge or
 * quantifier strengthened (PARTIAL). Pure string functions; `random` makes choices reproducible.
 */

export type PerturbationKind =
  | 'number'
  | 'negation_insert'
  | 'negation_remove'
  | 'direction'
  | 'comparison_swap'
  | 'entity_swap'
  | 'strengthen';

export interface Perturbation {
  kind: PerturbationKind;
  text: string;
  /** What was replaced and by what, for tests and inspection. */
  from: string;
  to: string;
}

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

/** Replaces text[start, end) and returns the new sentence. */
const splice = (text: string, start: number, end: number, by: string): string =>
  `${text.slice(0, start)}${by}${text.slice(end)}`;

/** Keeps the capitalisation of the word being replaced. */
function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] && original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase())
    return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

// --- numbers ---------------------------------------------------------------------------------

/** Words before a number that make it a label, not a measured value ("Table 3", "Section 2"). */
const LABEL_BEFORE =
  /(?:footnote|table|tab|figure|fig|section|sec|appendix|equation|eq|chapter|step|phase|§|top|k|n|layer|version|v)\.?\s*$/i;
const NUMBER = /(?<![\w.,\-[])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w\]]|\.\d|,\d)/g;

/** A measured number in the sentence changed beyond its rounding (not a year, label or citation). */
export function perturbNumber(text: string, random: Random): Perturbation | null {
  const candidates: { start: number; end: number; raw: string }[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const raw = m[0];
    const start = m.index;
    const value = Number(raw.replace(/,/g, ''));
    if (!raw.includes('.') && value >= 1900 && value <= 2100) continue; // a year
    if (LABEL_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue;
    if (/^\s*(?:\)|\])/.test(text.slice(start + raw.length)) && /[([]\s*$/.test(text.slice(0, start))) continue;
    candidates.push({ start, end: start + raw.length, raw });
  }
  if (candidates.length === 0) return null;
  // Prefer numbers with decimals or a percent sign: they are the results.
  const scored = candidates.filter(
    (c) => c.raw.includes('.') || text[c.end] === '%' || /^\s*%/.test(text.slice(c.end)),
  );
  const chosen = pick(scored.length > 0 ? scored : candidates, random);
  const replacement = changedNumber(chosen.raw, random, /^\s*(?:%|percent)/.test(text.slice(chosen.end)));
  return {
    kind: 'number',
    text: splice(text, chosen.start, chosen.end, replacement),
    from: chosen.raw,
    to: replacement,
  };
}

/** A value that differs from `raw` by well over its stated precision, printed the same way. */
export function changedNumber(raw: string, random: Random, percent: boolean): string {
  const value = Number(raw.replace(/,/g, ''));
  const decimals = raw.includes('.') ? raw.split('.')[1]!.length : 0;
  const step = 10 ** -decimals;
  let delta = Math.max(Math.abs(value) * (0.15 + 0.25 * random()), 3 * step);
  if (decimals === 0) delta = Math.max(1, Math.round(delta));
  let next = random() < 0.5 ? value - delta : value + delta;
  if (next <= 0 || (percent && next > 100))
    next = value + delta > (percent ? 100 : Infinity) ? value - delta : value + delta;
  if (next <= 0) next = value + delta;
  const printed = next.toFixed(decimals);
  return raw.includes(',') ? Number(printed).toLocaleString('en-US', { minimumFractionDigits: decimals }) : printed;
}

// --- negation --------------------------------------------------------------------------------

/** Base forms of verbs result sentences use, for "does not improve" / "did not improve". */
const VERB_BASES: Record<string, [base: string, tense: 'present' | 'past']> = {};
const BASES = new Set<string>();
for (const base of (
  'outperform improve achieve reduce increase yield lead show help produce obtain reach surpass beat boost ' +
  'perform give provide require result capture generalize converge exceed match contain use benefit affect ' +
  'hurt degrade enable allow find observe report predict correlate contribute change'
).split(' ')) {
  const third = /(?:s|sh|ch|x|z)$/.test(base)
    ? `${base}es`
    : base.endsWith('y') && !/[aeiou]y$/.test(base)
      ? `${base.slice(0, -1)}ies`
      : `${base}s`;
  const past = base.endsWith('e')
    ? `${base}d`
    : base.endsWith('y') && !/[aeiou]y$/.test(base)
      ? `${base.slice(0, -1)}ied`
      : `${base}ed`;
  VERB_BASES[third] = [base, 'present'];
  VERB_BASES[past] = [base, 'past'];
  BASES.add(base);
}
Object.assign(VERB_BASES, {
  led: ['lead', 'past'],
  gave: ['give', 'past'],
  found: ['find', 'past'],
  beat: ['beat', 'past'],
  hurt: ['hurt', 'past'],
  showed: ['show', 'past'],
  shown: ['show', 'past'],
});

const AUXILIARY =
  /\b(is|are|was|were|can|could|will|would|should|does|do|did|has|have|had|may|might|must)\b(?!\s+(?:not|no|never)\b)/i;

/** Inserts a negation on the sentence's first auxiliary or known main verb. */
export function insertNegation(text: string): Perturbation | null {
  if (/\b(?:not|no|never|neither|nor|cannot|n't|fail(?:s|ed)? to)\b/i.test(text)) return null;
  const verbPattern = new RegExp(`\\b(${Object.keys(VERB_BASES).join('|')})\\b`, 'i');
  const aux = AUXILIARY.exec(text);
  const verb = verbPattern.exec(text);
  if (aux && (!verb || aux.index <= verb.index)) {
    const word = aux[1]!;
    const by = word.toLowerCase() === 'can' ? `${word}not` : `${word} not`;
    return { kind: 'negation_insert', text: splice(text, aux.index, aux.index + word.length, by), from: word, to: by };
  }
  if (verb) {
    const word = verb[1]!;
    const [base, tense] = VERB_BASES[word.toLowerCase()]!;
    if (word === 'shown') return null;
    const by = `${tense === 'past' ? 'did' : 'does'} not ${base}`;
    return {
      kind: 'negation_insert',
      text: splice(text, verb.index, verb.index + word.length, matchCase(word, by)),
      from: word,
      to: by,
    };
  }
  // A plural subject's verb in the base form ("the features produce a gain"), not an infinitive.
  const plural = new RegExp(`(?<!\\bto )\\b(${[...BASES].join('|')})\\b`, 'i').exec(text);
  if (plural) {
    const by = `do not ${plural[1]!.toLowerCase()}`;
    return {
      kind: 'negation_insert',
      text: splice(text, plural.index, plural.index + plural[1]!.length, by),
      from: plural[1]!,
      to: by,
    };
  }
  return null;
}

const THIRD_PERSON = new Map(
  Object.entries(VERB_BASES)
    .filter(([, [, t]]) => t === 'present')
    .map(([w, [b]]) => [b, w]),
);
const PAST = new Map(
  Object.entries(VERB_BASES)
    .filter(([, [, t]]) => t === 'past')
    .map(([w, [b]]) => [b, w]),
);

/** Removes the sentence's negation ("does not improve" → "improves", "no significant" → "a significant"). */
export function removeNegation(text: string): Perturbation | null {
  const rules: [RegExp, (m: RegExpExecArray) => string | null][] = [
    [
      /\b(does|do|did) not (\w+ly )?(\w+)/i,
      (m) => {
        const adverb = m[2] ?? '';
        const base = m[3]!.toLowerCase();
        if (m[1]!.toLowerCase() === 'did') return adverb + (PAST.get(base) ?? `${base.replace(/e$/, '')}ed`);
        return adverb + (m[1]!.toLowerCase() === 'does' ? (THIRD_PERSON.get(base) ?? `${base}s`) : base);
      },
    ],
    [/\bneither (.+?) nor /i, (m) => `both ${m[1]} and `],
    [/\bcannot\b/i, () => 'can'],
    [/\b(is|are|was|were|can|could|will|would|should|has|have|had|may|might|must) not\b(?! only)/i, (m) => m[1]!],
    [/\bno (significant|clear|substantial|consistent|measurable|noticeable)\b/i, (m) => `a ${m[1]}`],
    [
      /\bfail(s|ed)? to (\w+)/i,
      (m) => {
        const base = m[2]!.toLowerCase();
        if (m[1] === 'ed') return PAST.get(base) ?? `${base.replace(/e$/, '')}ed`;
        return m[1] === 's' ? (THIRD_PERSON.get(base) ?? `${base}s`) : base;
      },
    ],
    [/\bnot (?!only\b)/i, () => ''],
  ];
  for (const [pattern, replace] of rules) {
    const m = pattern.exec(text);
    if (!m) continue;
    const by = replace(m);
    if (by === null) continue;
    const next = splice(text, m.index, m.index + m[0].length, matchCase(m[0], by)).replace(/\s{2,}/g, ' ');
    return { kind: 'negation_remove', text: next, from: m[0], to: by };
  }
  return null;
}

// --- direction -------------------------------------------------------------------------------

const OPPOSITES: [string, string][] = [
  ['higher', 'lower'],
  ['better', 'worse'],
  ['best', 'worst'],
  ['increases', 'decreases'],
  ['increased', 'decreased'],
  ['increase', 'decrease'],
  ['improves', 'hurts'],
  ['improved', 'degraded'],
  ['improve', 'hurt'],
  ['improvement', 'degradation'],
  ['improvements', 'degradations'],
  ['outperforms', 'underperforms'],
  ['outperformed', 'underperformed'],
  ['outperform', 'underperform'],
  ['faster', 'slower'],
  ['larger', 'smaller'],
  ['gains', 'losses'],
  ['gain', 'loss'],
  ['superior', 'inferior'],
  ['more', 'fewer'],
  ['above', 'below'],
  ['reduces', 'increases'],
  ['reduced', 'increased'],
  ['positive', 'negative'],
  ['easier', 'harder'],
  ['helps', 'hurts'],
];
const OPPOSITE = new Map<string, string>();
for (const [a, b] of OPPOSITES) {
  if (!OPPOSITE.has(a)) OPPOSITE.set(a, b);
  if (!OPPOSITE.has(b)) OPPOSITE.set(b, a);
}
const DIRECTION_WORD = new RegExp(`\\b(${[...OPPOSITE.keys()].join('|')})\\b`, 'i');

/** Flips the first direction word (higher ↔ lower, improves ↔ hurts, outperforms ↔ underperforms). */
export function flipDirection(text: string): Perturbation | null {
  const m = DIRECTION_WORD.exec(text);
  if (!m) return null;
  const word = m[1]!;
  const by = matchCase(word, OPPOSITE.get(word.toLowerCase())!);
  return { kind: 'direction', text: splice(text, m.index, m.index + word.length, by), from: word, to: by };
}

/** A name-like token: an acronym, CamelCase, or letters with digits ("BLEU", "WebQuestions", "GPT-2"). */
export const NAME_TOKEN =
  /\b(?:[A-Z][a-z]*[A-Z][A-Za-z0-9]*|[A-Z]{2,}[A-Za-z0-9]*|[A-Za-z]+-?\d+[A-Za-z]*)(?:-[A-Za-z0-9]+)*\b/g;

const COMPARISON =
  /\b(outperforms|outperformed|beats|surpasses|is better than|performs better than|improves over|exceeds)\b/i;

/** "A beats B" → "B beats A", when a name sits on each side of the comparison verb. */
export function swapComparison(text: string): Perturbation | null {
  const m = COMPARISON.exec(text);
  if (!m) return null;
  const before = [...text.slice(0, m.index).matchAll(NAME_TOKEN)].at(-1);
  const after = [...text.slice(m.index + m[0].length).matchAll(NAME_TOKEN)][0];
  if (!before || !after || before[0] === after[0]) return null;
  const gapBefore = text.slice(before.index + before[0].length, m.index);
  const afterStart = m.index + m[0].length + after.index;
  if (gapBefore.split(/\s+/).length > 4 || after.index > 25) return null;
  const swapped =
    text.slice(0, before.index) +
    after[0] +
    text.slice(before.index + before[0].length, afterStart) +
    before[0] +
    text.slice(afterStart + after[0].length);
  return {
    kind: 'comparison_swap',
    text: swapped,
    from: `${before[0]} … ${after[0]}`,
    to: `${after[0]} … ${before[0]}`,
  };
}

// --- entities --------------------------------------------------------------------------------

const METRICS = ['accuracy', 'precision', 'recall', 'F1', 'BLEU', 'ROUGE', 'perplexity', 'AUC', 'MAE', 'MSE', 'RMSE'];
const METRIC_SET = new Set(METRICS.map((m) => m.toLowerCase()));

/** Name tokens used at least twice in a paper: its datasets, models, metrics and systems. */
export function paperNames(fullText: string): string[] {
  const counts = new Map<string, number>();
  for (const m of fullText.matchAll(NAME_TOKEN)) {
    const name = m[0];
    if (name.length < 2 || /^\d/.test(name) || /^(?:Table|Figure|Section|Fig|Eq)\d*$/i.test(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const metric of METRICS) {
    const n = fullText.match(new RegExp(`\\b${metric}\\b`, 'g'))?.length ?? 0;
    if (n > 0) counts.set(metric, (counts.get(metric) ?? 0) + n);
  }
  return [...counts]
    .filter(([, n]) => n >= 2)
    .map(([name]) => name)
    .sort();
}

/**
 * Swaps a dataset/model/metric name for another name of the same paper (a metric for a metric), or
 * changes a version number ("MT12" → "MT13"), so the claim names something the evidence does not say.
 */
export function swapEntity(text: string, names: readonly string[], random: Random): Perturbation | null {
  const present = [...new Set([...text.matchAll(NAME_TOKEN)].map((m) => m[0]))].filter((n) => names.includes(n));
  for (const metric of METRICS)
    if (new RegExp(`\\b${metric}\\b`).test(text) && !present.includes(metric)) present.push(metric);
  if (present.length === 0) return null;
  const target = pick(present.sort(), random);
  const isMetric = METRIC_SET.has(target.toLowerCase());
  const pool = names.filter(
    (n) => n !== target && !text.includes(n) && METRIC_SET.has(n.toLowerCase()) === isMetric && n.length >= 2,
  );
  let by: string | null = pool.length > 0 ? pick(pool, random) : null;
  const version = /^(.*?)(\d+)$/.exec(target);
  if ((!by || random() < 0.25) && version && version[1]) by = `${version[1]}${Number(version[2]) + 1}`;
  if (!by) return null;
  const at = new RegExp(`\\b${target.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\b`).exec(text);
  if (!at) return null;
  return { kind: 'entity_swap', text: splice(text, at.index, at.index + target.length, by), from: target, to: by };
}

// --- strength --------------------------------------------------------------------------------

const STRENGTHEN: [RegExp, string][] = [
  [/\b(comparable|competitive|on par) (to|with)\b/i, 'better than'],
  [/\bsimilar(?:ly)? (?:performance|results?) (?:to|as)\b/i, 'better performance than'],
  [/\b(?:may|might|could|can) be\b/i, 'is'],
  [/\b(?:we|they|you|i)\s+(?:may|might|could|can)\b(?! not)/i, 'do'],
  [/\b(?:may|might|could|can)\b(?! not)/i, 'does'],
  [/\bsuggests?\b/i, 'proves'],
  [
    /\b(?:some|several|many|most)\b(?! (?:orders|times|of magnitude|hundreds?|thousands?|millions?|years|ways)\b)/i,
    'all',
  ],
  [/\b(?:often|usually|generally|typically)\b/i, 'always'],
  [/\b(?:slightly|marginally|modestly)\b/i, 'substantially'],
  [/\b(?:partially|partly)\b/i, 'fully'],
  [/\b(?:likely|probably)\b/i, 'certainly'],
];

/** Strengthens a hedge or quantifier: "some" → "all", "comparable to" → "better than", "may" → "does". */
export function strengthen(text: string): Perturbation | null {
  for (const [pattern, by] of STRENGTHEN) {
    const m = pattern.exec(text);
    if (!m) continue;
    const subject = /^(\w+)\s+(?:may|might|could|can)$/i.exec(m[0]);
    const replacement = subject ? `${subject[1]} ${by}` : matchCase(m[0], by);
    return {
      kind: 'strengthen',
      text: splice(text, m.index, m.index + m[0].length, replacement),
      from: m[0],
      to: replacement,
    };
  }
  return null;
}

/** Every REFUTED perturbation that applies to the sentence, in a fixed order. */
export function refutingPerturbations(text: string, names: readonly string[], random: Random): Perturbation[] {
  return [
    perturbNumber(text, random),
    insertNegation(text),
    removeNegation(text),
    flipDirection(text),
    swapComparison(text),
    swapEntity(text, names, random),
  ].filter((p): p is Perturbation => p !== null && p.text !== text);
}

/** A light paraphrase for a SUPPORTED claim: drops lead-in connectives and "we show that". */
export function paraphrase(text: string): string {
  let out = text
    .replace(
      /^(?:However|Moreover|Furthermore|In addition|Additionally|Overall|Finally|Also|Thus|Therefore|Notably|Importantly|Interestingly|As expected|In particular|Indeed),\s+/i,
      '',
    )
    .replace(
      /^(?:We|Our (?:results|experiments|analysis)) (?:find|found|show|showed|observe|observed|demonstrate|demonstrated|see|note|notice) that\s+/i,
      '',
    );
  out = out.replace(/^(?:we|our)\b/i, (w) => (w.toLowerCase() === 'we' ? 'The authors' : "The authors'"));
  return out[0] ? out[0].toUpperCase() + out.slice(1) : out;
}
