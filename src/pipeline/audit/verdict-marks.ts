import type { DocumentVerdict } from './document-types.ts';

/**
 * The marks machine-written reports put in a "Verified" column or next to a bullet. The words are
 * matched whole, so "non" or "yesterday" mean nothing here.
 */
const POSITIVE_SYMBOLS = /^[✓✔☑✅√]/u;
const NEGATIVE_SYMBOLS = /^[✗✘×❌❎✕╳]/u;
const POSITIVE_WORDS = new Set([
  'yes',
  'y',
  'true',
  'supported',
  'verified',
  'confirmed',
  'correct',
  'pass',
  'passed',
  'holds',
  'valid',
  'ok',
  'agree',
  'agrees',
]);
const NEGATIVE_WORDS = new Set([
  'no',
  'n',
  'false',
  'refuted',
  'unsupported',
  'unverified',
  'not verified',
  'not supported',
  'contradicted',
  'incorrect',
  'wrong',
  'fail',
  'failed',
  'invalid',
  'x',
  'disagree',
]);
const PARTIAL_WORDS = new Set(['partial', 'partially', 'partly', 'mixed', '~', '±', 'partially supported']);

export interface VerdictMark {
  verdict: DocumentVerdict;
  mark: string;
}

/** The verdict a cell or prefix states, or null ("?", "n/a", "—", empty, anything else). */
export function parseVerdictMark(cell: string): VerdictMark | null {
  const text = cell
    .replace(/[*_`]/g, '')
    .replace(/\(.*?\)/g, ' ')
    .trim();
  if (text === '') return null;
  if (POSITIVE_SYMBOLS.test(text)) return { verdict: 'SUPPORTED', mark: text.slice(0, 1) };
  if (NEGATIVE_SYMBOLS.test(text)) return { verdict: 'REFUTED', mark: text.slice(0, 1) };
  const words = text
    .toLowerCase()
    .replace(/[.,;:!]+$/g, '')
    .replace(/\s+/g, ' ');
  // The mark is the cell's first word(s): "yes (0.91)", "no – figure differs".
  const lead = /^(not verified|not supported|partially supported|[\p{L}~±]+)(?=$|[\s,;:–—-])/u.exec(words)?.[1] ?? '';
  if (POSITIVE_WORDS.has(lead)) return { verdict: 'SUPPORTED', mark: lead };
  if (NEGATIVE_WORDS.has(lead)) return { verdict: 'REFUTED', mark: lead };
  if (PARTIAL_WORDS.has(lead)) return { verdict: 'PARTIAL', mark: lead };
  return null;
}

export interface ConfidenceFigure {
  /** 0–1 when the figure reads as a probability, else null. */
  value: number | null;
  raw: string;
  /** The figure is a number but no probability (e.g. 140%, 3.5 out of nothing). */
  invalid: boolean;
}

/**
 * A confidence as written: "0.92", ".92", "92%", "92" (read as percent), "0.92 (high)". Words like
 * "high" are kept raw with no value: there is no figure to check them against.
 */
export function parseConfidence(cell: string): ConfidenceFigure | null {
  const raw = cell.replace(/[*_`]/g, '').trim();
  if (raw === '' || /^[-–—?]$|^n\/?a$/i.test(raw)) return null;
  const match = /(-?\d*\.?\d+)\s*(%)?/.exec(raw);
  if (!match) return { value: null, raw, invalid: false };
  const number = Number(match[1]);
  const percent = match[2] === '%';
  if (!Number.isFinite(number)) return { value: null, raw, invalid: true };
  if (percent || number > 1) {
    if (number < 0 || number > 100) return { value: null, raw, invalid: true };
    return { value: round(number / 100), raw, invalid: false };
  }
  if (number < 0) return { value: null, raw, invalid: true };
  return { value: round(number), raw, invalid: false };
}

const round = (x: number): number => Number(x.toFixed(4));
