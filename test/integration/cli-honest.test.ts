import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/core/types.ts';
import type { ReportModel } from '../../src/report/report-model.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/**
 * Issue 14 end to end, in process: an unreachable network fails fast and is recorded failed; a report
 * answered from the local library needs no network; questions sharing words get their own folders
 * and nothing is overwritten silently; paper ids resolve as people type them; experiment show.
 */
const question = 'How can citation context help researchers discover prior work while reading scientific papers?';
const sibling = 'How can citation context help researchers discover prior work while writing scientific papers?';

let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  ({ dir, cleanup } = makeTempDir('litmus-honest-'));
  writeFileSync(join(dir, 'config.json'), '{}');
  env = {
    LITMUS_DB: join(dir, 'litmus.db'),
    LITMUS_CONFIG: join(dir, 'config.json'),
    // Nothing listens here: any arXiv request is refused, so a test passing proves no request was needed.
    LITMUS_ARXIV_API: `http://127.0.0.1:${await closedPort()}/api/query`,
    LITMUS_ARXIV_BASE: `http://127.0.0.1:${await closedPort()}`,
    LITMUS_ARXIV_DELAY_MS: '0',
  };
});
afterAll(() => cleanup());

const reportJson = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
const runJson = (out: string) => JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
const lastRun = async () => JSON.parse((await runLitmus(['--json', 'runs', '--limit', '1'], env)).stdout)[0];

describe('no network', () => {
  it('fails fast on a name that does not resolve, in one line, and records the run failed', async () => {
    const started = Date.now();
    const out = join(dir, 'no-dns');
    const result = await runLitmus(['--quiet', 'report', question, '--out', out], {
      ...env,
      LITMUS_ARXIV_API: 'http://nonexistent.invalid/api/query',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'error: no network: cannot reach nonexistent.invalid; use --offline to work from the local library',
    ]);
    // No five retries with backoff (that took minutes): one attempt per host. A loose bound, not a benchmark.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(join(out, 'report.md'))).toBe(false);
    const run = await lastRun();
    expect(run).toMatchObject({ command: 'report', status: 'failed' });
    expect(run.summary.error).toContain('no network: cannot reach nonexistent.invalid');
  });

  it('fails fast when the connection is refused', async () => {
    const result = await runLitmus(['--quiet', 'report', question, '--out', join(dir, 'refused')], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no network: cannot reach 127\.0\.0\.1:\d+; use --offline/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect((await lastRun()).status).toBe('failed');
  });
});

describe('the local library as a source', () => {
  beforeAll(async () => {
    const added = await runLitmus(
      ['--quiet', 'add', sharedData('pdfs', '2302.07302v1.pdf'), sharedData('pdfs', '1708.05894v1.pdf')],
      env,
    );
    expect(added.code).toBe(0);
  });

  it('answers offline from ingested papers, with no request, and says the library was the only source', async () => {
    const out = join(dir, 'offline');
    const result = await runLitmus(['--quiet', '--offline', 'report', question, '--out', out], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = reportJson(out);
    expect(model.papers.map((p) => p.id)).toEqual(['local:2302-07302v1']);
    expect(model.claims.length).toBeGreaterThan(0);
    expect(model.method.sources).toEqual([expect.stringMatching(/^local library/)]);
    expect(
      model.limitations.some((l) => l.includes('the local library (papers already ingested) was the only source')),
    ).toBe(true);
    const run = runJson(out);
    expect(run.status).toBe('ok');
    expect(run.http_requests).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/- Sources: local library/);
  });

  it('--source library needs no network either', async () => {
    const out = join(dir, 'library-only');
    const result = await runLitmus(['--quiet', 'report', question, '--source', 'library', '--out', out], env);
    expect(result.code).toBe(0);
    expect(runJson(out).http_requests).toBe(0);
    expect(reportJson(out).papers.map((p) => p.id)).toEqual(['local:2302-07302v1']);
  });

  it('is partial, exit 1, when the library answers but arXiv is unreachable', async () => {
    const out = join(dir, 'partial');
    const result = await runLitmus(['report', question, '--out', out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: partial run: arXiv: 4 of 4 searches failed: no network: cannot reach/);
    expect(result.stdout).toContain('(partial: some sources failed');
    expect(runJson(out).status).toBe('partial');
    const model = reportJson(out);
    expect(model.papers.map((p) => p.id)).toEqual(['local:2302-07302v1']);
    expect(model.method.sources).toContain('arXiv (4 of 4 searches failed)');
    expect(model.limitations[0]).toMatch(/^Run status: partial — arXiv: 4 of 4 searches failed/);
    const run = await lastRun();
    expect(run.status).toBe('partial');
    const human = await runLitmus(['runs', '--limit', '1'], env);
    expect(human.stdout).toMatch(/— partial .*arXiv: 4 of 4 searches failed/);
  });

  it('gives two questions sharing their first words two folders, and never overwrites silently', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await runLitmus(['--quiet', '--offline', 'report', question], env)).code).toBe(0);
      expect((await runLitmus(['--quiet', '--offline', 'report', sibling], env)).code).toBe(0);
      const folders = readdirSync(join(dir, 'reports')).sort();
      expect(folders).toHaveLength(2);
      expect(folders[0]!.slice(0, 40)).toBe(folders[1]!.slice(0, 40));
      const questions = folders.map((f) => reportJson(join(dir, 'reports', f)).question).sort();
      expect(questions).toEqual([question, sibling].sort());
      // The same question again replaces its own report, and says so.
      const again = await runLitmus(['--offline', 'report', question], env);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/replacing the earlier report of this question in reports\//);
      // Another question into that folder is refused without --force.
      const target = join('reports', folders.find((f) => reportJson(join(dir, 'reports', f)).question === question)!);
      const refused = await runLitmus(['--quiet', '--offline', 'report', sibling, '--out', target], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/already holds the report of another question .* add --force to replace it/);
      expect(reportJson(target).question).toBe(question);
      const forced = await runLitmus(['--quiet', '--offline', 'report', sibling, '--out', target, '--force'], env);
      expect(forced.code).toBe(0);
      expect(reportJson(target).question).toBe(sibling);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('paper ids as people type them', () => {
  let idEnv: Record<string, string>;
  beforeAll(async () => {
    idEnv = { ...env, LITMUS_DB: join(dir, 'ids.db') };
    const store = openSqliteStore(idEnv.LITMUS_DB!);
    const text = [
      'Retrieval-augmented generation combines a retriever with a generator.',
      'The model reaches 44.5 exact match on Natural Questions, improving over the closed-book baseline by 10 points.',
    ];
    for (const version of [1, 2]) {
      const id = `arxiv:2005.11401v${version}`;
      await store.papers.upsert({
        id,
        workId: 'arxiv:2005.11401',
        source: 'arxiv',
        externalId: '2005.11401',
        version,
        title: 'Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks',
        authors: [{ name: 'Patrick Lewis' }],
        published: '2020-05-22',
        updated: null,
        categories: ['cs.CL'],
        licence: null,
        abstract: 'Retrieval-augmented generation.',
        doi: version === 2 ? '10.5555/3495724.3496517' : null,
      });
      const fullText = text.join('\n\n');
      const parsed: ParsedDocument = {
        kind: 'text',
        title: id,
        abstract: null,
        authors: [],
        fullText,
        pages: [],
        sections: [],
        tables: [],
        references: [],
        warnings: [],
      };
      let offset = 0;
      const passages = text.map((p, ordinal) => {
        const draft = {
          ordinal,
          charStart: offset,
          charEnd: offset + p.length,
          page: null,
          sectionPath: ['1 Results'],
        };
        offset += p.length + 2;
        return draft;
      });
      await store.documents.insert({
        paperId: id,
        kind: 'text',
        contentHash: `h${version}`,
        bytes: fullText.length,
        origin: 'test',
        parsed,
        passages,
      });
    }
    await store.close();
  });

  const shown = async (input: string) => {
    const result = await runLitmus(['--json', 'show', input], idEnv);
    expect(result.stderr, input).toBe('');
    return (JSON.parse(result.stdout) as { id: string }).id;
  };

  it('resolves every form in show; without a version, the newest stored', async () => {
    for (const input of [
      'arxiv:2005.11401v2',
      '2005.11401',
      'arXiv:2005.11401',
      'arxiv.org/abs/2005.11401v2',
      'https://arxiv.org/abs/2005.11401',
      'https://arxiv.org/pdf/2005.11401v2',
      'https://arxiv.org/pdf/2005.11401v2.pdf',
      '10.48550/arXiv.2005.11401',
      'https://doi.org/10.48550/arXiv.2005.11401',
      '10.5555/3495724.3496517',
      'doi:10.5555/3495724.3496517',
    ]) {
      expect(await shown(input), input).toBe('arxiv:2005.11401v2');
    }
    expect(await shown('2005.11401v1')).toBe('arxiv:2005.11401v1');
    expect(await shown('https://arxiv.org/pdf/2005.11401v1')).toBe('arxiv:2005.11401v1');
    const unknown = await runLitmus(['show', '2005.99999'], idEnv);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: no paper 2005\.99999 in the database/);
  });

  it('resolves them in text, claims, verify, search --paper, expand and report --paper', async () => {
    const text = await runLitmus(['--json', 'text', 'arXiv:2005.11401'], idEnv);
    expect(text.code).toBe(0);
    expect(JSON.parse(text.stdout).paper_id).toBe('arxiv:2005.11401v2');
    const claims = await runLitmus(['--json', 'claims', 'arxiv.org/abs/2005.11401', '--engine', 'embedded'], idEnv);
    expect(claims.code).toBe(0);
    expect(
      (JSON.parse(claims.stdout) as { paper_id: string }[]).every((c) => c.paper_id === 'arxiv:2005.11401v2'),
    ).toBe(true);
    const verify = await runLitmus(['--json', 'verify', '2005.11401', '--engine', 'embedded'], idEnv);
    expect(verify.stderr).not.toMatch(/no paper/);
    expect(verify.code).toBe(0);
    const search = await runLitmus(['--json', 'search', 'exact match', '--paper', '2005.11401'], idEnv);
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as { paper_id: string }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.paper_id === 'arxiv:2005.11401v2')).toBe(true);
    // expand gets past the id (offline it then cannot ask Semantic Scholar: a different error).
    const expand = await runLitmus(['--offline', 'expand', 'https://arxiv.org/pdf/2005.11401v2'], idEnv);
    expect(expand.stderr).not.toMatch(/no paper/);
    const out = join(dir, 'by-paper');
    const report = await runLitmus(
      [
        '--quiet',
        '--offline',
        'report',
        'What does retrieval-augmented generation reach on Natural Questions?',
        '--paper',
        '2005.11401',
        '--out',
        out,
      ],
      idEnv,
    );
    expect(report.code).toBe(0);
    expect(reportJson(out).papers.map((p) => p.id)).toEqual(['arxiv:2005.11401v2']);
  });
});

describe('litmus experiment show', () => {
  it('shows a HumanEval-X record, whose spec.problems is its problems folder', async () => {
    const store = openSqliteStore(env.LITMUS_DB!);
    const id = await store.experiments.insert({
      name: 'samples.jsonl',
      kind: 'humaneval-x',
      spec: { samples: '/tmp/samples.jsonl', problems: '/data/humaneval-x', dataset: 'HumanEval-X' },
      command: ['experiment', 'humaneval-x'],
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:01:00Z',
      exitCode: 0,
      stdoutTail: null,
      stderrTail: null,
      metrics: { python: { 'pass@1': 0.5 } },
      host: { node: 'v22', os: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1, tools: {} },
      claims: [],
    });
    await store.close();
    const result = await runLitmus(['experiment', 'show', String(id)], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`experiment ${id}: samples.jsonl (humaneval-x)`);
    expect(result.stdout).toContain('"pass@1": 0.5');
    expect(result.stdout).not.toContain('problem:');
  });
});
