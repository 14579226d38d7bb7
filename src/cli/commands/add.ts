import type { Command } from 'commander';
import { usageError } from '../../core/errors.ts';
import { addArxivPapers, addArxivQuery } from '../../pipeline/add-arxiv.ts';
import { addFiles } from '../../pipeline/add-files.ts';
import type { AddResult } from '../../pipeline/ingest-input.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { integerInRange, parseByteCount } from './parse-options.ts';

interface AddFlags {
  maxBytes?: number;
  retryFailed?: boolean;
  arxivQuery?: string;
  max: number;
  refresh?: boolean;
}

export function registerAddCommand(program: Command, context: CliContext): void {
  program
    .command('add')
    .description('ingest papers: local PDF/HTML/Markdown/text files and directories, or arxiv:<id>[v<n>]')
    .argument('[inputs...]', 'files, directories, or arXiv ids written arxiv:2305.01234 / arxiv:2305.01234v2')
    .option('--arxiv-query <query>', 'add the top results of an arXiv search')
    .option('--max <n>', 'with --arxiv-query: how many results', integerInRange(1, 30_000), 10)
    .option('--refresh', 'with --arxiv-query: ignore a cached search response')
    .option('--max-bytes <n>', 'refuse files larger than this many bytes (default 50 MB)', parseByteCount)
    .option('--retry-failed', 'retry inputs that failed before')
    .action(async (inputs: string[], flags: AddFlags) => {
      if (inputs.length === 0 && !flags.arxivQuery) {
        throw usageError(
          'E_USAGE',
          'nothing to add',
          'give files, directories, arxiv:<id>, or --arxiv-query "<query>"',
        );
      }
      const config = context.config();
      const store = await context.openStore();
      const output = context.output;
      const maxBytes = flags.maxBytes ?? config.maxBytes;
      const arxivIds = inputs.filter((input) => /^arxiv:/i.test(input)).map((input) => input.replace(/^arxiv:/i, ''));
      const files = inputs.filter((input) => !/^arxiv:/i.test(input));
      const results: (AddResult & { symlink_target?: string })[] = [];
      const onResult = (result: AddResult) => {
        if (result.status === 'failed') output.warn(`${result.error}`);
        for (const warning of result.warnings ?? []) output.warn(warning);
      };

      if (files.length > 0) {
        let progress: ReturnType<typeof output.progress> | undefined;
        results.push(
          ...(await addFiles(store, files, {
            maxBytes,
            retryFailed: flags.retryFailed,
            onPlanned: (count) => {
              progress = output.progress(count, 'add');
            },
            onProgress: (result) => {
              progress?.tick(`${result.status} ${result.path}`);
              onResult(result);
            },
          })),
        );
        progress?.done();
      }
      if (arxivIds.length > 0 || flags.arxivQuery) {
        const { http } = await openWorkspace(context, { maxBytes });
        const deps = { http, maxBytes, retryFailed: flags.retryFailed, warn: output.warn, onResult };
        if (arxivIds.length > 0) results.push(...(await addArxivPapers(store, config, arxivIds, deps)));
        if (flags.arxivQuery) {
          results.push(
            ...(await addArxivQuery(store, config, flags.arxivQuery, flags.max, deps, { refresh: flags.refresh })),
          );
        }
        output.verbose(`${http.requestCount} HTTP request(s)`);
      }
      report(context, results);
    });
}

export function report(context: CliContext, results: (AddResult & { symlink_target?: string })[]): void {
  if (results.some((r) => r.status === 'failed')) context.setExitCode(1);
  context.output.result(results, (rows) => {
    const counts = { added: 0, unchanged: 0, failed: 0 };
    for (const row of rows) counts[row.status] += 1;
    const lines = rows.map(
      (row) =>
        (row.status === 'failed'
          ? `failed     ${row.path}`
          : `${row.status.padEnd(10)} ${row.paper_id}  ${row.pages ?? '-'} pages, ${row.passages} passages  ${row.title ?? ''}`) +
        (row.symlink_target ? `  (${row.path} is a symlink to ${row.symlink_target}, followed)` : ''),
    );
    lines.push(`${counts.added} added, ${counts.unchanged} unchanged, ${counts.failed} failed`);
    return lines.join('\n');
  });
}
