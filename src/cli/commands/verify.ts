import type { Command } from 'commander';
import { usageError } from '../../core/errors.ts';
import { assessVerdict } from '../../pipeline/assess-verdict.ts';
import { independentSupport } from '../../report/report-model.ts';
import { matchExperimentsFromStore } from '../../pipeline/match-experiments.ts';
import { verifyStoredClaims } from '../../pipeline/verify-stored-claims.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { engineOption } from './engine-option.ts';
import { parsePositiveNumber } from './parse-options.ts';
import { requirePaper } from './require-paper.ts';

interface VerifyFlags {
  engine?: string;
  budget?: number;
  force?: boolean;
  claims?: string;
  corpus?: string;
  out?: string;
}

export function registerVerifyCommand(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description("verify a paper's stored claims against its own text and the corpus, or a claims file (batch mode)")
    .argument('[paper_id]', 'a paper whose claims were extracted with `litmus claims`')
    .option('--claims <claims.jsonl>', 'batch mode: claims, one JSON object a line ({id, claim, doc_ids?})')
    .option('--corpus <corpus.jsonl>', 'batch mode: documents ({doc_id, title, abstract | text})')
    .option('--out <predictions.jsonl>', 'batch mode: where to write one prediction a line')
    .addOption(engineOption('verification engine'))
    .option('--budget <usd>', 'LLM engine: stop cleanly before spending more than this', parsePositiveNumber)
    .option('--force', 'verify again even when a verdict for this corpus exists')
    .action(async (paperInput: string | undefined, flags: VerifyFlags) => {
      if (flags.claims || flags.corpus || flags.out) {
        const { runBatchVerify } = await import('./verify-batch.ts');
        await runBatchVerify(context, flags);
        return;
      }
      if (!paperInput)
        throw usageError(
          'E_USAGE',
          'verify needs a paper id, or --claims/--corpus/--out for batch mode',
          'see `litmus verify --help`',
        );
      const workspace = await openWorkspace(context);
      const store = workspace.store;
      const paperId = (await requirePaper(store, paperInput)).id;
      const engines = await workspace.engines(flags.engine, { budgetUsd: flags.budget });
      const claims = await store.claims.list(paperId, engines.extractor.name);
      if (claims.length === 0) {
        throw usageError(
          'E_NO_CLAIMS',
          `${paperId} has no claims extracted by ${engines.extractor.name}`,
          `run \`litmus claims ${paperId}\` first`,
        );
      }
      const progress = context.output.progress(claims.length, 'verify');
      const { verified, warnings } = await verifyStoredClaims(store, engines.verifier, claims, {
        force: flags.force,
        onProgress: () => progress.tick(),
      });
      progress.done();
      for (const warning of warnings) context.output.verbose(`${warning.code}: ${warning.message}`);
      const matchExperiment = await matchExperimentsFromStore(store);
      const rows = [];
      for (const { claim, result, reused } of verified) {
        const assessed = await assessVerdict(store, engines.verifier, claim, result, { matchExperiment });
        rows.push({ claim_id: claim.id, text: claim.text, ...assessed, reused });
      }
      context.output.result(
        rows.map((r) => ({ ...r, independent_support: independentSupport(r.corroborating, r.contradicting, r.experiment) })),
        (list) =>
          list
            .map((r) =>
              [
                `[${r.claim_id}] ${r.text}`,
                // Checked against the paper it comes from: a faithfulness check (quote and location).
                `    stated by its paper: ${r.verdict} (${r.confidence.toFixed(2)})`,
                ...r.evidence.map((e) =>
                  e.cell ? `      table cell ${e.cell.address} — ${e.paper_id}` : `      "${e.quote}" — ${e.paper_id}, ${e.location}`,
                ),
                ...r.numeric.map((n) => `      claimed ${n.claimed}, found ${n.found}`),
                ...r.checks.filter((c) => c.from !== null).map((c) => `      ${c.from} → ${r.verdict} (${c.rule}): ${c.detail}`),
                `    independent support: ${independentLine(r)}`,
              ].join('\n'),
            )
            .join('\n'),
      );
    });
}

/** Other papers and experiment runs, or that the claim rests on its own paper's word. */
function independentLine(r: {
  corroborating: string[];
  contradicting: string[];
  experiment: { experiment: string; status: string; metric: string; measured: number } | null;
}): string {
  const parts = [
    ...(r.corroborating.length ? [`corroborated by ${r.corroborating.join(', ')}`] : []),
    ...(r.contradicting.length ? [`contradicted by ${r.contradicting.join(', ')}`] : []),
    ...(r.experiment ? [`experiment ${r.experiment.experiment}: ${r.experiment.status} (${r.experiment.metric} = ${r.experiment.measured})`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'none (rests on its own paper)';
}
