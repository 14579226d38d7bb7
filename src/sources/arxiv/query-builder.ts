/**
 * arXiv's `search_query` syntax as litmus writes it: free text as `all:` terms joined by AND (phrases
 * quoted), and the submittedDate format of date windows.
 */
export type ArxivField = 'ti' | 'au' | 'abs' | 'co' | 'jr' | 'cat' | 'rn' | 'id' | 'all';

import { LitmusError } from '../../core/errors.ts';

export interface QueryNode {
  readonly text: string;
  readonly compound: boolean;
}

function term(field: ArxivField, value: string): QueryNode {
  const cleaned = value.trim().replace(/"/g, '');
  if (cleaned === '') throw new LitmusError('E_USAGE', `empty ${field}: value in an arXiv query`);
  const needsQuotes = /\s/.test(cleaned);
  return { text: `${field}:${needsQuotes ? `"${cleaned}"` : cleaned}`, compound: false };
}

function wrap(node: QueryNode): string {
  return node.compound ? `(${node.text})` : node.text;
}

function join(operator: 'AND', nodes: QueryNode[]): QueryNode {
  if (nodes.length === 0) throw new LitmusError('E_USAGE', `${operator} needs at least one operand`);
  if (nodes.length === 1) return nodes[0]!;
  return { text: nodes.map(wrap).join(` ${operator} `), compound: true };
}

/** arXiv's submittedDate format: YYYYMMDDHHMM (GMT). Accepts Date or "YYYY-MM-DD". */
export function arxivDate(value: Date | string, endOfDay = false): string {
  if (typeof value === 'string' && /^\d{12}$/.test(value)) return value;
  const date = typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
  if (Number.isNaN(date.getTime())) throw new LitmusError('E_USAGE', `invalid date ${String(value)}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time =
    endOfDay && typeof value === 'string' ? '2359' : `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${time}`;
}

/** Free text with no field prefix becomes `all:` terms joined by AND; text already in arXiv syntax is kept. */
export function normaliseSearchQuery(text: string): string {
  const trimmed = text.trim();
  if (/\b(ti|au|abs|co|jr|cat|rn|id|all|submittedDate):/.test(trimmed)) return trimmed;
  const words = trimmed.match(/"[^"]+"|\S+/g) ?? [];
  return join(
    'AND',
    words.map((word) => term('all', word.replace(/"/g, ''))),
  ).text;
}
