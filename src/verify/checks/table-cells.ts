import { compareQuantities, type QuantityComparison } from '../../core/numbers.ts';
import { cellAddress, type ResultTable, rowHeader } from '../../core/tables.ts';
import type { ClaimNumber } from '../../core/types.ts';
import { type KeyContent, mentionsEntity, readEntities, readKeyContent } from './key-content.ts';
import { type MeasuredQuantity, readMeasuredQuantities } from './measured-quantities.ts';
import { readEffect } from './polarity.ts';
import { locateByValue, withUnit } from './table-values.ts';

/**
 * Numeric claims against results-table cells. A claimed figure is read with what it measures (the
 * claim's model/method, dataset/task and metric); the cell whose row and column headers (and caption)
 * name the same things is the one it must agree with, at the claim's precision. A change ("improves
 * by 3.1 points over the baseline") is compared with the difference of two rows in the same column.
 */

export interface CellReading {
  table: ResultTable;
  row: number;
  column: number;
  /** The value compared: the cell's, or the difference between `row` and `baselineRow`. */
  value: number;
  text: string;
  baselineRow?: number;
  address: string;
  comparison: QuantityComparison;
  claimed: ClaimNumber;
  score: number;
}

export interface TableCheck {
  verdict: 'SUPPORTED' | 'REFUTED' | null;
  readings: CellReading[];
}

const AVERAGE = /\b(?:average|avg\.?|mean|overall)\b/i;
// A dash counts only standing alone ("-", "– RNNLM"): inside "Self-Norm" it is part of a name.
const BASELINE_ROW = /\b(?:baseline|base|vanilla|no\s+intermediate|none|w\/o|without)\b|(?:^|\s)[-–—](?:\s|$)/i;

interface Anchors {
  score: number;
  rowHits: number;
  columnHits: number;
}

/** A row for the paper's own system, which tables rarely call by its name. */
const OWN_ROW = /^(?:this work|this paper|ours|our (?:model|system|method|approach|parser)|(?:the )?proposed(?: (?:model|method|system|approach))?)\b/i;

export function checkAgainstTables(claimText: string, tables: ResultTable[], claimPaperId?: string | null): TableCheck {
  const reference = /\b(?:over|than|compared (?:with|to)|relative to|versus|vs\.?)\s+(.{1,60})/i.exec(claimText)?.[1] ?? '';
  const content: ClaimContent = {
    ...readKeyContent(claimText),
    direction: readEffect(claimText)?.effect ?? null,
    reference: reference ? readEntities(reference) : [],
    referenceText: reference,
  };
  const stated = readMeasuredQuantities(claimText).filter((q) => !q.year);
  const quantities = stated.filter((q) => !q.count);
  const readings: CellReading[] = [];
  if (stated.length === 0 || tables.length === 0) return { verdict: null, readings };
  let verdict: TableCheck['verdict'] = null;
  for (const quantity of quantities) {
    const all = scoredCells(content, quantity, claimText, tables, claimPaperId ?? null);
    const top = Math.max(...all.map((r) => r.score));
    const best = all.filter((r) => r.score === top);
    if (best.length === 0) continue;
    const agreeing = best.find((r) => r.comparison === 'equal' || r.comparison === 'within_rounding');
    if (agreeing) {
      readings.push(agreeing);
      if (verdict === null) verdict = 'SUPPORTED';
      continue;
    }
    const differing = best.filter((r) => r.comparison === 'different');
    const values = new Set(differing.map((r) => r.value));
    // Refute only when the claim's anchors pick out one value, the claimed figure is not another
    // row's in the same column ("31.2%, up from 27.9%": 27.9 is the baseline row's, not a misreport),
    // and no reading the anchors rank nearly as high agrees: "+6.3 BLEU on top of a simpler baseline"
    // with no condition named may be the NIST table's gain, not the BOLT table's +6.4.
    const nearlyAsGood = all.filter((r) => r.score >= top - NEAR_READING);
    if (
      differing.length > 0 &&
      differing.length === best.length &&
      values.size === 1 &&
      !differing.some((r) => columnStates(r.table, r.column, quantity)) &&
      !nearlyAsGood.some((r) => r.comparison === 'equal' || r.comparison === 'within_rounding')
    ) {
      readings.push(differing[0]!);
      verdict = 'REFUTED';
    }
  }
  if (verdict === null) {
    const located = locateByValue(claimText, content, stated, tables, claimPaperId ?? null);
    if (located.length > 0) return { verdict: 'SUPPORTED', readings: located };
  }
  return { verdict, readings };
}

type ClaimContent = KeyContent & {
  direction: 'up' | 'down' | 'none' | null;
  /** Entities the claim compares against ("over the Baseline", "than mBERT"), and that phrase. */
  reference: string[];
  referenceText: string;
};

const headerWords = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[\s()[\],;:.]+/)
      .filter((w) => w.length > 0),
  );

/** Shared words of two headers, "w/" and "w/o" kept apart. */
function wordOverlap(a: string, b: string): number {
  const x = headerWords(a);
  return [...headerWords(b)].filter((w) => x.has(w)).length;
}

/** Words of `header` that `text` does not use. */
function extraWords(header: string, text: string): number {
  const x = headerWords(text);
  return [...headerWords(header)].filter((w) => !x.has(w)).length;
}

/**
 * A qualifier that makes a metric another measure: "oracle accuracy" (the best candidate's) is not
 * the accuracy a results column reports, "top-5 accuracy" not top-1, "macro F1" not micro F1.
 */
const QUALIFIED_METRIC =
  /\b(oracle|top-\d+|macro|micro|weighted|balanced|upper[- ]bound)(?:[- ]averaged)?[- ]+(?:accurac|f1\b|f-?score|precision|recall|bleu|rouge|auc|error|exact)/gi;

/** The qualifiers of the claim's metrics that a cell's headers and caption must name too. */
function metricQualifiers(claimText: string): string[] {
  return [...claimText.matchAll(QUALIFIED_METRIC)].map((m) => m[1]!.toLowerCase());
}

/** How far below the best a reading may score and still make a mismatch ambiguous (one caption word). */
const NEAR_READING = 1;

/** Every cell reading the claim's anchors reach, each with its score. */
function scoredCells(
  content: ClaimContent,
  quantity: MeasuredQuantity,
  claimText: string,
  tables: ResultTable[],
  claimPaperId: string | null,
): CellReading[] {
  const readings: CellReading[] = [];
  const subject = content.entities[0];
  const qualifiers = metricQualifiers(claimText);
  for (const table of tables) {
    // In the claim's own paper, "This work" / "Ours" is the system the claim names first, when no
    // row names it.
    const ownName =
      subject !== undefined &&
      claimPaperId !== null &&
      table.paperId === claimPaperId &&
      !table.rows.some((_, i) => mentionsEntity(rowHeader(table, i).join(' '), subject))
        ? subject
        : null;
    for (let r = 0; r < table.rows.length; r++) {
      const header = rowHeader(table, r).join(' ');
      const rowText = ownName && OWN_ROW.test(header) ? `${header} ${ownName}` : header;
      for (let c = table.rowHeaderColumns; c < (table.rows[r]?.cells.length ?? 0); c++) {
        const cell = table.rows[r]!.cells[c]!;
        if (cell.value === null) continue;
        const columnText = (table.columnHeaders[c] ?? []).join(' ');
        const named = `${rowText} ${columnText} ${table.caption}`.toLowerCase();
        if (qualifiers.some((q) => !named.includes(q))) continue;
        const anchors = anchorScore(content, claimText, rowText, columnText, table.caption);
        if (anchors.rowHits === 0 || anchors.columnHits === 0) continue;
        const reading =
          quantity.kind === 'change'
            ? changeReading(content, quantity, table, r, c)
            : levelReading(quantity, table, r, c);
        if (!reading) continue;
        // Ties between rows naming the same things ("Baseline (w/ RNNLM)" vs "(w/o RNNLM)") go to the
        // row whose header words the claim uses, with fewest words the claim does not.
        // A change read against a reference row close above it is the table's own comparison
        // (sections: "each row includes the features of the rows above"), not one across sections.
        const distance = reading.baselineRow === undefined ? 0 : Math.abs(reading.baselineRow - r);
        reading.score =
          anchors.score + 0.1 * wordOverlap(claimText, rowText) - 0.1 * extraWords(rowText, claimText) - 0.001 * distance;
        if (reading.score > 0) readings.push(reading);
      }
    }
  }
  return readings;
}

/** Whether some cell of this column states the claimed figure (at the claim's precision). */
function columnStates(table: ResultTable, column: number, quantity: MeasuredQuantity): boolean {
  return table.rows.some((row) => {
    const cell = row.cells[column];
    if (!cell || cell.value === null) return false;
    const result = compareQuantities(quantity.number, withUnit(quantity.number, cell.value, cell.text.replace(/[*†‡]/g, ''), cell.unit));
    return result === 'equal' || result === 'within_rounding';
  });
}

/** How many of the claim's entities and metrics the row, the column and the caption name. */
function anchorScore(content: KeyContent, claimText: string, rowText: string, columnText: string, caption: string): Anchors {
  let rowHits = 0;
  let columnHits = 0;
  let captionHits = 0;
  for (const entity of content.entities) {
    if (mentionsEntity(rowText, entity)) rowHits += 1;
    else if (mentionsEntity(columnText, entity)) columnHits += 1;
    else if (mentionsEntity(caption, entity)) captionHits += 1;
  }
  for (const metric of content.metrics) {
    if (new RegExp(`\\b${metric.replace(/[@]/g, '.')}`, 'i').test(columnText)) columnHits += 1;
    else if (new RegExp(`\\b${metric}`, 'i').test(caption)) captionHits += 1;
  }
  if (AVERAGE.test(claimText) && AVERAGE.test(columnText)) columnHits += 1;
  // A table whose columns are all one metric names it in the caption: the caption anchors the column.
  if (columnHits === 0 && captionHits > 0 && content.metrics.length > 0) columnHits = 0.5;
  return { score: rowHits * 2 + columnHits * 2 + captionHits, rowHits, columnHits };
}

function levelReading(quantity: MeasuredQuantity, table: ResultTable, r: number, c: number): CellReading | null {
  const cell = table.rows[r]!.cells[c]!;
  const found = withUnit(quantity.number, cell.value!, cell.text.replace(/[*†‡]/g, ''), cell.unit);
  const comparison = compareQuantities(quantity.number, found);
  if (comparison === 'incomparable') return null;
  return { table, row: r, column: c, value: cell.value!, text: cell.text, address: cellAddress(table, r, c), comparison, claimed: quantity.number, score: 0 };
}

/** A claimed change: the row against the claim's other named row, or the table's baseline row. */
function changeReading(content: ClaimContent, quantity: MeasuredQuantity, table: ResultTable, r: number, c: number): CellReading | null {
  const own = rowHeader(table, r).join(' ');
  // The row that changed is the claim's subject, never its reference ("over the Baseline").
  if (BASELINE_ROW.test(own) || content.reference.some((e) => mentionsEntity(own, e))) return null;
  // The reference row: the one whose header reads most like the claim's reference ("the Baseline
  // (w/ RNNLM)" picks "Baseline (w/ RNNLM)", not "Baseline (w/o RNNLM)"), else the table's baseline.
  let baseline = -1;
  let bestOverlap = 0;
  for (let b = 0; b < table.rows.length; b++) {
    if (b === r || table.rows[b]?.cells[c]?.value == null) continue;
    const header = rowHeader(table, b).join(' ');
    const namesOther = content.entities.some((e) => mentionsEntity(header, e) && !mentionsEntity(own, e));
    const overlap = namesOther ? 1 + wordOverlap(content.referenceText, header) : BASELINE_ROW.test(header) ? 0.5 : 0;
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      baseline = b;
    }
  }
  if (baseline < 0) return null;
  const a = table.rows[r]!.cells[c]!;
  const b = table.rows[baseline]!.cells[c]!;
  const decimals = Math.max(decimalsOf(a.text), decimalsOf(b.text));
  const value = Number((a.value! - b.value!).toFixed(decimals));
  const text = value.toFixed(decimals);
  // The claim's direction decides the sign it expects: "improves by 3.1" is +3.1, "drops by 3.1" −3.1.
  const sign = quantity.number.value < 0 || content.direction === 'down' ? -1 : 1;
  const claimed: ClaimNumber = { ...quantity.number, value: Math.abs(quantity.number.value) * sign };
  const comparison = compareQuantities(claimed, withUnit(claimed, value, text, null));
  if (comparison === 'incomparable') return null;
  return {
    table,
    row: r,
    column: c,
    value,
    text,
    baselineRow: baseline,
    address: `${cellAddress(table, r, c)} minus ${cellAddress(table, baseline, c).replace(`${table.label}, `, '')}`,
    comparison,
    claimed: quantity.number,
    score: 0,
  };
}

function decimalsOf(text: string): number {
  return /\d+\.(\d+)/.exec(text)?.[1]?.length ?? 0;
}
