import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/types.ts';
import { dedupeRecords } from '../../../src/selection/dedupe-records.ts';
import { screenRecords } from '../../../src/selection/screen-records.ts';

function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  const [workId] = id.split(/v\d+$/);
  return { id, workId: workId!, source: 'arxiv', externalId: id.replace('arxiv:', ''), version: 1, title, authors: [], published: null, updated: null, categories: [], licence: null, abstract: null, ...extra };
}

describe('dedupeRecords', () => {
  it('keeps one record per arXiv work, DOI and normalised title, preferring pinned ones', () => {
    const records = [
      paper('arxiv:1v1', 'Code Generation at Scale'),
      paper('arxiv:1v2', 'Code generation at scale!'),
      paper('arxiv:2v1', 'Another Paper', { doi: '10.1/X' }),
      paper('arxiv:3v1', 'Same DOI, other title', { doi: '10.1/x' }),
      paper('arxiv:4v1', 'CODE GENERATION AT SCALE'),
    ];
    const { unique, duplicates } = dedupeRecords(records, new Set(['arxiv:1v2']));
    expect(unique.map((r) => r.id)).toEqual(['arxiv:1v2', 'arxiv:2v1']);
    expect(duplicates.map((d) => [d.id, d.duplicateOf])).toEqual([
      ['arxiv:1v1', 'arxiv:1v2'],
      ['arxiv:3v1', 'arxiv:2v1'],
      ['arxiv:4v1', 'arxiv:1v2'],
    ]);
    expect(duplicates[1]!.reason).toContain('DOI');
  });
});

describe('screenRecords', () => {
  const question = 'Does intermediate-task training help code generation?';
  const records = [
    paper('arxiv:a', 'Intermediate-task training for code generation', { abstract: 'We study intermediate-task training for code generation models.' }),
    paper('arxiv:b', 'Program synthesis with transfer learning', { abstract: 'Transfer learning improves program synthesis.' }),
    paper('arxiv:c', 'Sepsis detection in hospitals', { abstract: 'Early warning of sepsis.' }),
    paper('arxiv:d', 'Withdrawn code generation study', { abstract: 'Code generation.', withdrawn: true }),
  ];

  it('keeps the most relevant records and gives every exclusion its reason', () => {
    const decisions = screenRecords(question, records, { maxPapers: 1, threshold: 0.1 });
    const byId = new Map(decisions.map((d) => [d.id, d]));
    expect(byId.get('arxiv:a')!.included).toBe(true);
    expect(byId.get('arxiv:b')!.reason).toMatch(/outside the top 1|below threshold/);
    expect(byId.get('arxiv:c')!.reason).toMatch(/below threshold/);
    expect(byId.get('arxiv:d')!.reason).toBe('withdrawn by its authors');
    expect(decisions.filter((d) => d.included)).toHaveLength(1);
  });

  it('always includes pinned records, with the reason given', () => {
    const decisions = screenRecords(question, records, { maxPapers: 1, threshold: 0.1, pinned: new Set(['arxiv:c']), pinnedReason: 'asked for' });
    expect(decisions.find((d) => d.id === 'arxiv:c')).toMatchObject({ included: true, reason: 'asked for' });
    expect(decisions.find((d) => d.id === 'arxiv:a')!.included).toBe(false);
  });
});
