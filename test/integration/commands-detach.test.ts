import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditJson } from '../../src/report/audit/audit-json.ts';
import { repoRoot } from '../support/shared-data.ts';
import { makeTempDir, spawnLitmus } from '../support/workspace.ts';

/**
 * `add`, `refresh` and `audit --detach` (SQLite, offline): each prints a run id at once, the work runs
 * in a background process of its own, and `litmus run <id> --follow` waits for it and shows how it
 * ended — done when it worked, failed (exit 1) when the background run could not even start.
 */
const fixtures = join(repoRoot, 'test', 'fixtures', 'audit');
const paperText = `# Persistent Citation Context for Reading Tools

## Abstract

Reading tools help researchers read scientific papers by showing the context of each citation.

## Results

Researchers using the reading tool found 20% more relevant papers than with a plain PDF reader.
`;

interface RunShown {
  id: number;
  command: string;
  topic: string | null;
  args: string[];
  status: string;
  summary: Record<string, unknown> | null;
}

describe('--detach on add, refresh and audit', () => {
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  const litmus = async (args: string[]) => spawnLitmus(args, { env, cwd: dir }).done;
  /** Starts `args --detach`, checks it answered at once with a running run, and returns the run id. */
  const detached = async (args: string[]): Promise<number> => {
    const started = await litmus(['--json', ...args, '--detach']);
    expect(started.code, started.stderr).toBe(0);
    const { run_id: runId, status } = JSON.parse(started.stdout) as { run_id: number; status: string };
    expect(status).toBe('running');
    return runId;
  };
  const follow = async (runId: number): Promise<{ code: number; run: RunShown }> => {
    const followed = await litmus(['--json', 'run', String(runId), '--follow', '--interval', '1']);
    return { code: followed.code, run: JSON.parse(followed.stdout) as RunShown };
  };

  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir());
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'reading-tool.md'), paperText);
    env = { LITMUS_DB: join(dir, 'litmus.db'), LITMUS_CONFIG: join(dir, 'config.json'), LITMUS_OFFLINE: '1' };
  });
  afterAll(() => cleanup());

  it('add: the paper is in the library once the run it names is done', async () => {
    // A relative path: the background process works in the same folder.
    const runId = await detached(['add', 'reading-tool.md']);
    const { code, run } = await follow(runId);
    expect(code).toBe(0);
    expect(run).toMatchObject({ id: runId, command: 'add', args: ['reading-tool.md'], status: 'ok' });
    expect(run.summary).toMatchObject({ added: 1, unchanged: 0, failed: 0 });
    const papers = JSON.parse((await litmus(['--json', 'papers'])).stdout) as { title: string }[];
    expect(papers.map((p) => p.title)).toContain('Persistent Citation Context for Reading Tools');
    // What would fail in the background is refused now, with nothing reserved.
    const missing = await litmus(['add', 'no-such-paper.pdf', '--detach']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: no-such-paper.pdf');
    const runs = JSON.parse((await litmus(['--json', 'runs'])).stdout) as RunShown[];
    expect(runs.map((r) => r.id)).toEqual([runId]);
  });

  it('refresh: the topic is built by the background run, whose reserved run is the refresh itself', async () => {
    const out = join(dir, 'topic-report');
    const topic = await litmus([
      'topic',
      'add',
      'reading-tools',
      '--question',
      'How do reading tools help researchers read scientific papers?',
      '--query',
      'reading tools',
      '--threshold',
      '0.01',
      '--out',
      out,
    ]);
    expect(topic.code, topic.stderr).toBe(0);
    const runId = await detached(['refresh', 'reading-tools']);
    const { code, run } = await follow(runId);
    expect(code).toBe(0);
    expect(run).toMatchObject({ id: runId, command: 'refresh', topic: 'reading-tools', status: 'ok' });
    expect(run.summary).toMatchObject({ topic: 'reading-tools', status: 'built', new_papers: 1, run_id: runId });
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    // Its topic's runs list it (and the report it wrote), and no second refresh run was made.
    const runs = JSON.parse((await litmus(['--json', 'runs', '--topic', 'reading-tools'])).stdout) as RunShown[];
    expect(runs.filter((r) => r.command === 'refresh').map((r) => r.id)).toEqual([runId]);

    const unknown = await litmus(['refresh', 'no-such-topic', '--detach']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no topic "no-such-topic"');
  });

  it('audit: the audit is written once the run it names is done', async () => {
    const out = join(dir, 'audit');
    const runId = await detached([
      'audit',
      join(fixtures, 'machine-report.md'),
      '--paper',
      `2401.00001=${join(fixtures, 'codebridge-paper.md')}`,
      '--paper',
      `arxiv:2402.00002=${join(fixtures, 'translated-benchmarks-paper.txt')}`,
      '--out',
      out,
    ]);
    const { code, run } = await follow(runId);
    expect(code).toBe(0);
    expect(run).toMatchObject({ id: runId, command: 'audit', status: 'ok', summary: { outDir: out } });
    const audit = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
    expect(audit.summary.claims).toBeGreaterThan(0);
    expect(run.summary).toMatchObject({ claims: audit.summary.claims, upheld: audit.summary.upheld });
  });

  it('a background run that cannot start is recorded failed, so following it ends with exit 1', async () => {
    // Offline, the LLM engine has no server to talk to: the background process fails before auditing.
    const runId = await detached([
      'audit',
      join(fixtures, 'machine-report.md'),
      '--engine',
      'llm',
      '--out',
      join(dir, 'x'),
    ]);
    const { code, run } = await follow(runId);
    expect(code).toBe(1);
    expect(run).toMatchObject({ id: runId, command: 'audit', status: 'failed' });
    expect(String(run.summary?.error)).toContain('offline');
  });
});
