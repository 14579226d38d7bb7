import { type Command, InvalidArgumentError } from 'commander';
import { type ExpandOptions, expandPaper } from '../../pipeline/expand.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { integerInRange } from './parse-options.ts';
import { requirePaper } from './require-paper.ts';

function parseDirection(value: string): NonNullable<ExpandOptions['direction']> {
  if (value !== 'references' && value !== 'citations' && value !== 'both') {
    throw new InvalidArgumentError(`expected references, citations or both, got "${value}"`);
  }
  return value;
}

/** `litmus expand <paper_id>`: snowball through Semantic Scholar references and citations. */
export function registerExpandCommand(program: Command, context: CliContext): void {
  program
    .command('expand')
    .description('add the references and citations of a stored paper (via Semantic Scholar)')
    .argument('<paper_id>', 'a stored paper, e.g. arxiv:2005.13013v2')
    .option('--depth <n>', 'how many citation hops to follow (default 1, at most 5)', integerInRange(1, 5))
    .option('--max <n>', 'most new papers to add (default 20)', integerInRange(1, 10_000))
    .option('--direction <which>', 'references | citations | both (default both)', parseDirection)
    .option('--retry-failed', 'retry inputs that failed before')
    .action(
      async (
        paperInput: string,
        options: { depth?: number; max?: number; direction?: ExpandOptions['direction']; retryFailed?: boolean },
      ) => {
        const workspace = await openWorkspace(context);
        const { config, store, http } = workspace;
        const paperId = (await requirePaper(store, paperInput)).id;
        const output = context.output;
        const result = await expandPaper(
          store,
          config,
          paperId,
          { depth: options.depth, max: options.max, direction: options.direction },
          {
            http,
            s2: workspace.semanticScholar(),
            retryFailed: options.retryFailed,
            warn: (message) => output.warn(message),
            onResult: (row) => output.verbose(`${row.status} ${row.paper_id ?? row.path}`),
          },
        );
        if (result.added.some((row) => row.status === 'failed')) context.setExitCode(1);
        output.result({ ...result, http_requests: http.requestCount }, (value) => {
          const lines = value.added.map((row) =>
            row.status === 'failed'
              ? `failed     ${row.path}  ${row.error ?? ''}`
              : `${row.status.padEnd(10)} ${row.paper_id}  ${row.fulltext ?? '-'}  ${row.title ?? ''}`,
          );
          const counts = { added: 0, unchanged: 0, failed: 0 };
          for (const row of value.added) counts[row.status] += 1;
          lines.push(
            `${value.links.length} links found; ${counts.added} added, ${counts.unchanged} unchanged, ${counts.failed} failed, ${value.skipped.length} without full text`,
          );
          return lines.join('\n');
        });
      },
    );
}
