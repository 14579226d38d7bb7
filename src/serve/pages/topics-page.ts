import type { RunRecord } from '../../core/types.ts';
import type { TopicDiff } from '../../pipeline/refresh/diff.ts';
import { escapeHtml as esc } from '../../report/escape.ts';
import type { Topic } from '../../store/store.ts';
import { href, page } from './layout.ts';

export interface TopicView {
  topic: Topic;
  refreshes: { run: RunRecord; diff: TopicDiff | null }[];
}

/** Topics: each with its refresh history and what each refresh changed. */
export function topicsPage(views: TopicView[]): string {
  const body =
    views.length === 0
      ? '<p>No topics. Add one with <code>litmus topic add &lt;name&gt; --question Q</code>.</p>'
      : views.map(topicSection).join('\n');
  return page('Topics', 'topics', `<h1>Topics</h1>\n${body}`);
}

function topicSection({ topic, refreshes }: TopicView): string {
  const history = refreshes
    .map(({ run, diff }) => {
      const summary = (run.summary ?? {}) as { error?: string };
      return `<li><strong>${esc(run.startedAt)}</strong> — ${esc(run.status)}${summary.error ? `: ${esc(summary.error)}` : ''}${diff ? diffHtml(diff) : ''}</li>`;
    })
    .join('');
  return `<section id="topic-${esc(topic.name)}"><h2>${esc(topic.name)}</h2>
<dl class="meta"><dt>Question</dt><dd>${esc(topic.question)}</dd>
<dt>Queries</dt><dd>${esc(topic.queries.join('; ') || 'planned at first refresh')}</dd>
<dt>Schedule</dt><dd>${esc(topic.schedule ?? 'none')}</dd>
<dt>Last refresh</dt><dd>${esc(topic.lastRefreshAt ?? 'never')}</dd>
<dt>Papers</dt><dd><a href="${href('/', { topic: topic.name })}">${topic.state.included.length} included</a></dd></dl>
<h3>Refresh history</h3>${history ? `<ol>${history}</ol>` : '<p>Never refreshed.</p>'}</section>`;
}

function diffHtml(diff: TopicDiff): string {
  const list = (title: string, items: string[]) =>
    items.length
      ? `<p class="detail"><strong>${title}</strong></p><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
      : '';
  const parts = [
    list(
      'New papers',
      diff.new_papers.map((p) => `${esc(p.title)} <span class="mono">${esc(p.id)}</span>`),
    ),
    list(
      'New versions',
      diff.new_versions.map((v) => `${esc(v.title)}: ${esc(v.from)} → ${esc(v.to)}`),
    ),
    list(
      'Withdrawn',
      diff.withdrawn.map((w) => `${esc(w.title)}: ${esc(w.reason)}`),
    ),
    list(
      'Removed papers',
      diff.removed_papers.map((p) => esc(p.title)),
    ),
    list(
      'Verdicts that moved',
      diff.changed_verdicts.map(
        (c) =>
          `${esc(c.text)} — ${esc(c.old)} (${c.old_confidence.toFixed(2)}) → ${esc(c.new)} (${c.new_confidence.toFixed(2)}): ${esc(c.why)}`,
      ),
    ),
    list(
      'New claims',
      diff.new_claims.map((c) => `${esc(c.text)} — ${esc(c.verdict)}`),
    ),
    list(
      'Removed claims',
      diff.removed_claims.map((c) => esc(c.text)),
    ),
    list(
      'Cross-checks against new papers',
      diff.new_cross_checks.map(
        (x) =>
          `${esc(x.text)}${x.corroborated_by.length ? ` — corroborated by ${esc(x.corroborated_by.join(', '))}` : ''}${x.contradicted_by.length ? ` — contradicted by ${esc(x.contradicted_by.join(', '))}` : ''}`,
      ),
    ),
  ].join('');
  return parts ? `<details><summary>What changed</summary>${parts}</details>` : ' — nothing changed';
}
