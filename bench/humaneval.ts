import { runHumanEvalX } from '../src/experiments/humaneval/harness.ts';
import { canonicalSamples, defaultProblemsDir, loadProblems } from '../src/experiments/humaneval/problems.ts';
import { LANGUAGES, type Sample } from '../src/experiments/humaneval/types.ts';

/** Tasks 0–39 of each language: a fixed subset of the canonical solutions. */
export const BENCH_TASKS = 40;

/**
 * HumanEval-X harness throughput: samples/s per language with 2 workers on the canonical solutions
 * of tasks 0–39 (problems from $LITMUS_HUMANEVAL_X_DIR or ../shared/data/humaneval-x). Languages
 * whose toolchain is missing are left out. Time includes compilation and sandbox set-up.
 */
export async function benchHumanEval(): Promise<Record<string, number>> {
  const problemsDir = defaultProblemsDir();
  const figures: Record<string, number> = {};
  for (const language of LANGUAGES) {
    const samples: Sample[] = canonicalSamples(loadProblems(problemsDir, language)).slice(0, BENCH_TASKS);
    const started = process.hrtime.bigint();
    const results = await runHumanEvalX({
      samples,
      problemsDir,
      languages: [language],
      workers: 2,
      timeoutS: 10,
      ks: [1],
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const summary = results.languages[language];
    if (!summary || 'skipped' in summary) continue;
    figures[`humaneval_${language}_samples_per_s`] = Math.round((samples.length / seconds) * 100) / 100;
  }
  return figures;
}
