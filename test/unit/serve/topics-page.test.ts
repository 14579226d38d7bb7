import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopicDiff } from '../../../src/pipeline/refresh/diff.ts';
import { filterChoices, filterPapers } from '../../../src/serve/library-query.ts';
import { topicsPage } from '../../../src/serve/pages/topics-page.ts';
import { topicsWithHistory } from '../../../src/serve/topics-query.ts';
import { openStore } from '../../../src/store/db.ts';
import { upsertPaper } from '../../../src/store/papers.ts';
import { finishRun, startRun } from '../../../src/store/runs.ts';
import { commitTopicRefresh, emptyTopicState, saveTopicDefinition } from '../../../src/store/topics.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('topics page', () => {
  const temp = makeTempDir('litmus-serve-topics-');
  const store = openStore(join(temp.dir, 'litmus.db'));
  afterAll(() => {
    store.close();
    temp.cleanup();
  });

  it('shows each refresh with the verdicts that moved and why, read from the diff its run recorded', () => {
    saveTopicDefinition(store, {
      name: 'reading-tools',
      question: 'Do <em>reading</em> tools help?',
      queries: ['all:reading'],
      categories: [],
      schedule: '0 6 * * 1',
      options: {},
    });
    const diff: TopicDiff = {
      topic: 'reading-tools',
      previous_refresh: null,
      refreshed_at: '2026-12-01T06:00:00Z',
      new_papers: [{ id: 'arxiv:2302.07302v2', title: 'CiteSee <v2>' }],
      new_versions: [],
      withdrawn: [],
      removed_papers: [],
      new_claims: [],
      removed_claims: [],
      changed_verdicts: [
        {
          paper_id: 'arxiv:2302.07302v2',
          text: 'Inline citations were not augmented (88.6%).',
          old: 'SUPPORTED',
          new: 'REFUTED',
          old_confidence: 0.8,
          new_confidence: 0.6,
          why: 'v2 reports 78.6%',
        },
      ],
      new_cross_checks: [],
    };
    const diffPath = join(temp.dir, 'diff.json');
    writeFileSync(diffPath, JSON.stringify(diff));
    const ok = startRun(store, 'refresh', ['reading-tools'], {}, 'reading-tools');
    finishRun(store, ok, 'ok', { diff: [join(temp.dir, 'diff.md'), diffPath] });
    const failed = startRun(store, 'refresh', ['reading-tools'], {}, 'reading-tools');
    finishRun(store, failed, 'failed', { error: 'arXiv unreachable' });

    const views = topicsWithHistory(store);
    expect(views).toHaveLength(1);
    expect(views[0]!.refreshes.map((r) => r.run.status)).toEqual(['failed', 'ok']);
    const html = topicsPage(views);
    expect(html).toContain('Do &lt;em&gt;reading&lt;/em&gt; tools help?');
    expect(html).toContain('CiteSee &lt;v2&gt;');
    expect(html).toContain('SUPPORTED (0.80) → REFUTED (0.60): v2 reports 78.6%');
    expect(html).toContain('failed: arXiv unreachable');
  });

  it('filters the library by a topic’s included papers, by year and by source', () => {
    const paper = (id: string, published: string, source: 'arxiv' | 'local') => ({
      id,
      workId: id,
      source,
      externalId: id,
      version: null,
      title: id,
      authors: [],
      published,
      updated: null,
      categories: [],
      licence: null,
      abstract: null,
    });
    upsertPaper(store, paper('arxiv:2302.07302v1', '2023-02-14', 'arxiv'));
    upsertPaper(store, paper('local:other', '2021-06-01', 'local'));
    commitTopicRefresh(
      store,
      'reading-tools',
      { ...emptyTopicState(), included: ['arxiv:2302.07302v1'] },
      '2026-12-01T06:00:00Z',
    );
    expect(filterPapers(store, { topic: 'reading-tools' }).map((p) => p.id)).toEqual(['arxiv:2302.07302v1']);
    expect(filterPapers(store, { year: 2021 }).map((p) => p.id)).toEqual(['local:other']);
    expect(filterPapers(store, { source: 'arxiv', year: 2021 })).toEqual([]);
    expect(filterChoices(store)).toEqual({
      years: [2023, 2021],
      sources: ['arxiv', 'local'],
      topics: ['reading-tools'],
    });
  });
});
