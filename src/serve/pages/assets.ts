import { REPORT_CSS } from '../../report/html-style.ts';

/**
 * The web app's only stylesheet and script, served from /assets (same origin, so the CSP needs no
 * inline allowance). The script never builds markup from strings: it sets textContent and checked
 * attributes only, so no paper text can become code.
 */
export const APP_CSS = `${REPORT_CSS}
body { max-width: 76rem; }
.site { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; align-items: baseline; border-bottom: 1px solid var(--line); padding-bottom: .5rem; margin-bottom: 1rem; }
.site .brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
.site a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--fg); }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .75rem 0; }
form.inline label, form.stack label { display: flex; flex-direction: column; font-weight: 600; font-size: .9rem; gap: .2rem; }
form.stack { display: grid; gap: .75rem; max-width: 40rem; }
input, select, button, textarea { font: inherit; padding: .25rem .45rem; }
input[type="search"] { min-width: 22rem; }
button.primary { background: var(--focus); color: #fff; border: 0; border-radius: 3px; padding: .35rem .9rem; cursor: pointer; }
button.danger { background: var(--refuted); color: #fff; border: 0; border-radius: 3px; padding: .35rem .9rem; cursor: pointer; }
mark { background: #fde68a; padding: 0 .1rem; }
.passage { white-space: pre-wrap; font: 15px/1.6 Georgia, "Times New Roman", serif; border: 1px solid var(--line); padding: 1rem; background: #fffdf7; max-width: 60rem; }
.hits li { margin-bottom: .6rem; }
.outline { columns: 2; font-size: .9rem; }
.outline li.d2 { margin-left: 1rem; } .outline li.d3 { margin-left: 2rem; } .outline li.d4 { margin-left: 3rem; }
.log { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; background: var(--bg-alt); padding: .5rem .75rem; max-height: 24rem; overflow: auto; list-style: none; }
.notice { border-left: 4px solid var(--partial); background: #fff7ed; padding: .5rem .75rem; }
.error { border-left: 4px solid var(--refuted); background: #fef2f2; padding: .5rem .75rem; }
.placeholder { color: var(--muted); font-style: italic; }
.job-done[hidden] { display: none; }
`;

export const APP_JS = `(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('select[data-autosubmit]'), function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
  var log = document.getElementById('job-log');
  if (!log || !log.dataset.events || typeof EventSource === 'undefined') return;
  var status = document.getElementById('job-status');
  var done = document.getElementById('job-done');
  var result = document.getElementById('job-result');
  var cancel = document.getElementById('job-cancel');
  var source = new EventSource(log.dataset.events);
  source.addEventListener('progress', function (event) {
    var item = document.createElement('li');
    item.textContent = event.data;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    status.textContent = 'running';
  });
  source.addEventListener('done', function (event) {
    source.close();
    var info = JSON.parse(event.data);
    status.textContent = info.status + (info.error ? ' — ' + info.error : '');
    if (cancel) cancel.hidden = true;
    if (info.status === 'ok' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(info.folder)) {
      result.setAttribute('href', '/reports/' + info.folder);
      done.hidden = false;
    }
  });
})();`;
