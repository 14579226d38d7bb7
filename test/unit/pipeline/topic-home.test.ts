import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.ts';
import { topicReportDir, topicsDir, workspaceDir } from '../../../src/pipeline/refresh/topic-files.ts';
import { standInConfig } from '../../support/arxiv-stand-in.ts';

describe('the topic workspace', () => {
  it('keeps topic files and their reports together, beside the database by default', () => {
    const config: Config = standInConfig({ db: join('research', 'corpus', 'litmus.db') });
    expect(workspaceDir(config)).toBe(join('research', 'corpus'));
    expect(topicsDir(config)).toBe(join('research', 'corpus', 'topics'));
    expect(topicReportDir(config, { name: 'llm-eval', options: {} })).toBe(
      join('research', 'corpus', 'reports', 'llm-eval'),
    );
  });

  it('follows the configured workspace, and a topic’s own --out wins', () => {
    const config: Config = standInConfig({ db: 'corpus/litmus.db', workspace: 'team' });
    expect(topicsDir(config)).toBe(join('team', 'topics'));
    expect(topicReportDir(config, { name: 'llm-eval', options: {} })).toBe(join('team', 'reports', 'llm-eval'));
    expect(topicReportDir(config, { name: 'llm-eval', options: { outDir: 'out/x' } })).toBe('out/x');
  });
});
