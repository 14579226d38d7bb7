import { escapeHtml as esc } from '../../report/escape.ts';
import { page } from './layout.ts';

/** Forms to start a report or an audit (with an uploaded document); both carry the CSRF token. */
export function newRunPage(csrf: string | null, maxUploadBytes: number, error?: string): string {
  if (!csrf) {
    return page(
      'New run',
      'new',
      `<h1>New run</h1><p class="notice">Starting a run needs this server's token: open the link <code>litmus serve</code> printed when it started.</p>`,
    );
  }
  const token = `<input type="hidden" name="_csrf" value="${esc(csrf)}">`;
  return page(
    'New run',
    'new',
    `<h1>New run</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<section aria-labelledby="report-h"><h2 id="report-h">Report</h2>
<form class="stack" method="post" action="/runs" id="report-form">${token}
<input type="hidden" name="kind" value="report">
<label>Research question<textarea name="question" rows="2" required maxlength="500"></textarea></label>
<label>arXiv queries instead of the planned ones (one a line, optional)<textarea name="queries" rows="2" maxlength="2000"></textarea></label>
<label>Papers to include (arXiv ids, space-separated, optional)<input type="text" name="papers" maxlength="500" placeholder="2302.07302v1"></label>
<label>Max papers<input type="number" name="maxPapers" min="1" max="100" value="10"></label>
<label>Engine<select name="engine"><option value="">default</option><option value="embedded">embedded</option><option value="llm">llm</option></select></label>
<button type="submit" class="primary">Start report</button>
</form></section>
<section aria-labelledby="audit-h"><h2 id="audit-h">Audit</h2>
<form class="stack" method="post" action="/runs" enctype="multipart/form-data" id="audit-form">${token}
<input type="hidden" name="kind" value="audit">
<label>Document to audit (Markdown, text, HTML or PDF; at most ${maxUploadBytes} bytes)<input type="file" name="document" required accept=".md,.markdown,.txt,.html,.htm,.pdf"></label>
<label>Engine<select name="engine"><option value="">default</option><option value="embedded">embedded</option><option value="llm">llm</option></select></label>
<button type="submit" class="primary">Start audit</button>
</form></section>`,
  );
}
