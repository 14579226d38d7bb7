import { loadavg } from 'node:os';
import { runHumanEvalX } from '../src/experiments/humaneval/harness.ts';
import { canonicalSamples, defaultProblemsDir, loadProblems } from '../src/experiments/humaneval/problems.ts';
import { LANGUAGES, type Language, type Sample } from '../src/experiments/humaneval/types.ts';

export const BENCH_WORKERS = 2;

/**
 * The original CodeGeeX HumanEval-X harness on this machine (2 workers, canonical solutions, all 164
 * tasks), in samples/s: the floor the sandboxed harness must stay above. Rust was not measured.
 */
export const CODEGEEX_SAMPLES_PER_S: Partial<Record<Language, number>> = {
  python: 55,
  cpp: 5,
  java: 1.7,
  js: 21,
  go: 3.5,
};

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * HumanEval-X harness throughput with the sandbox on (every sample in its own bubblewrap sandbox,
 * compilers included): samples/s per language on the canonical solutions of all 164 tasks with 2
 * workers (`humaneval_<lang>_samples_per_s`), its pass@1 as a correctness check, and the ratio to the
 * CodeGeeX harness (`…_vs_codegeex`, ≥ 1 means at least as fast). Time includes toolchain detection,
 * compilation, sandbox set-up and server start-up; each run starts cold (fresh Go build cache, fresh
 * C++ precompiled header). The 1-minute load average before each run is reported (`…_load`): the
 * machine has few cores, and figures taken while other work runs are not comparable.
 * `LITMUS_BENCH_HUMANEVAL=python,js` measures only those languages. Missing toolchains are left out.
 */
export async function benchHumanEval(): Promise<Record<string, number>> {
  const problemsDir = defaultProblemsDir();
  const wanted = process.env.LITMUS_BENCH_HUMANEVAL?.split(',').filter((l) => l !== '');
  const figures: Record<string, number> = {};
  for (const language of LANGUAGES) {
    if (wanted && !wanted.includes(language)) continue;
    const samples: Sample[] = canonicalSamples(loadProblems(problemsDir, language));
    const load = loadavg()[0]!;
    const started = process.hrtime.bigint();
    const results = await runHumanEvalX({
      samples,
      problemsDir,
      languages: [language],
      workers: BENCH_WORKERS,
      timeoutS: 10,
      ks: [1],
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const summary = results.languages[language];
    if (!summary || 'skipped' in summary) continue;
    // Canonical solutions that did not pass (a timeout under load, a dataset error): said on stderr.
    for (const row of summary.results ?? []) {
      if (row.outcome !== 'passed' && row.outcome !== 'missing_dependency')
        process.stderr.write(`bench humaneval: ${row.taskId} ${row.outcome}${row.detail ? `: ${row.detail}` : ''}\n`);
    }
    const perSecond = round(samples.length / seconds);
    figures[`humaneval_${language}_samples_per_s`] = perSecond;
    figures[`humaneval_${language}_pass_at_1`] = Math.round((summary['pass@1'] ?? 0) * 1000) / 1000;
    figures[`humaneval_${language}_load`] = round(load);
    const comparator = CODEGEEX_SAMPLES_PER_S[language];
    if (comparator !== undefined) figures[`humaneval_${language}_vs_codegeex`] = round(perSecond / comparator);
  }
  return figures;
}
