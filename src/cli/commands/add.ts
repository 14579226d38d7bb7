import type { Command } from 'commander';
import { configSnapshot } from '../../config/load-config.ts';
import { usageError } from '../../core/errors.ts';
import type { RunStatus } from '../../core/types.ts';
import { addArxivPapers, addArxivQuery } from '../../pipeline/add-arxiv.ts';
import { addFiles, planInputs } from '../../pipeline/add-files.ts';
import { distributedAdd, distributedAddQuery } from '../../pipeline/jobs/distribute.ts';
import type { AddResult } from '../../pipeline/ingest-input.ts';
import { parseArxivId } from '../../sources/arxiv/arxiv-id.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { DETACH_HELP, detach, inReservedRun, runIdOption } from './detach.ts';
import { integerInRange, parseByteCount } from './parse-options.ts';

interface AddFlags {
  maxBytes?: number;
  retryFailed?: boolean;
  arxivQuery?: string;
  max: number;
  refresh?: boolean;
  detach?: boolean;
  runId?: number;
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
    .option('--detach', DETACH_HELP)
    .addOption(runIdOption())
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
      const maxBytes = flags.maxBytes ?? config.maxBytes;
      const arxivIds = inputs.filter((input) => /^arxiv:/i.test(input)).map((input) => input.replace(/^arxiv:/i, ''));
      const files = inputs.filter((input) => !/^arxiv:/i.test(input));
      for (const id of arxivIds) parseArxivId(id); // a mistyped id is a usage error now, not in the background
      // Every add is a run in the ledger (`litmus runs`), so a detached one has an id to follow.
      const args = [...inputs, ...(flags.arxivQuery ? ['--arxiv-query', flags.arxivQuery] : [])];
      if (flags.detach) {
        if (files.length > 0) planInputs(files); // so is a missing path or a FIFO
        return detach(context, store, { command: 'add', args });
      }
      const runId = flags.runId ?? (await store.runs.start('add', args, configSnapshot(config)));
      const results = await inReservedRun(store, runId, () => addAll(context, { files, arxivIds, maxBytes }, flags));
      await store.runs.finish(runId, ...addOutcome(results));
      report(context, results);
    });
}

/** ok when nothing failed; failed when nothing was added or found unchanged; partial between. */
function addOutcome(results: AddResult[]): [RunStatus, unknown] {
  const counts = { added: 0, unchanged: 0, failed: 0 };
  for (const result of results) counts[result.status] += 1;
  const failures = results.flatMap((r) => (r.status === 'failed' ? [`${r.path}: ${r.error ?? 'failed'}`] : []));
  const status = counts.failed === 0 ? 'ok' : counts.failed === results.length ? 'failed' : 'partial';
  const shown = failures.slice(0, 5);
  if (failures.length > shown.length) shown.push(`${failures.length - shown.length} more failed`);
  return [
    status,
    {
      ...counts,
      ...(status === 'failed' ? { error: shown.join('; ') } : status === 'partial' ? { failures: shown } : {}),
    },
  ];
}

async function addAll(
  context: CliContext,
  input: { files: string[]; arxivIds: string[]; maxBytes: number },
  flags: AddFlags,
): Promise<(AddResult & { symlink_target?: string })[]> {
  const { files, arxivIds, maxBytes } = input;
  const config = context.config();
  const store = await context.openStore();
  const output = context.output;
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
    const progress = (total: number | null, label: string) => output.progress(total, label);
    if (arxivIds.length > 0) {
      // On Postgres each paper is an ingest job for `litmus worker`s (null: add them here).
      const queued = await distributedAdd(arxivIds, { store, config, log: output.info, progress, ...deps });
      results.push(...(queued ?? (await addArxivPapers(store, config, arxivIds, deps))));
    }
    if (flags.arxivQuery) {
      // Searched here; on Postgres each result version is then an ingest job like an id's.
      const query = { query: flags.arxivQuery, max: flags.max, refresh: flags.refresh };
      const queued = await distributedAddQuery(query, { store, config, log: output.info, progress, ...deps });
      results.push(
        ...(queued ??
          (await addArxivQuery(store, config, flags.arxivQuery, flags.max, deps, { refresh: flags.refresh }))),
      );
    }
    output.verbose(`${http.requestCount} HTTP request(s)`);
  }
  return results;
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
