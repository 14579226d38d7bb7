/**
 * Findings read from results tables: a row compared with its table's baseline row, in a score
 * column, is a claim ("In Table 3, S2T/L2R NNJM changes MT12 Ar-En BLEU by +1.4 over Baseline
 * (w/ RNNLM) (49.5 to 50.9)."). Its span is the row's cell, and the baseline's cell is a further
 * location, so a reader (and the table-cell check) finds both.
 */
import { extractNumbers } from '../core/numbers.ts';
import { locateCell, type ResultTable, rowHeader } from '../core/tables.ts';
import type { Passage } from '../core/types.ts';
import type { ExtractedClaim } from './claim-extractor.ts';
import { isCompleteSentence } from './claim-text.ts';
import type { RankCandidate } from './rank-claims.ts';

/**
 * A row the table compares against. Not "w/o X" or "without X": in an ablation table those are the
 * ablated variants, compared against the full model.
 */
const BASELINE_ROW = /\b(?:baselines?|vanilla|base model)\b/i;
/** Columns that hold set-up figures, not scores. */
const NOT_A_SCORE =
  /\b(?:#|size|params?|parameters|layers?|epochs?|batch|steps?|iterations?|tokens?|sentences?|words?|docs?|documents?|examples?|instances?|vocab\w*|length|count|number|year|n)\b/i;
const MAX_ROWS_PER_TABLE = 8;
const MAX_SCORE_COLUMNS = 4;

export interface TableClaimInput {
  paperId: string;
  fullText: string;
  tables: ResultTable[];
  passages: Passage[];
  engine: string;
}

export function tableClaims(input: TableClaimInput): ExtractedClaim[] {
  return input.tables.flatMap((table) => claimsOfTable(table, input));
}

/** How claim-worthy a table row against its baseline is, for either engine's ranking. */
const TABLE_WORTHINESS = 0.6;

/** The table claims as ranking candidates: results findings, never from the abstract. */
export function tableClaimCandidates(input: TableClaimInput): RankCandidate[] {
  return tableClaims(input).map((claim) => ({
    claim,
    source: claim.text,
    role: 'results',
    inAbstract: false,
    kind: 'finding',
    worthiness: TABLE_WORTHINESS,
    fromTable: true,
  }));
}

function claimsOfTable(table: ResultTable, input: TableClaimInput): ExtractedClaim[] {
  const out: ExtractedClaim[] = [];
  // Each row is compared with the nearest baseline row above it; rows above every baseline (other
  // systems' published results) are not the paper's findings.
  let baseline = -1;
  let columns: number[] = [];
  for (let r = 0; r < table.rows.length && out.length < MAX_ROWS_PER_TABLE; r++) {
    const name = rowName(table, r);
    if (BASELINE_ROW.test(name)) {
      baseline = r;
      columns = scoreColumns(table, r);
      continue;
    }
    if (baseline < 0 || name === '' || !/\p{L}/u.test(name)) continue;
    for (const c of columns) {
      const claim = rowClaim(table, r, baseline, c, input);
      if (claim) out.push(claim);
    }
  }
  return out;
}

/** Score columns: numeric in the baseline row, a header that is not a count; an average column alone when there is one. */
function scoreColumns(table: ResultTable, baseline: number): number[] {
  const columns: number[] = [];
  for (let c = table.rowHeaderColumns; c < (table.rows[baseline]?.cells.length ?? 0); c++) {
    const header = columnName(table, c);
    if (header === '' || NOT_A_SCORE.test(header)) continue;
    if (table.rows[baseline]!.cells[c]?.value == null) continue;
    columns.push(c);
  }
  const average = columns.filter((c) => /\b(?:avg\.?|average|mean|overall|all)\b/i.test(columnName(table, c)));
  if (average.length > 0) return average;
  return columns.length <= MAX_SCORE_COLUMNS ? columns : [];
}

function rowClaim(
  table: ResultTable,
  r: number,
  baseline: number,
  c: number,
  input: TableClaimInput,
): ExtractedClaim | null {
  const cell = table.rows[r]!.cells[c];
  const base = table.rows[baseline]!.cells[c]!;
  if (!cell || cell.value === null || base.value === null) return null;
  const decimals = Math.max(decimalsOf(cell.text), decimalsOf(base.text));
  const delta = Number((cell.value - base.value).toFixed(decimals));
  const signed = `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta).toFixed(decimals)}`;
  const unit = cell.unit === '%' || base.unit === '%' ? ' points' : '';
  const text = `In ${table.label}, ${rowName(table, r)} changes ${columnName(table, c)} by ${signed}${unit} over ${rowName(
    table,
    baseline,
  )} (${plain(base.text)} to ${plain(cell.text)}).`;
  if (!isCompleteSentence(text) || text.length > 300) return null;
  const span = rowLine(input.fullText, table, locateCell(input.fullText, table, r, c));
  const baseSpan = rowLine(input.fullText, table, locateCell(input.fullText, table, baseline, c));
  const passageAt = (offset: number) =>
    input.passages.find((p) => p.charStart <= offset && offset < p.charEnd)?.id ?? null;
  const claim: ExtractedClaim = {
    paperId: input.paperId,
    text,
    type: 'comparison',
    numbers: extractNumbers(text),
    passageId: span ? passageAt(span.start) : null,
    charStart: span?.start ?? table.charStart,
    charEnd: span?.end ?? table.charEnd,
    relevance: 0,
    engine: input.engine,
  };
  if (baseSpan)
    claim.locations = [{ passageId: passageAt(baseSpan.start), charStart: baseSpan.start, charEnd: baseSpan.end }];
  return claim;
}

/** The printed line of the table a cell sits on: the row with its header, quotable as the claim's source. */
function rowLine(
  fullText: string,
  table: ResultTable,
  cell: { start: number; end: number } | null,
): { start: number; end: number } | null {
  if (!cell || table.charStart === null || table.charEnd === null) return cell;
  const start = Math.max(table.charStart, fullText.lastIndexOf('\n', cell.start - 1) + 1);
  const newline = fullText.indexOf('\n', cell.end);
  const end = Math.min(table.charEnd, newline < 0 ? fullText.length : newline);
  return end > start ? { start, end } : cell;
}

/** A row's name for a sentence: its header path, leading "+"/"−" of cumulative rows dropped. */
function rowName(table: ResultTable, r: number): string {
  return plain(rowHeader(table, r).join(' '))
    .replace(/^[+−-]\s*/, '')
    .trim();
}

function columnName(table: ResultTable, c: number): string {
  return plain((table.columnHeaders[c] ?? []).filter((h) => h !== '').join(' '));
}

/** Cell or header text without emphasis marks or characters a sentence cannot carry. */
function plain(text: string): string {
  return text
    .replace(/[*_†‡|$\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function decimalsOf(text: string): number {
  return /\d+\.(\d+)/.exec(text)?.[1]?.length ?? 0;
}
