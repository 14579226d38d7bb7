import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/types.ts';
import { claimKey, computeTopicDiff, isEmptyDiff, renderDiffMarkdown, workOf } from '../../../src/pipeline/refresh/diff.ts';
import { classifyRecords } from '../../../src/pipeline/refresh/topic-state.ts';
import { emptyTopicState, type TopicClaim, type TopicState } from '../../../src/store/topics.ts';

function claim(paperId: string, text: string, verdict: TopicClaim['verdict'], extra: Partial<TopicClaim> = {}): TopicClaim {
  return {
    key: claimKey(workOf(paperId), text),
    claim_id: 1,
    paper_id: paperId,
    work_id: workOf(paperId),
    text,
    verdict,
    confidence: 0.8,
    rationale: '',
    evidence_papers: [paperId],
    corroborating: [],
    contradicting: [],
    ...extra,
  };
}

function state(included: string[], claims: TopicClaim[], snapshot = 's1'): TopicState {
  return { ...emptyTopicState(), included, claims, snapshot };
}

function paper(id: string, extra: Partial<Paper> = {}): Paper {
  const [, work, version] = /^(arxiv:.+?)v(\d+)$/.exec(id)!;
  return {
    id,
    workId: work!,
    source: 'arxiv',
    externalId: work!.slice('arxiv:'.length),
    version: Number(version),
    title: `Title of ${id}`,
    authors: [],
    published: null,
    updated: null,
    categories: [],
    licence: null,
    abstract: null,
    ...extra,
  };
}

describe('topic diff', () => {
  const before = state(
    ['arxiv:1111.0001v1', 'arxiv:2222.0002v1', 'arxiv:3333.0003v1'],
    [
      claim('arxiv:1111.0001v1', 'Method A reaches 90% accuracy.', 'SUPPORTED'),
      claim('arxiv:1111.0001v1', 'Method A is slow.', 'NOT_ENOUGH_INFO'),
      claim('arxiv:2222.0002v1', 'Dataset B has 10k items.', 'SUPPORTED'),
      claim('arxiv:3333.0003v1', 'C beats A.', 'SUPPORTED'),
    ],
  );
  const after = state(
    ['arxiv:1111.0001v2', 'arxiv:2222.0002v1', 'arxiv:4444.0004v1'],
    [
      // Same claim in the new version, verdict changed by the new version.
      claim('arxiv:1111.0001v2', 'Method  A reaches 90% accuracy.', 'REFUTED', { confidence: 0.7, rationale: 'v2 reports 85%.' }),
      claim('arxiv:1111.0001v2', 'Method A is slow.', 'NOT_ENOUGH_INFO'),
      // Re-verified against the new paper, which contradicts it.
      claim('arxiv:2222.0002v1', 'Dataset B has 10k items.', 'PARTIAL', {
        evidence_papers: ['arxiv:2222.0002v1', 'arxiv:4444.0004v1'],
        contradicting: ['arxiv:4444.0004v1'],
      }),
      claim('arxiv:4444.0004v1', 'D is new.', 'SUPPORTED'),
    ],
    's2',
  );
  const diff = computeTopicDiff({
    topic: 't',
    previous: before,
    next: after,
    previousRefresh: '2026-03-09T06:00:00.000Z',
    refreshedAt: '2026-03-10T06:00:00.000Z',
    titles: { 'arxiv:4444.0004v1': 'Paper D', 'arxiv:1111.0001v2': 'Paper A' },
    withdrawn: [{ id: 'arxiv:3333.0003v2', title: 'Paper C', reason: 'withdrawn: duplicate' }],
  });

  it('separates new papers, new versions and withdrawn papers by work', () => {
    expect(diff.new_papers).toEqual([{ id: 'arxiv:4444.0004v1', title: 'Paper D' }]);
    expect(diff.new_versions).toEqual([{ work_id: 'arxiv:1111.0001', from: 'arxiv:1111.0001v1', to: 'arxiv:1111.0001v2', title: 'Paper A' }]);
    expect(diff.withdrawn.map((w) => w.id)).toEqual(['arxiv:3333.0003v2']);
    // A withdrawn paper is reported as withdrawn, not as merely dropped.
    expect(diff.removed_papers).toEqual([]);
  });

  it('matches claims across versions and reports changed verdicts with the reason', () => {
    expect(diff.new_claims.map((c) => c.text)).toEqual(['D is new.']);
    expect(diff.removed_claims.map((c) => c.text)).toEqual(['C beats A.']);
    const changed = Object.fromEntries(diff.changed_verdicts.map((c) => [c.text, c]));
    expect(Object.keys(changed).sort()).toEqual(['Dataset B has 10k items.', 'Method  A reaches 90% accuracy.']);
    expect(changed['Method  A reaches 90% accuracy.']).toMatchObject({ old: 'SUPPORTED', new: 'REFUTED', old_confidence: 0.8, new_confidence: 0.7 });
    expect(changed['Method  A reaches 90% accuracy.']!.why).toContain('arxiv:1111.0001v1 → arxiv:1111.0001v2');
    expect(changed['Method  A reaches 90% accuracy.']!.why).toContain('v2 reports 85%.');
    expect(changed['Dataset B has 10k items.']!.why).toContain('new evidence from arxiv:4444.0004v1');
    expect(changed['Dataset B has 10k items.']!.why).toContain('now contradicted by arxiv:4444.0004v1');
  });

  it('renders every change in Markdown', () => {
    const markdown = renderDiffMarkdown(diff);
    expect(markdown).toContain('## New papers (1)');
    expect(markdown).toContain('arxiv:1111.0001v1 → arxiv:1111.0001v2');
    expect(markdown).toContain('SUPPORTED (0.80) → PARTIAL (0.80)');
    expect(markdown).toContain('## Withdrawn papers (1)');
  });

  it('is empty between identical states', () => {
    const same = computeTopicDiff({ topic: 't', previous: before, next: before, previousRefresh: null, refreshedAt: 'x', titles: {}, withdrawn: [] });
    expect(isEmptyDiff(same)).toBe(true);
    expect(isEmptyDiff(diff)).toBe(false);
  });
});

describe('classifying a window of records', () => {
  const current: TopicState = { ...emptyTopicState(), included: ['arxiv:1111.0001v1', 'arxiv:2222.0002v2'], seen: ['arxiv:5555.0005v1'] };

  it('skips what was seen, keeps new works, and sorts versions of included works', () => {
    const result = classifyRecords(current, [
      paper('arxiv:1111.0001v1'), // the included version itself
      paper('arxiv:5555.0005v1'), // seen earlier (screened out)
      paper('arxiv:5555.0005v2'), // a new version of a seen, not included work: screen again
      paper('arxiv:1111.0001v3'), // new version of an included work
      paper('arxiv:1111.0001v2'), // older than v3: ignored
      paper('arxiv:2222.0002v3', { withdrawn: true, comment: 'withdrawn' }),
      paper('arxiv:6666.0006v1'),
      paper('arxiv:6666.0006v1'), // listed twice
    ]);
    expect(result.candidates.map((p) => p.id)).toEqual(['arxiv:5555.0005v2', 'arxiv:6666.0006v1']);
    expect(result.newVersions.map((p) => p.id)).toEqual(['arxiv:1111.0001v3']);
    expect(result.withdrawn.map((p) => p.id)).toEqual(['arxiv:2222.0002v3']);
  });

  it('finds nothing in a window of known records', () => {
    const result = classifyRecords(current, [paper('arxiv:1111.0001v1'), paper('arxiv:5555.0005v1')]);
    expect(result).toEqual({ candidates: [], newVersions: [], withdrawn: [] });
  });
});

describe('topic diff: earlier claims checked against new papers', () => {
  it('lists unchanged claims that a paper new to the topic now corroborates or contradicts', () => {
    const before = state(['arxiv:1111.0001v1', 'arxiv:2222.0002v1'], [
      claim('arxiv:1111.0001v1', 'Method A reaches 90% accuracy.', 'SUPPORTED', { corroborating: ['arxiv:2222.0002v1'] }),
      claim('arxiv:1111.0001v1', 'Method A is slow.', 'SUPPORTED'),
    ]);
    const after = state(['arxiv:1111.0001v1', 'arxiv:2222.0002v1', 'arxiv:5555.0005v1'], [
      claim('arxiv:1111.0001v1', 'Method A reaches 90% accuracy.', 'SUPPORTED', { corroborating: ['arxiv:2222.0002v1', 'arxiv:5555.0005v1'] }),
      claim('arxiv:1111.0001v1', 'Method A is slow.', 'SUPPORTED', { contradicting: ['arxiv:5555.0005v1'] }),
    ]);
    const diff = computeTopicDiff({ topic: 't', previous: before, next: after, previousRefresh: null, refreshedAt: 'now', titles: {}, withdrawn: [] });
    expect(diff.changed_verdicts).toEqual([]);
    expect(diff.new_cross_checks).toEqual([
      { paper_id: 'arxiv:1111.0001v1', text: 'Method A reaches 90% accuracy.', corroborated_by: ['arxiv:5555.0005v1'], contradicted_by: [] },
      { paper_id: 'arxiv:1111.0001v1', text: 'Method A is slow.', corroborated_by: [], contradicted_by: ['arxiv:5555.0005v1'] },
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(renderDiffMarkdown(diff)).toContain('"Method A is slow." (arxiv:1111.0001v1): now contradicted by arxiv:5555.0005v1');
  });
});
