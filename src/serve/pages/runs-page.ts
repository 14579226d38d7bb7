import type { RunRecord } from '../../core/types.ts';
import { escapeHtml as esc } from '../../report/escape.ts';
import type { Job } from '../jobs.ts';
import type { RunFolderEntry } from '../run-folders.ts';
import { page } from './layout.ts';

/** Reports and audits: runs started here, result folders under the reports root, the database's run history. */
export function runsPage(jobs: Job[], folders: RunFolderEntry[], runs: RunRecord[], reportsRoot: string): string {
  const jobRows = jobs
    .map(
      (j) =>
        `<tr><td><a href="/jobs/${esc(j.id)}">${esc(j.title)}</a></td><td>${j.kind}</td><td>${j.status}</td><td>${esc(j.startedAt)}</td></tr>`,
    )
    .join('');
  const folderRows = folders
    .map(
      (f) =>
        `<tr><td><a href="/reports/${encodeURIComponent(f.name)}">${esc(f.title)}</a><br><span class="mono">${esc(f.name)}</span></td><td>${f.kind}</td><td>${esc(f.modifiedAt)}</td></tr>`,
    )
    .join('');
  const runRows = runs
    .map((r) => {
      const summary = (r.summary ?? {}) as { error?: string };
      const label = r.args[0] ?? '';
      return `<tr><td class="num">${r.id}</td><td>${esc(r.command)}</td><td>${r.command === 'report' && r.status === 'ok' ? `<a href="/runs/${r.id}">${esc(label)}</a>` : esc(label)}</td><td>${esc(r.topic ?? '')}</td><td>${esc(r.status)}${summary.error ? `: ${esc(summary.error)}` : ''}</td><td>${esc(r.startedAt)}</td></tr>`;
    })
    .join('');
  return page(
    'Reports and audits',
    'reports',
    `<h1>Reports and audits</h1>
<p><a href="/runs/new">Start a new report or audit</a></p>
${jobs.length ? `<h2>Started here</h2><table id="jobs-table"><thead><tr><th>Run</th><th>Kind</th><th>Status</th><th>Started</th></tr></thead><tbody>${jobRows}</tbody></table>` : ''}
<h2>Results in ${esc(reportsRoot)}</h2>
${folders.length ? `<table id="folders-table"><thead><tr><th>Report</th><th>Kind</th><th>Written</th></tr></thead><tbody>${folderRows}</tbody></table>` : '<p>No report or audit folders yet.</p>'}
<h2>Run history</h2>
${runs.length ? `<table id="runs-table"><thead><tr><th class="num">Run</th><th>Command</th><th>Question</th><th>Topic</th><th>Status</th><th>Started</th></tr></thead><tbody>${runRows}</tbody></table>` : '<p>No runs recorded.</p>'}`,
  );
}

export function jobPage(job: Job, csrf: string | null): string {
  const running = job.status === 'running';
  const cancel =
    running && csrf
      ? `<form method="post" action="/jobs/${esc(job.id)}/cancel" id="job-cancel"><input type="hidden" name="_csrf" value="${esc(csrf)}"><button type="submit" class="danger">Cancel</button></form>`
      : '';
  const finishedOk = job.status === 'ok';
  return page(
    job.title,
    'reports',
    `<h1>${esc(job.title)}</h1>
<p>${job.kind} · started ${esc(job.startedAt)} · status <strong id="job-status">${esc(job.status)}${job.error ? ` — ${esc(job.error)}` : ''}</strong></p>
<p id="job-done" class="job-done"${finishedOk ? '' : ' hidden'}><a id="job-result" href="${finishedOk ? `/reports/${encodeURIComponent(job.folder)}` : '#'}">Open the ${job.kind}</a></p>
${cancel}
<h2>Progress</h2>
<ol id="job-log" class="log"${running ? ` data-events="/jobs/${esc(job.id)}/events"` : ''}>${
      running
        ? ''
        : job.events
            .filter((e) => e.type === 'progress')
            .map((e) => `<li>${esc(e.data)}</li>`)
            .join('')
    }</ol>`,
  );
}
