import { loadavg } from 'node:os';
import { runHumanEvalX } from '../src/experiments/humaneval/harness.ts';
import { canonicalSamples, defaultProblemsDir, loadProblems } from '../src/experiments/humaneval/problems.ts';
import { LANGUAGES, type Language, type Sample } from '../src/experiments/humaneval/types.ts';

/** Tasks 0–39 of each language: a fixed subset of the canonical solutions. */
export const BENCH_TASKS = 40;
export const BENCH_WORKERS = 2;

const round = (value: number) => Math.round(value * 100) / 100;

/** One timed harness run; undefined when the language's toolchain is missing. */
async function timed(language: Language, samples: Sample[], problemsDir: string) {
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
  if (!summary || 'skipped' in summary) return undefined;
  return { perSecond: round(samples.length / seconds), passAt1: summary['pass@1'] ?? 0, load: round(load) };
}

/**
 * HumanEval-X harness throughput: samples/s per language with 2 workers on the canonical solutions,
 * (a) of tasks 0–39 (`humaneval_<lang>_samples_per_s`) and (b) of all 164 tasks
 * (`humaneval_<lang>_full_samples_per_s`, with its pass@1 as a correctness check), problems from
 * $LITMUS_HUMANEVAL_X_DIR or ../shared/data/humaneval-x. Time includes toolchain detection,
 * compilation, sandbox set-up and server start-up: each run starts cold (fresh Go build cache,
 * fresh C++ precompiled header). `LITMUS_BENCH_HUMANEVAL=subset` skips the full runs (about 3
 * minutes). The 1-minute load average before each run is reported (`…_load`): the machine has few
 * cores, and figures taken under load from other work are not comparable.
 * Languages whose toolchain is missing are left out.
 */
export async function benchHumanEval(): Promise<Record<string, number>> {
  const problemsDir = defaultProblemsDir();
  const full = process.env.LITMUS_BENCH_HUMANEVAL !== 'subset';
  const figures: Record<string, number> = {};
  for (const language of LANGUAGES) {
    const all: Sample[] = canonicalSamples(loadProblems(problemsDir, language));
    const subset = await timed(language, all.slice(0, BENCH_TASKS), problemsDir);
    if (!subset) continue;
    figures[`humaneval_${language}_samples_per_s`] = subset.perSecond;
    figures[`humaneval_${language}_load`] = subset.load;
    if (!full) continue;
    const whole = await timed(language, all, problemsDir);
    if (!whole) continue;
    figures[`humaneval_${language}_full_samples_per_s`] = whole.perSecond;
    figures[`humaneval_${language}_full_pass_at_1`] = Math.round(whole.passAt1 * 1000) / 1000;
    figures[`humaneval_${language}_full_load`] = whole.load;
  }
  return figures;
}
