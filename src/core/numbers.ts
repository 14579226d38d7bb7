import type { ClaimNumber } from './types.ts';

/**
 * Number-aware parsing and comparison. Claims and evidence write the same quantity many ways
 * ("8.2%" / "0.082", "1.1M" / "1,104,934"), and a claim is only as precise as it states: "71"
 * agrees with "71.3", "71.3" does not agree with "71.8".
 */

export type QuantityComparison = 'equal' | 'within_rounding' | 'different' | 'incomparable';

export interface StatedPrecision {
  /** Decimal places written in the mantissa ("71.30" → 2, "1.1M" → 1, "3k" → 0). */
  decimals: number;
  /** Smallest step the text distinguishes, in the same units as the parsed value ("1.1M" → 100000). */
  step: number;
}

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
};

/** Units recognised right after a number; the value is the canonical spelling. */
const UNITS: Record<string, string> = {
  '%': '%',
  percent: '%',
  'per cent': '%',
  percentage: '%',
  'percentage points': 'pp',
  pp: 'pp',
  fold: 'fold',
  x: 'fold',
  '×': 'fold',
  times: 'fold',
  mg: 'mg',
  g: 'g',
  kg: 'kg',
  µg: 'µg',
  ug: 'µg',
  mcg: 'µg',
  ng: 'ng',
  ml: 'ml',
  l: 'l',
  mm: 'mm',
  cm: 'cm',
  km: 'km',
  m: 'm',
  nm: 'nm',
  ms: 'ms',
  s: 's',
  sec: 's',
  seconds: 's',
  min: 'min',
  minutes: 'min',
  h: 'h',
  hr: 'h',
  hours: 'h',
  hour: 'h',
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  wk: 'week',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
  yr: 'year',
  patients: 'patients',
  participants: 'participants',
  people: 'people',
  subjects: 'subjects',
  '°c': '°C',
  mmhg: 'mmHg',
  iu: 'IU',
  ppm: 'ppm',
  mmol: 'mmol',
  mol: 'mol',
  kda: 'kDa',
  hz: 'Hz',
  db: 'dB',
  points: 'points',
  dollars: '$',
  usd: '$',
};

const SCALE_WORDS = Object.keys(SCALES).sort((a, b) => b.length - a.length);
const UNIT_WORDS = Object.keys(UNITS).sort((a, b) => b.length - a.length);
const LABEL_BEFORE =
  /(?:\b(?:section|sections|sec|§|table|tab|figure|fig|figs|eq|eqs|equation|equations|appendix|chapter|ch|step|line|lines|ref|refs|page|pp|p|algorithm|alg|theorem|lemma|definition|table s|figure s)\.?\s*\(?|§\s*)$/i;

const NUMBER = /[-−–]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/g;

/**
 * Things counted in a hyphenated compound ("a 12-layer model", "14-word windows", "character
 * 6-grams"): the number is a figure of the claim, compared like "12 layers". Only these words, lower
 * case: any other hyphenated word after a number is taken for part of a name.
 */
const COUNTED_COMPOUND =
  /^[-‐](?:words?|grams?|layers?|bits?|shots?|heads?|tokens?|dimensional|dimensions?|steps?|epochs?|hops?|class(?:es)?|way|sentences?|pages?|points?|stars?|items?|nodes?|channels?|blocks?|stages?|minutes?|seconds?|turns?|rounds?|samples?|examples?|runs?|seeds?|languages?|letters?|characters?|digits?|pixels?|frames?|gpus?|cores?|parameters?|billion|million)\b/;

/** Every number in `text` with its unit, skipping identifiers (COVID-19), citation years and labels (Table 2). */
export function extractNumbers(text: string): ClaimNumber[] {
  const out: ClaimNumber[] = [];
  NUMBER.lastIndex = 0;
  let match: RegExpExecArray | null = NUMBER.exec(text);
  while (match !== null) {
    const raw = match[0];
    let start = match.index;
    let body = raw;
    let negative = false;
    if (/^[-−–]/.test(raw)) {
      const before = text.slice(Math.max(0, start - 1), start);
      const isMinus = raw[0] !== '–' && (start === 0 || /[\s(=:[,;<>~]/.test(before));
      body = raw.slice(1);
      start += 1;
      negative = isMinus;
    }
    const end = match.index + raw.length;
    const parsed = parseNumberAt(text, start, body, end, negative);
    if (parsed) {
      out.push(parsed.number);
      NUMBER.lastIndex = parsed.end;
    }
    match = NUMBER.exec(text);
  }
  propagateRangeUnits(text, out);
  return out;
}

function parseNumberAt(
  text: string,
  start: number,
  body: string,
  end: number,
  negative: boolean,
): { number: ClaimNumber; end: number } | null {
  const before = text.slice(Math.max(0, start - 40), start);
  // Part of an identifier or metric name: "COVID-19", "CD4", "IL-6", "H1N1", "v2", "pass@1".
  if (/[\p{L}_@][-‐]?$/u.test(before)) return null;
  if (/\d[.,]$/.test(before)) return null; // tail of something like "1.2.3"
  if (body.startsWith('.') && /\d$/.test(before)) return null; // ".2" of a skipped label "3.2.2"
  if (LABEL_BEFORE.test(before)) return null;
  // Citation markers: "[12]", "[3, 4]".
  if (/\[[\d,\s–-]*$/.test(before) && /^[\d,\s–-]*\]/.test(text.slice(end))) return null;
  let value = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  if (isCitationYear(text, start, end, body)) return null;
  if (isSectionHeading(text, start, end, body)) return null;

  let cursor = end;
  let scale = 1;
  let unit: string | undefined;
  const after = text.slice(end, end + 40);
  const scaleMatch = matchWord(after, SCALE_WORDS);
  if (scaleMatch) {
    scale = SCALES[scaleMatch.word.toLowerCase()] ?? 1;
    cursor += scaleMatch.length;
  }
  const unitMatch = matchWord(text.slice(cursor, cursor + 40), UNIT_WORDS, true);
  if (unitMatch) {
    unit = UNITS[unitMatch.word.toLowerCase()];
    cursor += unitMatch.length;
  } else if (!scaleMatch) {
    // Glued to letters that are not a unit: an identifier like "4PBA" or "3D".
    if (/^[\p{L}]/u.test(text.slice(end))) return null;
    // Glued by a hyphen to a word: a name ("5-HT", "2-methyl", "5-fluorouracil") unless the word is a
    // counted thing ("12-layer", "14-word", "6-grams", "4-bit", "5-shot"), whose number is a figure.
    const hyphenated = text.slice(end);
    if (
      /^[-‐][\p{L}]/u.test(hyphenated) &&
      !/^[-‐](?:fold|year|day|week|month|hour)/i.test(hyphenated) &&
      !COUNTED_COMPOUND.test(hyphenated)
    )
      return null;
  }
  value *= scale;
  if (negative) value = -value;
  const number: ClaimNumber = { value, text: text.slice(negative ? start - 1 : start, cursor).trim() };
  if (unit !== undefined) number.unit = unit;
  return { number, end: cursor };
}

/** Matches a scale or unit word at the start of `after` (optionally after a space or hyphen). */
function matchWord(after: string, words: string[], allowHyphen = false): { word: string; length: number } | null {
  const scales = words === SCALE_WORDS;
  const lead = allowHyphen ? /^(?:[-‐]|\s)?/ : /^\s?/;
  const leadMatch = lead.exec(after);
  const offset = leadMatch ? leadMatch[0].length : 0;
  const rest = after.slice(offset).toLowerCase();
  for (const word of words) {
    if (!rest.startsWith(word)) continue;
    const next = rest.slice(word.length, word.length + 1);
    // A word unit must end at a word boundary; "%" and "×" need no boundary.
    if (/[\p{L}\p{N}]/u.test(word.slice(-1)) && /[\p{L}\p{N}]/u.test(next)) continue;
    // Single-letter units/scales need the letter glued to the digits ("3k", "5 h" is too ambiguous).
    if (word.length === 1 && /[a-z]/.test(word) && offset > 0) continue;
    // "1.1M" is a million, "5m" is five metres: single-letter M/B scales must be upper case.
    if (scales && (word === 'm' || word === 'b') && after[offset] !== word.toUpperCase()) continue;
    return { word, length: offset + word.length };
  }
  return null;
}

function isCitationYear(text: string, start: number, end: number, body: string): boolean {
  if (!/^\d{4}$/.test(body)) return false;
  const year = Number(body);
  if (year < 1800 || year > 2100) return false;
  const before = text.slice(Math.max(0, start - 60), start);
  const after = text.slice(end, end + 3);
  // "(Smith, 2019)", "(Smith et al. 2019; Jones 2020)", "[Smith 2019]".
  const open = Math.max(before.lastIndexOf('('), before.lastIndexOf('['));
  const close = Math.max(before.lastIndexOf(')'), before.lastIndexOf(']'));
  if (open > close) {
    const inside = before.slice(open + 1);
    if (/\p{Lu}[\p{L}'-]+/u.test(inside) || /et al/.test(inside)) return true;
  }
  // "Smith (2019)", "Smith et al. (2019)".
  if (/(?:\p{Lu}[\p{L}'-]+|et al\.?)\s*\($/u.test(before) && /^[a-z]?\)/.test(after)) return true;
  return false;
}

function isSectionHeading(text: string, start: number, end: number, body: string): boolean {
  // "3.2 Training" at the start of a line: a heading number, not a quantity.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return false;
  if (!/^\d+(\.\d+)*$/.test(body) || body.length > 6) return false;
  const rest = text.slice(end);
  const lineEnd = text.indexOf('\n', end);
  return /^\.?\s+\p{Lu}\p{Ll}+/u.test(rest) && (lineEnd < 0 ? text.length : lineEnd) - end < 80;
}

/** "10–20%" states the unit once: give it to the first bound as well. */
function propagateRangeUnits(text: string, numbers: ClaimNumber[]): void {
  for (let i = 0; i + 1 < numbers.length; i++) {
    const a = numbers[i]!;
    const b = numbers[i + 1]!;
    if (a.unit !== undefined || b.unit === undefined) continue;
    const at = text.indexOf(a.text);
    const between = at >= 0 ? text.slice(at + a.text.length, text.indexOf(b.text, at + a.text.length)) : '';
    if (/^\s*(?:[-–—]|to|and)\s*$/.test(between)) a.unit = b.unit;
  }
}

/** The precision a number's text states: decimals written, and the step they imply after scaling. */
export function statedPrecision(text: string): StatedPrecision {
  const match = /(\d[\d,]*)(?:\.(\d+))?/.exec(text);
  if (!match) return { decimals: 0, step: 1 };
  const decimals = match[2]?.length ?? 0;
  const rest = text.slice(match.index + match[0].length);
  const scaleMatch = matchWord(rest, SCALE_WORDS);
  const scale = scaleMatch ? (SCALES[scaleMatch.word.toLowerCase()] ?? 1) : 1;
  return { decimals, step: 10 ** -decimals * scale };
}

/** Canonical unit; percent points and percent are kept apart, unknown units pass through. */
function canonicalUnit(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  return UNITS[unit.toLowerCase()] ?? unit.toLowerCase();
}

/**
 * Compares a claimed quantity with one found in evidence at the precision the texts state
 * (the coarser of the two): "71" vs "71.3" → within_rounding, "71.3" vs "71.8" → different,
 * "8.2%" vs "0.082" → equal. Different units that cannot be converted → incomparable.
 */
export function compareQuantities(claimed: ClaimNumber, found: ClaimNumber): QuantityComparison {
  const claimUnit = canonicalUnit(claimed.unit);
  const foundUnit = canonicalUnit(found.unit);
  let claimValue = claimed.value;
  let foundValue = found.value;
  let claimStep = statedPrecision(claimed.text).step;
  let foundStep = statedPrecision(found.text).step;
  if (claimUnit === '%' && foundUnit === undefined && Math.abs(foundValue) <= 1 && /\./.test(found.text)) {
    foundValue *= 100;
    foundStep *= 100;
  } else if (foundUnit === '%' && claimUnit === undefined && Math.abs(claimValue) <= 1 && /\./.test(claimed.text)) {
    claimValue *= 100;
    claimStep *= 100;
  } else if (claimUnit !== foundUnit && (claimUnit === '%' || foundUnit === '%' || (claimUnit && foundUnit))) {
    // Percent against a plain count, or two different units: not the same kind of quantity.
    return 'incomparable';
  }
  if (!Number.isFinite(claimValue) || !Number.isFinite(foundValue)) return 'incomparable';
  const scale = Math.max(Math.abs(claimValue), Math.abs(foundValue), 1e-12);
  const diff = Math.abs(claimValue - foundValue);
  if (diff <= scale * 1e-9) return 'equal';
  const step = Math.max(claimStep, foundStep);
  if (diff <= step / 2 + scale * 1e-9) return 'within_rounding';
  return 'different';
}
