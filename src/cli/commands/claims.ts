import type { Command } from 'commander';
import { extractPaperClaims } from '../../pipeline/extract-paper-claims.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { engineOption } from './engine-option.ts';
import { parsePositiveInt, parsePositiveNumber } from './parse-options.ts';
import { requirePaper } from './require-paper.ts';

export function registerClaimsCommand(program: Command, context: CliContext): void {
  program
    .command('claims')
    .description("extract a paper's claims and store them")
    .argument('<paper_id>')
    .option('--question <text>', 'score claims by their relevance to this research question')
    .option(
      '--max <n>',
      'claims beyond the paper’s headline findings, at most (headline findings are always kept)',
      parsePositiveInt,
      30,
    )
    .addOption(engineOption('extraction engine (default: llm when a model is configured)'))
    .option('--budget <usd>', 'LLM engine: stop cleanly before spending more than this', parsePositiveNumber)
    .action(async (paperInput: string, flags: { question?: string; max: number; engine?: string; budget?: number }) => {
      const workspace = await openWorkspace(context);
      const store = workspace.store;
      const paperId = (await requirePaper(store, paperInput)).id;
      const engines = await workspace.engines(flags.engine, { budgetUsd: flags.budget });
      const result = await extractPaperClaims(store, engines.extractor, paperId, {
        question: flags.question,
        maxClaims: flags.max,
      });
      for (const warning of result.warnings) context.output.warn(`${paperId}: ${warning.message}`);
      const rows = result.claims.map((claim) => ({
        id: claim.id,
        paper_id: claim.paperId,
        text: claim.text,
        type: claim.type,
        numbers: claim.numbers,
        passage_id: claim.passageId,
        char_start: claim.charStart,
        char_end: claim.charEnd,
        relevance: claim.relevance,
        centrality: claim.centrality ?? null,
        locations: claim.locations ?? [],
        engine: claim.engine,
      }));
      context.output.result(rows, (list) =>
        list.length === 0
          ? `no claims found in ${paperId}`
          : list.map((c) => `[${c.id}] (${c.type}, relevance ${c.relevance.toFixed(2)}) ${c.text}`).join('\n'),
      );
    });
}
