import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usageError } from '../../core/errors.ts';
import { randomSentinel } from './common.ts';
import { CppRunner } from './languages/cpp.ts';
import { GoRunner } from './languages/go.ts';
import { JavaRunner } from './languages/java.ts';
import { JsRunner } from './languages/js.ts';
import { PythonRunner } from './languages/python.ts';
import { RustRunner } from './languages/rust.ts';
import { meanPassAtK } from './pass-at-k.ts';
import { languageOfTask, loadProblems } from './problems.ts';
import { detectBwrap } from './bwrap.ts';
import { acquireUidBlock } from './sandbox.ts';
import type { Job, Language, LanguageRunner, Outcome, Sample, SampleResult } from './types.ts';

export interface HumanEvalOptions {
  samples: Sample[];
  problemsDir: string;
  languages?: Language[]; // default: every language present in the samples
  ks?: number[];
  timeoutS?: number;
  workers?: number;
  onSampleDone?: (language: Language, result: SampleResult) => void;
  onLanguageStart?: (language: Language, samples: number) => void;
}

export interface LanguageSummary {
  problems: number;
  samples: number;
  passed: number;
  failed: number;
  timeout: number;
  compile_error: number;
  missing_dependency: number;
  /** pass@k keys ("pass@1"…) for k ≤ samples per problem; tasks whose samples all lacked a dependency are left out. */
  [passAtK: `pass@${number}`]: number;
  samples_per_second: number;
  toolchain: { version?: string; notes: string[] };
  missing_dependency_tasks?: string[];
  results?: SampleResult[];
}

export interface SkippedLanguage {
  skipped: true;
  reason: string;
  samples: number;
}

export interface HumanEvalResults {
  benchmark: 'humaneval-x';
  languages: Partial<Record<Language, LanguageSummary | SkippedLanguage>>;
  settings: { timeout_s: number; workers: number; ks: number[]; problems_dir: string };
  sandbox: { isolation: string; unprivileged_uid: boolean; notes: string[] };
  started_at: string;
  finished_at: string;
}

export function createRunner(language: Language): LanguageRunner {
  switch (language) {
    case 'python':
      return new PythonRunner();
    case 'cpp':
      return new CppRunner();
    case 'java':
      return new JavaRunner();
    case 'js':
      return new JsRunner();
    case 'go':
      return new GoRunner();
    case 'rust':
      return new RustRunner();
  }
}

/** Scores samples per language with the benchmark's tests, in the sandbox, on `workers` slots. */
export async function runHumanEvalX(options: HumanEvalOptions): Promise<HumanEvalResults> {
  const started = new Date();
  const ks = options.ks ?? [1, 10, 100];
  const timeoutS = options.timeoutS ?? 10;
  const workers = Math.max(1, options.workers ?? 2);
  const sandbox = detectBwrap();
  const byLanguage = new Map<Language, Sample[]>();
  for (const sample of options.samples) {
    const language = languageOfTask(sample.taskId);
    if (!language) {
      throw usageError('E_BAD_SAMPLE', `unknown task id ${sample.taskId}`, 'task ids look like CPP/0, Python/12, Go/3');
    }
    if (options.languages && !options.languages.includes(language)) continue;
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), sample]);
  }
  const results: HumanEvalResults = {
    benchmark: 'humaneval-x',
    languages: {},
    settings: { timeout_s: timeoutS, workers, ks, problems_dir: options.problemsDir },
    sandbox: {
      isolation: sandbox.available ? `${sandbox.version}: fresh PID/network/IPC/mount namespaces per sample` : 'none',
      unprivileged_uid: sandbox.available,
      notes: [
        sandbox.reason ??
          'no capabilities, no_new_privs, read-only toolchain, no host files, no network; limits: RLIMIT_AS/NPROC/CPU/FSIZE and bounded tmpfs',
      ],
    },
    started_at: started.toISOString(),
    finished_at: '',
  };
  for (const [language, samples] of byLanguage) {
    const problems = loadProblems(options.problemsDir, language);
    const unknown = samples.find((s) => !problems.has(s.taskId));
    if (unknown) throw usageError('E_BAD_SAMPLE', `task ${unknown.taskId} is not in the ${language} problems`);
    const runner = createRunner(language);
    if (!sandbox.available) {
      results.languages[language] = {
        skipped: true,
        reason: `${language}: ${sandbox.reason}`,
        samples: samples.length,
      };
      continue;
    }
    const toolchain = runner.detect();
    if (!toolchain.available) {
      results.languages[language] = {
        skipped: true,
        reason: toolchain.reason ?? `${language}: unavailable`,
        samples: samples.length,
      };
      continue;
    }
    options.onLanguageStart?.(language, samples.length);
    const uids = acquireUidBlock();
    const workDir = mkdtempSync(join(tmpdir(), `litmus-humaneval-${language}-`));
    const languageStart = Date.now();
    const done: SampleResult[] = [];
    try {
      await runner.prepare({ workDir, uidBase: uids.base, timeoutMs: timeoutS * 1000 });
      const jobs: Job[] = samples.map((sample) => ({
        sample,
        problem: problems.get(sample.taskId)!,
        sentinel: randomSentinel(),
      }));
      const batches: Job[][] = [];
      for (let i = 0; i < jobs.length; i += runner.batchSize) batches.push(jobs.slice(i, i + runner.batchSize));
      const work = async (slot: number) => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          for (const result of await runner.evaluate(batch, slot)) {
            done.push(result);
            options.onSampleDone?.(language, result);
          }
        }
      };
      await Promise.all(Array.from({ length: workers }, (_, slot) => work(slot)));
      // After the run: some facts (a dependency found missing) are only learnt when a sample needs it.
      toolchain.notes.push(...(runner.notes?.() ?? []));
    } finally {
      await runner.dispose();
      uids.release();
      rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
    }
    const seconds = (Date.now() - languageStart) / 1000;
    results.languages[language] = summarise(done, ks, toolchain, seconds);
  }
  results.finished_at = new Date().toISOString();
  return results;
}

function summarise(
  done: SampleResult[],
  ks: number[],
  toolchain: { version?: string; notes: string[] },
  seconds: number,
): LanguageSummary {
  const count = (outcome: Outcome) => done.filter((r) => r.outcome === outcome).length;
  const perTask = new Map<string, { n: number; c: number }>();
  const missingTasks = new Set<string>();
  for (const r of done) {
    if (r.outcome === 'missing_dependency') {
      missingTasks.add(r.taskId);
      continue;
    }
    const entry = perTask.get(r.taskId) ?? { n: 0, c: 0 };
    entry.n += 1;
    if (r.outcome === 'passed') entry.c += 1;
    perTask.set(r.taskId, entry);
  }
  const sorted = [...done].sort((a, b) => taskOrder(a.taskId) - taskOrder(b.taskId) || a.index - b.index);
  const summary: LanguageSummary = {
    problems: new Set(done.map((r) => r.taskId)).size,
    samples: done.length,
    passed: count('passed'),
    failed: count('failed'),
    timeout: count('timeout'),
    compile_error: count('compile_error'),
    missing_dependency: count('missing_dependency'),
    ...meanPassAtK([...perTask.values()], ks),
    samples_per_second: Math.round((done.length / Math.max(seconds, 1e-3)) * 100) / 100,
    toolchain: { version: toolchain.version, notes: toolchain.notes },
    results: sorted,
  };
  const missing = [...missingTasks].filter((t) => !perTask.has(t));
  if (missingTasks.size > 0)
    summary.missing_dependency_tasks = [...missingTasks].sort((a, b) => taskOrder(a) - taskOrder(b));
  if (missing.length > 0)
    summary.toolchain.notes.push(`left out of pass@k (dependency missing): ${missing.join(', ')}`);
  return summary;
}

function taskOrder(taskId: string): number {
  return Number(taskId.split('/')[1] ?? 0);
}

/** The results without per-sample rows: what is stored as the experiment's metrics. */
export function summaryOnly(results: HumanEvalResults): HumanEvalResults {
  const languages: HumanEvalResults['languages'] = {};
  for (const [language, value] of Object.entries(results.languages) as [
    Language,
    LanguageSummary | SkippedLanguage,
  ][]) {
    if ('skipped' in value) languages[language] = value;
    else {
      const { results: _rows, ...rest } = value;
      languages[language] = rest as LanguageSummary;
    }
  }
  return { ...results, languages };
}
