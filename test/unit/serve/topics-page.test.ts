import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopicDiff } from '../../../src/pipeline/refresh/diff.ts';
import { filterChoices, filterPapers } from '../../../src/serve/library-query.ts';
import { topicsPage } from '../../../src/serve/pages/topics-page.ts';
import { topicsWithHistory } from '../../../src/serve/topics-query.ts';
import { openSqliteStore } from '../../support/sqlite-test-store.ts';
import { emptyTopicState } from '../../../src/store/topics.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('topics page', () => {
  const temp = makeTempDir('litmus-serve-topics-');
  const store = openSqliteStore(join(temp.dir, 'litmus.db'));
  afterAll(async () => {
    await store.close();
    temp.cleanup();
  });

  it('shows each refresh with the verdicts that moved and why, read from the diff its run recorded', async () => {
    await store.topics.saveDefinition({
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
    const ok = await store.runs.start('refresh', ['reading-tools'], {}, 'reading-tools');
    await store.runs.finish(ok, 'ok', { diff: [join(temp.dir, 'diff.md'), diffPath] });
    const failed = await store.runs.start('refresh', ['reading-tools'], {}, 'reading-tools');
    await store.runs.finish(failed, 'failed', { error: 'arXiv unreachable' });

    const views = await topicsWithHistory(store);
    expect(views).toHaveLength(1);
    expect(views[0]!.refreshes.map((r) => r.run.status)).toEqual(['failed', 'ok']);
    const html = topicsPage(views);
    expect(html).toContain('Do &lt;em&gt;reading&lt;/em&gt; tools help?');
    expect(html).toContain('CiteSee &lt;v2&gt;');
    expect(html).toContain('SUPPORTED (0.80) → REFUTED (0.60): v2 reports 78.6%');
    expect(html).toContain('failed: arXiv unreachable');
  });

  it('filters the library by a topic’s included papers, by year and by source', async () => {
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
    await store.papers.upsert(paper('arxiv:2302.07302v1', '2023-02-14', 'arxiv'));
    await store.papers.upsert(paper('local:other', '2021-06-01', 'local'));
    await store.topics.commitRefresh(
      'reading-tools',
      { ...emptyTopicState(), included: ['arxiv:2302.07302v1'] },
      '2026-12-01T06:00:00Z',
    );
    expect((await filterPapers(store, { topic: 'reading-tools' })).map((p) => p.id)).toEqual(['arxiv:2302.07302v1']);
    expect((await filterPapers(store, { year: 2021 })).map((p) => p.id)).toEqual(['local:other']);
    expect(await filterPapers(store, { source: 'arxiv', year: 2021 })).toEqual([]);
    expect(await filterChoices(store)).toEqual({
      years: [2023, 2021],
      sources: ['arxiv', 'local'],
      topics: ['reading-tools'],
    });
  });
});
