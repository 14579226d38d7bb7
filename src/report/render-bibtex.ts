import { escapeBibtex, safeHttpUrl } from './escape.ts';
import { arxivWithVersion } from './report-content.ts';
import type { ReportModel, ReportPaper } from './report-model.ts';

/**
 * references.bib: one @misc entry per included paper, keyed by its cite_key (@misc because the
 * model carries no journal/venue, which @article requires).
 */
export function renderBibtex(model: ReportModel): string {
  return model.papers.map(entry).join('\n');
}

function entry(paper: ReportPaper): string {
  const fields: [string, string][] = [
    ['author', paper.authors.map(escapeBibtex).join(' and ')],
    ['title', protectCapitals(paper.title)],
  ];
  if (paper.year !== null) fields.push(['year', String(paper.year)]);
  if (paper.arxiv_id) {
    fields.push(['eprint', escapeBibtex(arxivWithVersion(paper))], ['archivePrefix', 'arXiv']);
    const category = primaryClass(paper);
    if (category) fields.push(['primaryClass', escapeBibtex(category)]);
  }
  if (paper.doi) fields.push(['doi', escapeBibtex(paper.doi)]);
  const url = safeHttpUrl(paper.url);
  if (url) fields.push(['url', escapeUrl(url)]);
  const body = fields
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@misc{${citeKey(paper.cite_key)},\n${body}\n}\n`;
}

/**
 * Keeps capitals as written (BibTeX styles lower-case titles): every word holding a capital after
 * its first letter, or an all-caps word, is wrapped in braces — e.g. {BERT}, {GPT}-4, {ImageNet}.
 * The first word keeps its capital under sentence-casing anyway, but bracing it too is harmless.
 */
export function protectCapitals(title: string): string {
  return escapeBibtex(title)
    .split(' ')
    .map((word) => (/[A-Z]/.test(word) && !/^\\/.test(word) ? `{${word}}` : word))
    .join(' ');
}

/** arXiv ids with a category prefix ("hep-th/9901001") carry their primary class. */
function primaryClass(paper: ReportPaper): string | null {
  const old = /^([a-z-]+(?:\.[A-Z]{2})?)\//.exec(paper.arxiv_id ?? '');
  return old ? old[1]! : null;
}

/** BibTeX keys cannot hold spaces, commas, braces, quotes, `#`, `%`, `~` or `=`. */
function citeKey(key: string): string {
  return key.replace(/[\s,{}"#%~=\\()]/g, '_');
}

/** URLs go in as-is (the url package reads them verbatim) except characters that break BibTeX. */
function escapeUrl(url: string): string {
  return url.replace(/[{}\s\\]/g, (ch) => encodeURIComponent(ch));
}
