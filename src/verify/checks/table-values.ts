import { compareQuantities } from '../../core/numbers.ts';
import { contentStems } from '../../core/relevance.ts';
import { cellAddress, type ResultTable, rowHeader } from '../../core/tables.ts';
import type { ClaimNumber } from '../../core/types.ts';
import { STOP_WORDS, stem } from '../../core/words.ts';
import { expandLanguagePairs, type KeyContent, mentionsEntity } from './key-content.ts';
import type { MeasuredQuantity } from './measured-quantities.ts';
import type { CellReading } from './table-cells.ts';

/**
 * A figure found by its value. Claims rarely name a row the way its table does ("the full system
 * with all NNJM variants" is the row "+ Other NNJMs (Resc)", "the proposed bigram segmenter" is
 * "Prop.(bigram)"), so the anchored reading in table-cells.ts, which must match the row and the
 * column by name, finds no cell, and a figure printed in the paper's own table went unread. A figure
 * precise enough to be a fingerprint (three significant digits or more: 43.9, 0.774, 4,534) that a
 * cell of the claim's own paper prints is that cell, provided the cell's headers share a word with
 * the claim and nothing in the claim points at another row or column of the paper's tables (a
 * figure credited to the wrong condition is not supported by the right one's cell). Every other
 * figure of the claim must be in the same row or column. This reading only ever supports: where a
 * figure is not found there is no telling which cell it misreports.
 */
export function locateByValue(
  claimText: string,
  content: KeyContent & { direction: 'up' | 'down' | 'none' | null },
  /** The claim's figures, years left out. */
  quantities: MeasuredQuantity[],
  tables: ResultTable[],
  claimPaperId: string | null,
): CellReading[] {
  const own = tables.filter((table) => claimPaperId === null || table.paperId === claimPaperId);
  const stems = new Set(contentStems(claimText).filter((s) => !/^\d/.test(s)));
  // The claim's own figures are not row names: "43.9" must not pick the row "43".
  const tokens = new Set(identityTokens(quantities.reduce((text, q) => text.replace(q.number.text, ' '), claimText)));
  const names = [...content.entities, ...content.metrics];
  for (const quantity of quantities) {
    if (significantDigits(quantity.number.text) < FINGERPRINT_DIGITS || !comparable(quantity, claimText)) continue;
    const found: { reading: CellReading; shared: number }[] = [];
    for (const table of own) {
      for (let r = 0; r < table.rows.length; r++) {
        for (let c = table.rowHeaderColumns; c < (table.rows[r]?.cells.length ?? 0); c++) {
          const reading = agreeingCell(quantity.number, content.direction, table, r, c);
          if (!reading) continue;
          const headers = `${rowHeader(table, r).join(' ')} ${(table.columnHeaders[c] ?? []).join(' ')}`;
          const shared = headerStems(headers).filter((s) => stems.has(s)).length;
          if (
            shared === 0 ||
            !sameAbsence(claimText, headers) ||
            pointsElsewhere(names, table, r, c) ||
            namesAnotherCell(tokens, own, table, r, c)
          )
            continue;
          found.push({ reading, shared });
        }
      }
    }
    found.sort((a, b) => b.shared - a.shared);
    const best = found[0];
    if (!best) continue;
    const others = quantities.filter((q) => q !== quantity);
    const rest = others.map((q) => inRowOrColumn(q.number, content.direction, best.reading));
    if (rest.some((reading) => reading === null)) continue;
    return [best.reading, ...(rest as CellReading[])];
  }
  return [];
}

/** Three significant digits: 43.9 or 0.774 printed by chance in an unrelated cell is rare; 2 or 10% is not. */
const FINGERPRINT_DIGITS = 3;

/** "43.9" → 3, "0.774" → 3, "4,534" → 4, "0.0003" → 1, "100" → 1 (trailing zeros of an integer say nothing). */
export function significantDigits(text: string): number {
  const [whole = '', fraction] = text.replace(/[^\d.]/g, '').split('.');
  const digits = `${whole}${fraction ?? ''}`.replace(/^0+/, '');
  return (fraction === undefined ? digits.replace(/0+$/, '') : digits).length;
}

/** A stated value or an approximate one ("about 110.8"); never a bound ("more than 43.9"). */
function comparable(quantity: MeasuredQuantity, claimText: string): boolean {
  if (!quantity.bound) return true;
  const at = claimText.indexOf(quantity.number.text);
  return /\b(?:about|around|approximately|roughly|nearly|some)\s*$|[~≈]\s*$/i.test(
    claimText.slice(Math.max(0, at - 20), at),
  );
}

/** The cell's value when it agrees with the figure; a negative cell agrees with a figure said to fall. */
function agreeingCell(
  claimed: ClaimNumber,
  direction: string | null,
  table: ResultTable,
  r: number,
  c: number,
): CellReading | null {
  const cell = table.rows[r]?.cells[c];
  if (!cell || cell.value === null) return null;
  const value = cell.value < 0 && claimed.value > 0 && direction === 'down' ? -cell.value : cell.value;
  const comparison = compareQuantities(claimed, withUnit(claimed, value, cell.text.replace(/[*†‡]/g, ''), cell.unit));
  if (comparison !== 'equal' && comparison !== 'within_rounding') return null;
  return {
    table,
    row: r,
    column: c,
    value,
    text: cell.text,
    address: cellAddress(table, r, c),
    comparison,
    claimed,
    score: 0,
  };
}

/** A name of the claim that another row or column of this table carries, and this cell's headers do not. */
function pointsElsewhere(names: string[], table: ResultTable, r: number, c: number): boolean {
  const here = `${rowHeader(table, r).join(' ')} ${(table.columnHeaders[c] ?? []).join(' ')}`;
  return names.some((name) => {
    if (mentionsEntity(here, name)) return false;
    const otherRow = table.rows.some((_, i) => i !== r && mentionsEntity(rowHeader(table, i).join(' '), name));
    const otherColumn = table.columnHeaders.some(
      (header, j) => j !== c && j >= table.rowHeaderColumns && mentionsEntity(header.join(' '), name),
    );
    return otherRow || otherColumn;
  });
}

/**
 * The claim's words name another cell of the paper's tables better than this one, counting the
 * distinct words its row and column headers share with the claim: "removing the entire paraphrase
 * model" is the row "–Paraphrase", not "–Association" whose cell happens to print the claimed
 * figure; "on NIST MT12" is not the BOLT table's column.
 */
function namesAnotherCell(
  tokens: Set<string>,
  tables: ResultTable[],
  table: ResultTable,
  r: number,
  c: number,
): boolean {
  const named = (t: ResultTable, i: number, j: number) =>
    new Set(
      identityTokens(`${rowHeader(t, i).join(' ')} ${(t.columnHeaders[j] ?? []).join(' ')}`).filter((s) =>
        tokens.has(s),
      ),
    ).size;
  const own = named(table, r, c);
  return tables.some((t) =>
    t.rows.some((row, i) =>
      row.cells.some(
        (cell, j) =>
          j >= t.rowHeaderColumns && cell.value !== null && (t !== table || i !== r || j !== c) && named(t, i, j) > own,
      ),
    ),
  );
}

/**
 * "w/o RNNLM" is not "w/ RNNLM": a header that leaves something out is the claim's only when the
 * claim leaves something out too, and the other way round.
 */
function sameAbsence(claimText: string, headers: string): boolean {
  const claimOmits = /\b(?:w\/o|without|no|excluding|removing|removed|ablat\w*)\b/i.test(claimText);
  const headerOmits = /\bw\/o\b|\b(?:without|no)\b|(?:^|\s)[-–−]\s?\p{L}/iu.test(headers);
  return claimOmits === headerOmits;
}

/** A header's content stems, its abbreviated language pairs spelled out ("Ar-En" → "arabic-english"). */
const headerStems = (header: string): string[] => contentStems(expandLanguagePairs(header));

/**
 * Every word that can tell rows apart, numbers and ordinals included ("OpenMT12 - 1st Place" against
 * "- 2nd Place", "λ = 0" against "λ = 1") and single letters ("D → S" against "D → T"), stemmed,
 * stop words left out.
 */
function identityTokens(text: string): string[] {
  const spelled = expandLanguagePairs(text)
    .toLowerCase()
    .replace(/\bw\/o\b/g, ' without ');
  return (spelled.match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((t) => (t.length === 1 ? t !== 'a' : !STOP_WORDS.has(t)))
    .map(stem);
}

/** The claim's other figure in the located cell's row or column, at the claim's precision. */
function inRowOrColumn(claimed: ClaimNumber, direction: string | null, at: CellReading): CellReading | null {
  const { table } = at;
  for (let c = table.rowHeaderColumns; c < (table.rows[at.row]?.cells.length ?? 0); c++) {
    const reading = c === at.column ? null : agreeingCell(claimed, direction, table, at.row, c);
    if (reading) return reading;
  }
  for (let r = 0; r < table.rows.length; r++) {
    const reading = r === at.row ? null : agreeingCell(claimed, direction, table, r, at.column);
    if (reading) return reading;
  }
  return null;
}

/** A cell's value as a quantity, with the unit its column implies for the claimed figure. */
export function withUnit(claimed: ClaimNumber, value: number, text: string, unit: string | null): ClaimNumber {
  const found: ClaimNumber = { value, text };
  const inferred =
    unit ??
    (claimed.unit === '%' && Math.abs(value) > 1
      ? '%'
      : claimed.unit === 'pp' || claimed.unit === 'points'
        ? claimed.unit
        : null);
  if (inferred) found.unit = inferred;
  return found;
}
