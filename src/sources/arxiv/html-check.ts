/**
 * A cheap look at an arXiv /html page before it is fetched into ingestion: arXiv answers some papers
 * with an abs page or a LaTeXML page whose conversion failed (one paragraph of ltx_ERROR spans).
 * The full judgement belongs to the HTML parser; this only stops obvious non-papers early.
 */
export type HtmlAssessment = 'latexml' | 'no-latexml' | 'failed-conversion';

export function assessArxivHtml(html: string): HtmlAssessment {
  if (!/class="[^"]*\bltx_(document|page_main)\b/.test(html)) return 'no-latexml';
  const paragraphs = count(html, /class="[^"]*\bltx_para\b/g);
  const sections = count(html, /class="[^"]*\bltx_(section|subsection|abstract)\b/g);
  const errors = count(html, /class="[^"]*\bltx_ERROR\b/g);
  if (paragraphs === 0 || (paragraphs < 3 && sections === 0 && errors > 0)) return 'failed-conversion';
  return 'latexml';
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
