import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerExperimentCommands } from '../../src/cli/commands/experiment.ts';
import type { CliContext } from '../../src/cli/context.ts';
import type { Config } from '../../src/config/schema.ts';
import { canonicalSamples, loadProblems } from '../../src/experiments/humaneval/problems.ts';
import { matchClaimToExperiments } from '../../src/experiments/match-metrics.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import { repoRoot, sharedData } from '../support/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'litmus-experiment-cli-'));
const fixtures = resolve(repoRoot, 'test', 'fixtures', 'experiments');
const store: SqliteTestStore = openSqliteStore(join(dir, 'litmus.db'));
afterAll(() => store.close());

async function cli(argv: string[]): Promise<{ results: unknown[]; exitCode: number }> {
  const results: unknown[] = [];
  let exitCode = 0;
  const context: CliContext = {
    config: () => ({}) as Config,
    openStore: async () => store,
    output: {
      json: true,
      result: (value) => results.push(value),
      info: () => {},
      verbose: () => {},
      warn: () => {},
      error: () => {},
      progress: () => ({ tick() {}, done() {} }),
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('litmus').exitOverride();
  registerExperimentCommands(program, context);
  await program.parseAsync(argv, { from: 'user' });
  return { results, exitCode };
}

describe('litmus experiment', () => {
  it('runs a YAML spec without a shell, reads the metrics file and stores the run', async () => {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(
      spec,
      `name: fixture-file\ncommand: [node, ${join(fixtures, 'write-metrics.mjs')}, out.json]\ntimeout_s: 30\nmetrics: {file: out.json}\nmodel: tiny\n`,
    );
    const { results, exitCode } = await cli(['experiment', 'run', spec]);
    expect(exitCode).toBe(0);
    const record = results[0] as {
      id: number;
      metrics: Record<string, unknown>;
      exitCode: number;
      stderrTail: string;
      host: { node: string; cpus: number };
    };
    expect(record.metrics).toMatchObject({ accuracy: 0.912 });
    expect(record.exitCode).toBe(0);
    expect(record.stderrTail).toContain('done');
    expect(record.host.node).toBe(process.version);
    const shown = await cli(['experiment', 'show', String(record.id)]);
    expect(shown.results[0]).toMatchObject({ name: 'fixture-file', kind: 'command' });
  });

  it('takes metrics from stdout and kills a command that outlives its timeout', async () => {
    const spec = join(dir, 'stdout.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'fixture-stdout',
        command: ['node', join(fixtures, 'write-metrics.mjs')],
        timeout_s: 30,
        metrics: { stdout: true },
      }),
    );
    const ok = await cli(['experiment', 'run', spec]);
    expect((ok.results[0] as { metrics: unknown }).metrics).toMatchObject({ model: 'tiny' });
    const slow = join(dir, 'slow.json');
    writeFileSync(
      slow,
      JSON.stringify({
        name: 'slow',
        command: ['node', '-e', 'setInterval(() => {}, 1000)'],
        timeout_s: 1,
        metrics: { stdout: true },
      }),
    );
    const started = Date.now();
    const timedOut = await cli(['experiment', 'run', slow]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(timedOut.exitCode).toBe(1);
    expect((timedOut.results[0] as { spec: { problems: string[] } }).spec.problems[0]).toMatch(/timed out after 1s/);
  });

  it('imports CSV metrics, lists runs and matches claims against them', async () => {
    const { results } = await cli([
      'experiment',
      'import',
      join(fixtures, 'metrics.csv'),
      '--name',
      'paper-table',
      '--model',
      'CodeGeeX-13B',
    ]);
    expect((results[0] as { metrics: { rows: unknown[] } }).metrics.rows).toHaveLength(2);
    const listed = await cli(['experiment', 'list']);
    expect((listed.results[0] as { name: string }[]).map((r) => r.name)).toEqual([
      'paper-table',
      'slow',
      'fixture-stdout',
      'fixture-file',
    ]);
    const runs = await store.experiments.list({ name: 'paper-table' });
    const [match] = matchClaimToExperiments('CodeGeeX reaches pass@1 = 0.60 in C++.', runs);
    expect(match).toMatchObject({ status: 'NOT_REPRODUCED', observed: 0.61, claimed: 0.6 });
    const [close] = matchClaimToExperiments('CodeGeeX reaches pass@1 of 61% in C++.', runs);
    expect(close).toMatchObject({ status: 'REPRODUCED' });
  });

  it('scores HumanEval-X samples, writes results and stores a run a claim can be matched to', async () => {
    const samplesPath = join(dir, 'samples.jsonl');
    const problems = sharedData('humaneval-x');
    // 5 CPP tasks: three reference solutions, two wrong: pass@1 = 0.6.
    const cpp = canonicalSamples(loadProblems(problems, 'cpp')).slice(0, 5);
    const lines = cpp.map((s, i) => ({ task_id: s.taskId, generation: i < 3 ? s.generation : '}\n' }));
    writeFileSync(samplesPath, lines.map((l) => JSON.stringify(l)).join('\n'));
    const out = join(dir, 'results.json');
    const { results } = await cli([
      'experiment',
      'humaneval-x',
      '--samples',
      samplesPath,
      '--problems',
      problems,
      '--k',
      '1',
      '--out',
      out,
      '--model',
      'model X',
    ]);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.languages.cpp['pass@1']).toBeCloseTo(0.6, 12);
    expect(written.languages.cpp.results).toHaveLength(5);
    const id = (results[0] as { id: number }).id;
    const run = (await store.experiments.list()).find((r) => r.id === id)!;
    expect(run.kind).toBe('humaneval-x');
    expect(matchClaimToExperiments('model X reaches pass@1 = 0.60 on HumanEval-X C++', [run])[0]).toMatchObject({
      status: 'REPRODUCED',
    });
    expect(matchClaimToExperiments('model X reaches pass@1 = 0.70 on HumanEval-X C++', [run])[0]).toMatchObject({
      status: 'NOT_REPRODUCED',
      observed: 0.6,
      claimed: 0.7,
    });
  });
});
