import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentifyArtifact } from '../../../src/pipeline/report/report-types.ts';
import { judgeSources } from '../../../src/pipeline/report/run-status.ts';
import { claimReportFolder, defaultReportDir } from '../../../src/pipeline/run-folder.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

function identify(per_query: IdentifyArtifact['per_query'], records = 0): IdentifyArtifact {
  const paper = { id: 'x', title: 't' } as IdentifyArtifact['records'][number];
  return {
    per_query,
    records: Array.from({ length: records }, () => paper),
    pinned: [],
    unresolved: [],
    duplicates: [],
  };
}
const down = 'no network: cannot reach arxiv.org; use --offline to work from the local library';

describe('judgeSources', () => {
  it('is failed when every search failed and nothing was identified', () => {
    const outcome = judgeSources(
      identify([
        { query: 'library words', source: 'library', records: 0 },
        { query: 'a', source: 'arxiv', records: 0, error: down },
        { query: 'b', source: 'arxiv', records: 0, error: down },
      ]),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toBe(down);
  });

  it('is partial when some source failed but records were found', () => {
    const outcome = judgeSources(
      identify(
        [
          { query: 'library words', source: 'library', records: 2 },
          { query: 'a', source: 'arxiv', records: 0, error: down },
        ],
        2,
      ),
    );
    expect(outcome.status).toBe('partial');
    expect(outcome.sources).toEqual(['local library (2 matching paper(s))', 'arXiv (1 of 1 search failed)']);
    expect(outcome.failures).toEqual([`arXiv: 1 of 1 search failed: ${down}`]);
  });

  it('is ok when nothing failed, even when nothing matched', () => {
    const outcome = judgeSources(identify([{ query: 'library words', source: 'library', records: 0 }]));
    expect(outcome).toMatchObject({ status: 'ok', failures: [], failure: null });
  });
});

describe('report folders', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
  });
  afterEach(() => cleanup());

  it('differ for questions sharing their first words, and are stable for one question', () => {
    const a = 'How does retrieval augmentation change factual accuracy of large language models on open QA?';
    const b = 'How does retrieval augmentation change factual accuracy of large language models on closed QA?';
    expect(defaultReportDir(a)).not.toBe(defaultReportDir(b));
    expect(defaultReportDir(a)).toBe(defaultReportDir(`${a} `));
    expect(defaultReportDir(a)).toMatch(/^reports\/how-does-retrieval-augmentation-[a-z-]*-[0-9a-f]{8}$/);
  });

  it('are claimed when new, replaced for the same question, refused for another without force', () => {
    const out = join(dir, 'r');
    expect(claimReportFolder(out, 'Q1?', false)).toBe('new');
    mkdirSync(out);
    writeFileSync(join(out, 'run.json'), JSON.stringify({ question: 'Q1?' }));
    expect(claimReportFolder(out, 'Q1?', false)).toBe('replace');
    expect(() => claimReportFolder(out, 'Q2?', false)).toThrow(/another question \("Q1\?"\)/);
    expect(claimReportFolder(out, 'Q2?', true)).toBe('replace');
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'report.md'), '# mine');
    expect(() => claimReportFolder(foreign, 'Q1?', false)).toThrow(/litmus did not write/);
  });
});
