/**
 * The lines of a PDF table region → rows of cells. Columns are the x-extents of the cells of the data
 * rows (rows holding numbers) merged where they overlap; every other segment is placed in the columns
 * it covers, so a header centred over two columns spans both. Text set between two rows (a multirow
 * label, a header cell centred vertically) joins the row above, and a blank leading cell under a value
 * repeats it, as \multirow means.
 */
import type { RawCell, RawRow } from './build-table.ts';
import { isNumericText, type Line, type Segment } from './pdf-lines.ts';

interface Column {
  x0: number;
  x1: number;
}

function overlaps(a: { x0: number; x1: number }, b: { x0: number; x1: number }): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1;
}

/** Segments sorted by x, touching ones (a superscript after its word) joined. */
function joinTouching(segments: Segment[], size: number): Segment[] {
  const joined: Segment[] = [];
  for (const segment of segments.slice().sort((a, b) => a.x0 - b.x0)) {
    const last = joined.at(-1);
    if (last && segment.x0 - last.x1 < 0.15 * size) {
      joined[joined.length - 1] = {
        text: `${last.text}${segment.text}`,
        x0: last.x0,
        x1: Math.max(last.x1, segment.x1),
        // A superscript marker after a bold number does not unbold it.
        bold: last.bold,
      };
    } else joined.push(segment);
  }
  return joined;
}

function mergeInto(target: Line, extra: Line): Line {
  return {
    ...target,
    segments: joinTouching([...target.segments, ...extra.segments], target.size),
    x0: Math.min(target.x0, extra.x0),
    x1: Math.max(target.x1, extra.x1),
  };
}

/**
 * Superscripts (smaller text just above a baseline) join the line below them; lines closer than a line
 * height whose cells do not collide are one row printed at two heights.
 */
function mergeOffsetLines(lines: Line[]): Line[] {
  const lifted: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next && line.size < 0.85 * next.size && line.y - next.y < 0.8 * next.size) {
      lines[i + 1] = mergeInto(next, line);
    } else lifted.push(line);
  }
  const merged: Line[] = [];
  for (const line of lifted) {
    const previous = merged.at(-1);
    const close = previous && previous.y - line.y < 0.9 * Math.max(previous.size, line.size);
    const collides = previous?.segments.some((a) => line.segments.some((b) => overlaps(a, b)));
    if (previous && close && !collides) merged[merged.length - 1] = mergeInto(previous, line);
    else merged.push(line);
  }
  return merged;
}

const isDataLine = (line: Line): boolean =>
  line.segments.length >= 2 && line.segments.some((s) => isNumericText(s.text));

/** Column extents from the data rows with the usual number of cells. */
function findColumns(lines: Line[]): Column[] {
  const data = lines.filter(isDataLine);
  const source = data.length > 0 ? data : lines.filter((line) => line.segments.length >= 2);
  const counts = new Map<number, number>();
  for (const line of source) counts.set(line.segments.length, (counts.get(line.segments.length) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const spans = source
    .filter((line) => line.segments.length === usual)
    .flatMap((line) => line.segments.map((s) => ({ x0: s.x0, x1: s.x1 })))
    .sort((a, b) => a.x0 - b.x0);
  const columns: Column[] = [];
  for (const span of spans) {
    const last = columns.at(-1);
    if (last && span.x0 <= last.x1 + 0.5) last.x1 = Math.max(last.x1, span.x1);
    else columns.push({ ...span });
  }
  return columns;
}

/** First and last column a segment belongs to: the columns it covers, or the nearest one(s). */
function placement(segment: Segment, columns: Column[], spanning: boolean): [number, number] {
  const covered = columns.map((column, c) => (overlaps(segment, column) ? c : -1)).filter((c) => c >= 0);
  if (covered.length > 0) {
    if (spanning || covered.length === 1) return [covered[0]!, covered.at(-1)!];
    const widest = covered.reduce((best, c) =>
      overlapWidth(segment, columns[c]!) > overlapWidth(segment, columns[best]!) ? c : best,
    );
    return [widest, widest];
  }
  const right = columns.findIndex((column) => column.x0 >= segment.x1);
  if (right <= 0) return right === 0 ? [0, 0] : [columns.length - 1, columns.length - 1];
  if (spanning) return [right - 1, right];
  const toLeft = segment.x0 - columns[right - 1]!.x1;
  const toRight = columns[right]!.x0 - segment.x1;
  return toLeft <= toRight ? [right - 1, right - 1] : [right, right];
}

function overlapWidth(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

interface Placed {
  text: string;
  first: number;
  last: number;
  bold: boolean;
  x0: number;
  x1: number;
}

function placeLine(line: Line, columns: Column[], header: boolean): Placed[] {
  const placed: Placed[] = [];
  for (const segment of line.segments) {
    const [first, last] = placement(segment, columns, header);
    const previous = placed.at(-1);
    if (previous && first <= previous.last) {
      previous.text = `${previous.text} ${segment.text}`;
      previous.last = Math.max(previous.last, last);
      previous.bold &&= segment.bold;
      previous.x1 = segment.x1;
    } else placed.push({ text: segment.text, first, last, bold: segment.bold, x0: segment.x0, x1: segment.x1 });
  }
  return placed;
}

/**
 * An upper header label over several columns is centred over them: it widens over the empty columns
 * beside it (filled in the header row below) to the widest run whose centre is its centre.
 */
function widenGroupHeaders(row: Placed[], below: Placed[], columns: Column[]): void {
  const filledBelow = new Set(below.flatMap((cell) => range(cell.first, cell.last)));
  row.forEach((cell, index) => {
    const leftLimit = index > 0 ? row[index - 1]!.last + 1 : 0;
    const rightLimit = index + 1 < row.length ? row[index + 1]!.first - 1 : columns.length - 1;
    let from = cell.first;
    while (from - 1 >= leftLimit && filledBelow.has(from - 1)) from--;
    let to = cell.last;
    while (to + 1 <= rightLimit && filledBelow.has(to + 1)) to++;
    const center = (cell.x0 + cell.x1) / 2;
    let best: [number, number] = [cell.first, cell.last];
    for (let a = from; a <= cell.first; a++) {
      for (let b = cell.last; b <= to; b++) {
        const x0 = columns[a]!.x0;
        const x1 = columns[b]!.x1;
        const centred = Math.abs((x0 + x1) / 2 - center) <= Math.max(0.1 * (x1 - x0), 2);
        if (centred && b - a > best[1] - best[0]) best = [a, b];
      }
    }
    [cell.first, cell.last] = best;
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/**
 * A row label wrapped onto the next line ("AMDCN (with perspective infor-" / "mation)"): the line holds
 * only a first-column text that continues a word, a bracket or a lower-case phrase, set tight below.
 */
function continuesLabel(cells: Placed[], previous: RawRow, above: Line, line: Line): boolean {
  if (cells.length !== 1 || cells[0]!.first !== 0 || cells[0]!.last !== 0 || isNumericText(cells[0]!.text))
    return false;
  const label = previous.cells[0]?.text ?? '';
  if (label === '' || above.y - line.y > 1.35 * Math.max(above.size, line.size)) return false;
  const open = (label.match(/[([]/g) ?? []).length > (label.match(/[)\]]/g) ?? []).length;
  return label.endsWith('-') || open || /^\p{Ll}/u.test(cells[0]!.text);
}

/** Rows for `buildTable`; empty when the region has no column structure. */
export function gridFromLines(regionLines: Line[]): RawRow[] {
  const lines = mergeOffsetLines(regionLines);
  const columns = findColumns(lines);
  if (columns.length < 2) return [];
  const firstData = lines.findIndex(isDataLine);
  const headerCount = firstData < 0 ? 1 : firstData;
  const placed = lines.map((line, r) => placeLine(line, columns, r < headerCount));
  for (let r = 0; r + 1 < headerCount; r++) widenGroupHeaders(placed[r]!, placed[headerCount - 1]!, columns);
  const rows: RawRow[] = [];
  let previous: string[] | null = null;
  placed.forEach((cells, r) => {
    const last = rows.at(-1);
    if (r > headerCount && last && continuesLabel(cells, last, lines[r - 1]!, lines[r]!)) {
      const head = last.cells[0]!;
      head.text = head.text.endsWith('-')
        ? `${head.text.slice(0, -1)}${cells[0]!.text}`
        : `${head.text} ${cells[0]!.text}`;
      if (previous) previous[0] = head.text;
      return;
    }
    const texts: string[] = new Array(columns.length).fill('');
    const raw: RawCell[] = [];
    let c = 0;
    for (const cell of cells) {
      while (c < cell.first) raw.push({ text: texts[c++]! });
      raw.push({ text: cell.text, colspan: cell.last - cell.first + 1, bold: cell.bold });
      for (const k of range(cell.first, cell.last)) texts[k] = cell.text;
      c = cell.last + 1;
    }
    while (c < columns.length) raw.push({ text: texts[c++]! });
    const body = r >= headerCount;
    // A blank leading cell under a value repeats it (\multirow): "HTML" under "6 6 OTSL" is also 6 6.
    const leadingBlank = raw.findIndex((cell) => cell.text !== '');
    if (body && previous && leadingBlank > 0 && leadingBlank <= 3 && raw.every((cell) => (cell.colspan ?? 1) === 1)) {
      for (let k = 0; k < leadingBlank; k++) raw[k] = { text: previous[k] ?? '' };
    }
    rows.push({ cells: raw, head: !body });
    previous = body ? raw.flatMap((cell) => new Array<string>(cell.colspan ?? 1).fill(cell.text)) : null;
  });
  return rows;
}
