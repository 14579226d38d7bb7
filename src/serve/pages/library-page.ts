import { escapeHtml as esc } from '../../report/escape.ts';
import type { PaperSummary } from '../../store/store.ts';
import { type LibraryFilters, paperYear, type SearchResult } from '../library-query.ts';
import { href, page, paperHref, passageHref } from './layout.ts';

export interface LibraryView {
  query: string;
  filters: LibraryFilters;
  choices: { years: number[]; sources: string[]; topics: string[] };
  papers: PaperSummary[];
  hits: SearchResult[] | null;
}

/** Library: the papers, full-text search over their passages, filters by year, source and topic. */
export function libraryPage(view: LibraryView): string {
  const select = (name: string, label: string, values: (string | number)[], current: string | number | undefined) =>
    `<label>${label}<select name="${name}" data-autosubmit><option value="">any</option>${values
      .map(
        (v) =>
          `<option value="${esc(String(v))}"${String(v) === String(current ?? '') ? ' selected' : ''}>${esc(String(v))}</option>`,
      )
      .join('')}</select></label>`;
  const form = `<form class="inline" method="get" action="/" role="search">
<label>Search the full text<input type="search" name="q" value="${esc(view.query)}" placeholder="e.g. citation context"></label>
${select('year', 'Year', view.choices.years, view.filters.year)}
${select('source', 'Source', view.choices.sources, view.filters.source)}
${select('topic', 'Topic', view.choices.topics, view.filters.topic)}
<button type="submit" class="primary">Search</button>
</form>`;
  const hits =
    view.hits === null
      ? ''
      : `<section aria-labelledby="hits-h"><h2 id="hits-h">Passages matching “${esc(view.query)}” (${view.hits.length})</h2>
${view.hits.some((hit) => hit.approximate) ? '<p class="detail">Every word of this search is in so many passages that only the newest holding them were ranked; add a rarer word for a ranking of the whole library.</p>\n' : ''}${view.hits.length === 0 ? '<p>No passage matches.</p>' : `<ol class="hits">${view.hits.map(hitItem).join('\n')}</ol>`}</section>`;
  const rows = view.papers
    .map(
      (p) => `<tr><td><a href="${paperHref(p.id)}">${esc(p.title)}</a><br><span class="mono">${esc(p.id)}</span></td>
<td>${esc(
        p.authors
          .map((a) => a.name)
          .slice(0, 3)
          .join(', '),
      )}${p.authors.length > 3 ? ' et al.' : ''}</td>
<td class="num">${paperYear(p) ?? '—'}</td><td>${esc(p.source)}</td><td class="num">${p.pages ?? '—'}</td><td class="num">${p.passages}</td><td class="num">${p.claims}</td></tr>`,
    )
    .join('\n');
  const table =
    view.papers.length === 0
      ? '<p>No papers match. Add some with <code>litmus add &lt;file|dir|arxiv:ID&gt;</code>.</p>'
      : `<table id="papers-table"><thead><tr><th scope="col">Paper</th><th scope="col">Authors</th><th scope="col" class="num">Year</th><th scope="col">Source</th><th scope="col" class="num">Pages</th><th scope="col" class="num">Passages</th><th scope="col" class="num">Claims</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return page(
    'Library',
    'library',
    `<h1>Library</h1>
${form}
${hits}
<section aria-labelledby="papers-h"><h2 id="papers-h">Papers (${view.papers.length})</h2>
${table}</section>`,
  );
}

function hitItem(hit: SearchResult): string {
  const snippet = hit.snippet.map((part) => (part.match ? `<mark>${esc(part.text)}</mark>` : esc(part.text))).join('');
  const where = [
    hit.page === null ? null : `p. ${hit.page}`,
    hit.section.length ? `§ ${hit.section.join(' › ')}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `<li><a href="${paperHref(hit.paperId)}">${esc(hit.title)}</a> <span class="detail">${esc(where)}</span>
<p class="detail">${snippet} <a href="${passageHref(hit.paperId, { start: hit.charStart, end: hit.charEnd })}">read in context</a></p></li>`;
}

export { href };
