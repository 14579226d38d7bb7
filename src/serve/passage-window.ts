import type { Store } from '../store/store.ts';

/**
 * The stored full text around a location, with the span to highlight: the passage view every
 * evidence quote links to. A span is given by char range, or by the quote itself (found verbatim,
 * else with any run of whitespace matching any other), since report.json carries quotes, not offsets.
 */
export interface PassageWindow {
  paperId: string;
  /** Offsets into the full text of the window shown. */
  start: number;
  end: number;
  before: string;
  highlight: string;
  after: string;
  highlightStart: number;
  highlightEnd: number;
  page: number | null;
  section: string[];
  /** False when the quote asked for is not in the stored text (the window then opens at the start). */
  found: boolean;
  totalChars: number;
}

export interface PassageRequest {
  start?: number;
  end?: number;
  quote?: string;
  /** Characters of context either side of the span. */
  context?: number;
}

export async function passageWindow(
  store: Store,
  paperId: string,
  request: PassageRequest,
): Promise<PassageWindow | undefined> {
  const document = await store.documents.latest(paperId);
  if (!document) return undefined;
  const text = document.fullText;
  let span = spanOf(text, request);
  const found = span !== null;
  span ??= { start: 0, end: 0 };
  const context = Math.min(Math.max(request.context ?? 1200, 0), 20_000);
  const start = snapBack(text, Math.max(0, span.start - context));
  const end = snapForward(text, Math.min(text.length, span.end + context));
  const page = document.pageSpans.find((p) => span.start >= p.start && span.start < p.end)?.page ?? null;
  const section =
    [...document.sections].reverse().find((s) => span.start >= s.start && span.start < s.end && s.path.length > 0)
      ?.path ?? [];
  return {
    paperId,
    start,
    end,
    before: text.slice(start, span.start),
    highlight: text.slice(span.start, span.end),
    after: text.slice(span.end, end),
    highlightStart: span.start,
    highlightEnd: span.end,
    page,
    section,
    found,
    totalChars: text.length,
  };
}

function spanOf(text: string, request: PassageRequest): { start: number; end: number } | null {
  if (request.quote?.trim()) return findQuote(text, request.quote.trim());
  if (request.start === undefined) return null;
  const start = Math.min(Math.max(0, request.start), text.length);
  const end = Math.min(Math.max(start, request.end ?? start), text.length);
  return { start, end };
}

export function findQuote(text: string, quote: string): { start: number; end: number } | null {
  const exact = text.indexOf(quote);
  if (exact >= 0) return { start: exact, end: exact + quote.length };
  const words = quote.split(/\s+/).filter(Boolean).slice(0, 200);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

function snapBack(text: string, index: number): number {
  if (index === 0) return 0;
  const space = text.lastIndexOf(' ', index);
  return space > index - 40 && space >= 0 ? space + 1 : index;
}

function snapForward(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const space = text.indexOf(' ', index);
  return space >= 0 && space < index + 40 ? space : index;
}
