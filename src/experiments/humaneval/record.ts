import { hostFacts } from '../host-facts.ts';
import type { ExperimentRecord } from '../record.ts';
import { type HumanEvalResults, type LanguageSummary, summaryOnly } from './harness.ts';

export interface HumanEvalRunInfo {
  name: string;
  samplesPath: string;
  problemsDir: string;
  model?: string;
  argv: string[];
  claims?: string[];
  tolerance?: number;
}

/** A HumanEval-X run as an experiment record: the summary (no per-sample rows) as its metrics. */
export function humanEvalRecord(results: HumanEvalResults, info: HumanEvalRunInfo): ExperimentRecord {
  const toolTools: Record<string, string> = {};
  for (const [language, value] of Object.entries(results.languages)) {
    const summary = value as LanguageSummary | { skipped: true };
    if (!('skipped' in summary) && summary.toolchain.version) toolTools[language] = summary.toolchain.version;
  }
  const host = hostFacts();
  return {
    name: info.name,
    kind: 'humaneval-x',
    spec: {
      samples: info.samplesPath,
      problems: info.problemsDir,
      dataset: 'HumanEval-X',
      ...(info.model ? { model: info.model } : {}),
      ...(info.tolerance !== undefined ? { tolerance: info.tolerance } : {}),
      settings: results.settings,
    },
    command: info.argv,
    startedAt: results.started_at,
    finishedAt: results.finished_at,
    exitCode: 0,
    stdoutTail: null,
    stderrTail: null,
    metrics: summaryOnly(results) as unknown as Record<string, unknown>,
    host: { ...host, tools: { ...host.tools, ...toolTools }, sandbox: results.sandbox },
    claims: info.claims ?? [],
  };
}
