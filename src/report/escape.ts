/**
 * Escaping for every output format. Paper text (titles, claims, quotes, ids) is untrusted: it can
 * hold markup, table separators or BibTeX specials, and must always show as the text it is.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe both as element text and inside a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Inline Markdown text: backslash-escapes the ASCII punctuation that could start markup (HTML tags,
 * links, entities, emphasis, code, table cells), which CommonMark renders back as the literal character.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&]/g, (ch) => `\\${ch}`);
}

/** A Markdown table cell: inline-escaped, and line breaks become `<br>` so the row stays one line. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdown(text.trim()).replace(/\r\n|\r|\n/g, '<br>');
}

/** Joins already-escaped cell fragments as separate lines of one cell. */
export function joinCellLines(lines: string[]): string {
  return lines.length === 0 ? '—' : lines.join('<br>');
}

const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/**
 * A BibTeX/LaTeX field value: specials escaped, whitespace collapsed to one line. Braces become
 * \textbraceleft{} / \textbraceright{} because BibTeX counts even escaped braces when balancing.
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^<>]/g, (ch) => BIBTEX_ESCAPES[ch] ?? ch);
}

/** Only http(s) links are ever emitted; anything else (javascript:, data:, relative) is dropped. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
