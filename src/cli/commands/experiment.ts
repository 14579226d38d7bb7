import { writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { usageError } from '../../core/errors.ts';
import { hostFacts } from '../../experiments/host-facts.ts';
import { type Generate, generateSamples, writeSamples } from '../../experiments/humaneval/generate.ts';
import { type HumanEvalResults, runHumanEvalX } from '../../experiments/humaneval/harness.ts';
import { defaultProblemsDir, loadProblems, loadSamples } from '../../experiments/humaneval/problems.ts';
import { humanEvalRecord } from '../../experiments/humaneval/record.ts';
import { LANGUAGES, type Language, type Sample } from '../../experiments/humaneval/types.ts';
import { readMetricsFile } from '../../experiments/metrics-file.ts';
import type { ExperimentRecord } from '../../experiments/record.ts';
import { runExperiment } from '../../experiments/run-experiment.ts';
import { loadExperimentSpec } from '../../experiments/spec.ts';
import type { CliContext } from '../context.ts';
import { integerInRange, MAX_COUNT, numberInRange } from './parse-options.ts';

/** Builds the `generate(prompt)` callback for --generate; supplied once the LLM engine is wired in. */
export type GeneratorFactory = (model: string, options: { temperature: number }) => Generate;

export interface ExperimentCommandDeps {
  generator?: GeneratorFactory;
}

export function registerExperimentCommands(
  program: Command,
  context: CliContext,
  deps: ExperimentCommandDeps = {},
): void {
  const experiment = program.command('experiment').description('companion experiment runs and their metrics');

  experiment
    .command('run <spec>')
    .description('run an experiment spec (JSON or YAML) and store its metrics')
    .action(async (specPath: string) => {
      const spec = loadExperimentSpec(specPath);
      context.output.info(`running ${spec.name}: ${spec.command.join(' ')}`);
      const record = await runExperiment(spec, { baseDir: dirname(resolve(specPath)) });
      const id = await (await context.openStore()).experiments.insert(record);
      const problems = runProblems(record);
      if (record.exitCode !== 0 || problems.length > 0) context.setExitCode(1);
      context.output.result({ id, ...record }, (r) => renderRecord(r, false));
    });

  experiment
    .command('import <metrics>')
    .description('store metrics from a JSON or CSV file as an experiment')
    .requiredOption('--name <name>', 'experiment name')
    .option('--model <model>', 'model the metrics are for')
    .option('--dataset <dataset>', 'dataset the metrics are for')
    .option('--claim <claim...>', 'claim ids or texts this run tests')
    .option('--tolerance <t>', 'absolute tolerance for matching claims', numberInRange(0, 1e12))
    .action(
      async (
        path: string,
        opts: { name: string; model?: string; dataset?: string; claim?: string[]; tolerance?: number },
      ) => {
        const metrics = readMetricsFile(path);
        const now = new Date().toISOString();
        const record: ExperimentRecord = {
          name: opts.name,
          kind: 'import',
          spec: {
            source: resolve(path),
            ...(opts.model ? { model: opts.model } : {}),
            ...(opts.dataset ? { dataset: opts.dataset } : {}),
            ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
          },
          command: null,
          startedAt: now,
          finishedAt: now,
          exitCode: null,
          stdoutTail: null,
          stderrTail: null,
          metrics,
          host: hostFacts(),
          claims: opts.claim ?? [],
        };
        const id = await (await context.openStore()).experiments.insert(record);
        context.output.result({ id, ...record }, (r) => renderRecord(r, false));
      },
    );

  experiment
    .command('list')
    .description('list stored experiments, newest first')
    .action(async () => {
      const rows = await (await context.openStore({ readonly: true })).experiments.list();
      context.output.result(rows, (list) =>
        list.length === 0
          ? 'no experiments stored'
          : list
              .map((r) => `${r.id}\t${r.kind}\t${r.name}\t${r.finishedAt ?? ''}\texit ${r.exitCode ?? '-'}`)
              .join('\n'),
      );
    });

  experiment
    .command('show <id>')
    .description('show one experiment with its metrics')
    .action(async (idText: string) => {
      const id = /^\d+$/.test(idText) ? Number(idText) : Number.NaN;
      if (!Number.isSafeInteger(id) || id <= 0 || id > MAX_COUNT)
        throw usageError('E_BAD_ID', `experiment id ${idText} is not a positive integer`);
      const record = await (await context.openStore({ readonly: true })).experiments.get(id);
      if (!record) throw usageError('E_NOT_FOUND', `experiment ${id} does not exist`, 'see `litmus experiment list`');
      context.output.result(record, (r) => renderRecord(r, true));
    });

  experiment
    .command('humaneval-x')
    .description(
      'score HumanEval-X samples per language (pass@k); problems from --problems, else $LITMUS_HUMANEVAL_X_DIR, else ../shared/data/humaneval-x',
    )
    .option('--samples <file>', 'samples JSON Lines ({task_id, generation}), optionally .gz')
    .option('--problems <dir>', 'directory with humaneval_<lang>.jsonl.gz')
    .option('--languages <list>', `comma-separated subset of ${LANGUAGES.join(',')}`, parseLanguages)
    .option('--k <list>', 'pass@k values', parseNumberList, [1, 10, 100])
    .option('--timeout-s <s>', 'time limit per sample run (up to 3600)', numberInRange(0, 3600, { exclusiveMin: true }), 10)
    .option('--workers <n>', 'parallel workers (1–256)', integerInRange(1, 256), 2)
    .option('--name <name>', 'experiment name (default: samples file name)')
    .option('--model <model>', 'model that produced the samples (recorded; required with --generate)')
    .option('--generate', 'generate samples with the LLM engine first (written to --samples)')
    .option('--n <n>', 'samples per problem with --generate (1–10000)', integerInRange(1, 10_000), 10)
    .option('--temperature <t>', 'sampling temperature with --generate (0–2)', numberInRange(0, 2), 0.2)
    .requiredOption('--out <file>', 'results JSON')
    .action(async (opts: HumanEvalFlags) => {
      const problemsDir = resolve(opts.problems ?? defaultProblemsDir());
      let samples: Sample[];
      if (opts.generate) samples = await generateForCli(opts, problemsDir, deps, context);
      else {
        if (!opts.samples) throw usageError('E_USAGE', 'experiment humaneval-x needs --samples <file> (or --generate)');
        samples = loadSamples(opts.samples);
      }
      let progress: { tick(label?: string): void; done(): void } | undefined;
      const results = await runHumanEvalX({
        samples,
        problemsDir,
        languages: opts.languages,
        ks: opts.k,
        timeoutS: opts.timeoutS,
        workers: opts.workers,
        onLanguageStart: (language, count) => {
          progress?.done();
          progress = context.output.progress(count, `humaneval-x ${language}`);
        },
        onSampleDone: (_language, result) => progress?.tick(`${result.taskId} ${result.outcome}`),
      });
      progress?.done();
      writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
      for (const value of Object.values(results.languages)) {
        if (value && 'skipped' in value) context.output.warn(`${value.reason} (skipped)`);
      }
      const record = humanEvalRecord(results, {
        name: opts.name ?? basename(opts.samples ?? 'generated'),
        samplesPath: resolve(opts.samples ?? ''),
        problemsDir,
        model: opts.model,
        argv: process.argv.slice(2),
      });
      const id = await (await context.openStore()).experiments.insert(record);
      context.output.result({ id, out: resolve(opts.out), ...record.metrics }, () => renderHumanEval(id, results));
    });
}

interface HumanEvalFlags {
  samples?: string;
  problems?: string;
  languages?: Language[];
  k: number[];
  timeoutS: number;
  workers: number;
  name?: string;
  model?: string;
  generate?: boolean;
  n: number;
  temperature: number;
  out: string;
}

async function generateForCli(
  opts: HumanEvalFlags,
  problemsDir: string,
  deps: ExperimentCommandDeps,
  context: CliContext,
) {
  if (!opts.model) throw usageError('E_USAGE', '--generate needs --model <model>');
  if (!opts.samples) throw usageError('E_USAGE', '--generate needs --samples <file> to write the generated samples to');
  if (!deps.generator) {
    throw usageError(
      'E_GENERATE_UNAVAILABLE',
      '--generate needs the LLM engine, which is not wired into this command yet',
      'generate samples elsewhere and pass --samples <file>',
    );
  }
  const generate = deps.generator(opts.model, { temperature: opts.temperature });
  const problems = (opts.languages ?? [...LANGUAGES]).flatMap((l) => [...loadProblems(problemsDir, l).values()]);
  const progress = context.output.progress(problems.length * opts.n, 'generating');
  const samples = await generateSamples(problems, generate, { n: opts.n, onSample: (s) => progress.tick(s.taskId) });
  progress.done();
  writeSamples(opts.samples, samples);
  return samples;
}

function parseNumberList(value: string): number[] {
  return value.split(',').map((v) => {
    const n = Number(v.trim());
    if (!Number.isSafeInteger(n) || n <= 0 || n > 100_000) throw usageError('E_USAGE', `--k ${value}: ${v} is not a positive integer`);
    return n;
  });
}

function parseLanguages(value: string): Language[] {
  return value.split(',').map((v) => {
    const language = v.trim().toLowerCase() as Language;
    if (!LANGUAGES.includes(language)) {
      throw usageError('E_USAGE', `--languages: unknown language ${v}`, `choose from ${LANGUAGES.join(', ')}`);
    }
    return language;
  });
}

/**
 * What went wrong in a spec run (`spec.problems`, a list). A HumanEval-X record's `spec.problems` is
 * its problems folder, a string, and is not a problem at all.
 */
function runProblems(record: ExperimentRecord): string[] {
  const problems = record.spec.problems;
  return Array.isArray(problems) ? problems.map(String) : [];
}

function renderRecord(record: ExperimentRecord & { id?: number }, withMetrics: boolean): string {
  const lines = [
    `experiment ${record.id ?? '?'}: ${record.name} (${record.kind})`,
    record.command ? `  command: ${record.command.join(' ')}` : '',
    record.exitCode !== null ? `  exit code: ${record.exitCode}` : '',
    record.startedAt ? `  ran: ${record.startedAt} → ${record.finishedAt ?? '?'}` : '',
    ...runProblems(record).map((p) => `  problem: ${p}`),
  ];
  const metrics = JSON.stringify(record.metrics, null, 2);
  lines.push(withMetrics || metrics.length < 2000 ? `  metrics: ${metrics}` : '  metrics: (see --json)');
  if (withMetrics && record.stderrTail) lines.push(`  stderr tail:\n${record.stderrTail}`);
  return lines.filter(Boolean).join('\n');
}

function renderHumanEval(id: number, results: HumanEvalResults): string {
  const lines = [`experiment ${id}: HumanEval-X`];
  for (const [language, value] of Object.entries(results.languages)) {
    if (!value) continue;
    if ('skipped' in value) {
      lines.push(`  ${language}: skipped — ${value.reason}`);
      continue;
    }
    const ks = Object.keys(value)
      .filter((k) => k.startsWith('pass@'))
      .map((k) => `${k}=${(value[k as `pass@${number}`] as number).toFixed(4)}`)
      .join(' ');
    lines.push(
      `  ${language}: ${ks} (${value.passed}/${value.samples} passed, ${value.failed} failed, ${value.timeout} timeout, ${value.compile_error} compile error, ${value.missing_dependency} missing dependency; ${value.samples_per_second} samples/s)`,
    );
  }
  return lines.join('\n');
}
