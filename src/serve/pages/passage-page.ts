import { escapeHtml as esc } from '../../report/escape.ts';
import type { PassageWindow } from '../passage-window.ts';
import { page, paperHref, passageHref } from './layout.ts';

/** The stored full text around a location, the quoted span highlighted (scrolled to by #hl). */
export function passagePage(title: string, window: PassageWindow): string {
  const where = [
    window.page === null ? null : `page ${window.page}`,
    window.section.length ? `§ ${window.section.join(' › ')}` : null,
    `characters ${window.highlightStart}–${window.highlightEnd} of ${window.totalChars}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const earlier =
    window.start > 0
      ? `<a href="${passageHref(window.paperId, { start: Math.max(0, window.start - 1), end: Math.max(0, window.start - 1) })}">← earlier text</a>`
      : '';
  const later =
    window.end < window.totalChars
      ? `<a href="${passageHref(window.paperId, { start: window.end, end: window.end })}">later text →</a>`
      : '';
  return page(
    `Passage of ${title}`,
    'library',
    `<h1>Passage</h1>
<p><a href="${paperHref(window.paperId)}">${esc(title)}</a> <span class="mono">${esc(window.paperId)}</span></p>
<p class="detail">${esc(where)}</p>
${window.found ? '' : '<p class="notice">The quoted text was not found in the stored full text; showing the start of the paper.</p>'}
<p>${earlier} ${later}</p>
<div class="passage" id="passage">${esc(window.before)}<mark id="hl">${esc(window.highlight)}</mark>${esc(window.after)}</div>`,
  );
}
