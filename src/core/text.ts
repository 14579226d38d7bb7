/** Text helpers shared by every stage: matching quotes against stored text must be one rule. */

/** Collapse every run of whitespace to one space and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower-case, strip punctuation, collapse whitespace: for "is this sentence in that text" checks. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** kebab-case slug, bounded in length, for ids and folder names. */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/g, '') || 'untitled';
}

/**
 * Finds `quote` in `text` ignoring differences in whitespace only; returns char offsets into `text`.
 * Quotes are verbatim substrings of stored text, so this is the check every guard uses.
 */
export function findVerbatim(text: string, quote: string, from = 0): { start: number; end: number } | null {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'u');
  const match = pattern.exec(text.slice(from));
  if (!match) return null;
  const start = from + match.index;
  return { start, end: start + match[0].length };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
