/**
 * One table cell's printed text → its value. A cell holds one quantity ("71.8", "71.8 ± 0.4", "45.2%",
 * "1,430,000", "17 m", "10^{-2}") possibly wrapped in best/significance markers ("**83.2**", "83.2*",
 * "83.2†"); anything else (two numbers, a range, words) has no value, so it is never compared.
 */
import type { TableCell } from '../../core/tables.ts';

const MARKERS = /[*†‡§¶♠♣♥♦⋆★✝]+/g;
const BEST_MARKERS = /[*†‡⋆★]/;
const DASHES = /^[-–—−‐‑]+$|^(?:n\/?a|N\/?A|—|-)$/;
/** "10^{-2}" and "3.2 × 10^{-4}" as LaTeXML writes powers of ten in math. */
const POWER_OF_TEN = /^(?:(\d+(?:\.\d+)?)\s*(?:×|\\times|x)\s*)?10\^\{?([-−–]?\d+)\}?$/;
const NUMBER = String.raw`[-−–+]?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-−–+]?\s?\.\d+`;
/** Units a results cell prints after its number; "%" is the one that changes how a value reads. */
const UNIT = String.raw`%|\\%|pp|ms|s|sec|m|min|h|hr|hrs|d|k|K|M|B|G|GB|MB|TB|x|×`;
const SINGLE = new RegExp(
  String.raw`^\(?(${NUMBER})\s*(${UNIT})?\)?(?:\s*(?:±|\\pm|\+/-|\+-)\s*(${NUMBER})\s*(${UNIT})?)?(?:\s*\(([^()]{0,20})\))?$`,
);
/** "71.8_{\pm 0.4}" / "71.8_{±0.4}": the spread as a subscript. */
const SUBSCRIPT_SPREAD = /^(.*?)\s*_\{\s*(?:\\pm|±)\s*([^{}]+)\}\s*$/;

function toNumber(text: string): number {
  const cleaned = text.replace(/\s/g, '').replace(/[−–]/g, '-').replace(/,/g, '');
  return Number(cleaned);
}

function unitOf(raw: string | undefined): string | null {
  if (!raw) return null;
  return raw === '\\%' ? '%' : raw;
}

/** Parses one cell; `bold` is whether the markup (or a Markdown `**`) marks it. */
export function parseCell(printed: string, bold = false): TableCell {
  const text = printed.replace(/\s+/g, ' ').trim();
  let body = text;
  let marked = bold;
  const markdownBold = /^(\*\*|__)(.+)\1$/.exec(body);
  if (markdownBold) {
    marked = true;
    body = markdownBold[2]!.trim();
  }
  const withoutMarkers = body
    .replace(MARKERS, '')
    .replace(/\^\{?\s*\}?$/, '')
    .trim();
  if (withoutMarkers !== body && BEST_MARKERS.test(body) && /\d/.test(withoutMarkers)) marked = true;
  // "\textbf{83.2}" survives in some math alttext.
  const tex = /^\\(?:textbf|mathbf|bf|underline)\{(.+)\}$/.exec(withoutMarkers);
  if (tex) marked = true;
  const core = (tex ? tex[1]! : withoutMarkers).replace(/^\$|\$$/g, '').trim();
  const empty: TableCell = { text, value: null, unit: null, plusMinus: null, bold: marked };
  if (core === '' || DASHES.test(core)) return empty;

  let main = core;
  let spread: number | null = null;
  const subscript = SUBSCRIPT_SPREAD.exec(core);
  if (subscript) {
    main = subscript[1]!.trim();
    spread = toNumber(subscript[2]!);
    if (!Number.isFinite(spread)) return empty;
  }
  const power = POWER_OF_TEN.exec(main);
  if (power) {
    const mantissa = power[1] ? Number(power[1]) : 1;
    return { ...empty, value: mantissa * 10 ** toNumber(power[2]!), plusMinus: spread };
  }
  const match = SINGLE.exec(main);
  if (!match) return empty;
  const value = toNumber(match[1]!);
  if (!Number.isFinite(value)) return empty;
  const plusMinus = match[3] !== undefined ? toNumber(match[3]) : spread;
  return {
    ...empty,
    value,
    unit: unitOf(match[2]) ?? unitOf(match[4]),
    plusMinus: plusMinus !== null && Number.isFinite(plusMinus) ? plusMinus : null,
  };
}

/** Whether a column header says its values are percentages ("Acc. (%)", "% Gain", "F1 %"). */
export function headerSaysPercent(path: string[]): boolean {
  return path.some((header) => /%|\bpercent\b/i.test(header));
}
