import { existsSync, readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { usageError } from '../../core/errors.ts';
import { DEFAULT_PLATT } from '../../llm/calibration.ts';
import { calibrateLlmVerifier } from '../../pipeline/calibrate-llm.ts';
import { readCheckCovid, readSciFact } from '../../verify/embedded/datasets.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { parsePositiveInt, parsePositiveNumber } from './parse-options.ts';

interface CalibrateFlags {
  claims: string;
  corpus: string;
  format: 'scifact' | 'check-covid';
  maxPairs?: number;
  budget?: number;
}

export function registerCalibrateCommand(program: Command, context: CliContext): void {
  program
    .command('calibrate')
    .description(
      "fit the LLM verifier's confidence on labelled claims (prints the llm.calibration to put in litmus.config.json)",
    )
    .requiredOption('--claims <claims.jsonl>', 'labelled claims (SciFact or Check-COVID format)')
    .requiredOption('--corpus <corpus.jsonl>', 'their documents')
    .addOption(new Option('--format <format>', 'label format').choices(['scifact', 'check-covid']).default('scifact'))
    .option('--max-pairs <n>', 'use at most this many (claim, document) pairs', parsePositiveInt)
    .option('--budget <usd>', 'stop cleanly before spending more than this', parsePositiveNumber)
    .action(async (flags: CalibrateFlags) => {
      for (const file of [flags.claims, flags.corpus]) {
        if (!existsSync(file)) throw usageError('E_NOT_FOUND', `no such file: ${file}`, 'check the path');
      }
      const config = context.config();
      const read = flags.format === 'check-covid' ? readCheckCovid : readSciFact;
      let set: ReturnType<typeof readSciFact>;
      try {
        set = read(readFileSync(flags.claims, 'utf8'), readFileSync(flags.corpus, 'utf8'));
      } catch (error) {
        throw usageError(
          'E_BAD_LABELS',
          `${flags.claims}: not ${flags.format} labelled claims (${(error as Error).message})`,
          'check --format',
        );
      }
      const engines = await (await openWorkspace(context)).engines('llm', { budgetUsd: flags.budget });
      const total = Math.min(flags.maxPairs ?? set.pairs.length, set.pairs.length);
      const progress = context.output.progress(total, 'calibrate');
      const report = await calibrateLlmVerifier(engines.rawVerifier ?? engines.verifier, set, config.llm.calibration ?? DEFAULT_PLATT, {
        maxPairs: flags.maxPairs,
        onPair: () => progress.tick(),
      });
      progress.done();
      const result = {
        model: engines.model,
        pairs: report.pairs,
        unverified: report.unverified,
        accuracy: Number(report.accuracy.toFixed(4)),
        ece_before: Number(report.eceBefore.toFixed(4)),
        ece_after_held_out: Number(report.eceAfter.toFixed(4)),
        top30_accuracy_held_out: Number(report.top30Accuracy.toFixed(4)),
        config: {
          llm: {
            calibration: {
              a: Number(report.calibration.a.toFixed(4)),
              b: Number(report.calibration.b.toFixed(4)),
              cutoff: report.cutoff,
            },
          },
        },
      };
      context.output.result(result, (r) =>
        [
          `${r.pairs} pairs judged by ${r.model} (${r.unverified} unverified, left out); accuracy ${r.accuracy}`,
          `expected calibration error: ${r.ece_before} as configured, ${r.ece_after_held_out} recalibrated (held-out halves)`,
          `the 30% most confident held-out verdicts (confidence ≥ ${r.config.llm.calibration.cutoff}) were right ${r.top30_accuracy_held_out} of the time; below that, reports mark verdicts low-confidence`,
          `put this in litmus.config.json: ${JSON.stringify(r.config)}`,
        ].join('\n'),
      );
    });
}
