import { readFileSync } from 'node:fs';
import { usageError } from '../core/errors.ts';

/** Parses metrics from JSON (any object) or CSV (header row; one row → flat object, several → rows). */
export function parseMetricsText(text: string, source: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw usageError('E_METRICS_PARSE', `metrics in ${source} are not valid JSON: ${reason}`);
    }
    if (Array.isArray(value)) return { rows: value };
    if (typeof value !== 'object' || value === null)
      throw usageError('E_METRICS_PARSE', `metrics in ${source} must be a JSON object`);
    return value as Record<string, unknown>;
  }
  return parseCsv(trimmed, source);
}

export function readMetricsFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw usageError('E_METRICS_MISSING', `metrics file ${path} cannot be read`, 'check the path');
  }
  return parseMetricsText(text, path);
}

function parseCsv(text: string, source: string): Record<string, unknown> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2)
    throw usageError('E_METRICS_PARSE', `metrics CSV ${source} needs a header row and at least one data row`);
  const header = splitCsvLine(lines[0]!);
  const rows = lines.slice(1).map((line, i) => {
    const cells = splitCsvLine(line);
    if (cells.length !== header.length) {
      throw usageError(
        'E_METRICS_PARSE',
        `metrics CSV ${source}:${i + 2} has ${cells.length} cells, header has ${header.length}`,
      );
    }
    return Object.fromEntries(header.map((h, j) => [h, coerce(cells[j]!)]));
  });
  return rows.length === 1 ? rows[0]! : { rows };
}

function coerce(cell: string): string | number {
  const n = Number(cell);
  return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}
