import { type Command, InvalidArgumentError } from 'commander';
import { entryToRow } from '../../sources/arxiv/to-paper.ts';
import type { SearchOptions } from '../../sources/source.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { integerInRange } from './parse-options.ts';

const SORTS = ['relevance', 'submitted', 'updated'] as const;

function parseSort(value: string): NonNullable<SearchOptions['sort']> {
  if (!(SORTS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${SORTS.join(', ')}, got "${value}"`);
  }
  return value as NonNullable<SearchOptions['sort']>;
}

/** `litmus arxiv search "<query>"`: arXiv's own search, cached for arxiv.searchTtlHours. */
export function registerArxivCommands(program: Command, context: CliContext): void {
  const arxiv = program.command('arxiv').description('query arXiv directly');
  arxiv
    .command('search')
    .description('search arXiv (field prefixes ti: au: abs: cat: all:, AND/OR/ANDNOT, "phrases")')
    .argument('<query>', 'arXiv query, or plain words (searched in all fields)')
    .option('--max <n>', 'most results (default 10; arXiv stops at 30000)', integerInRange(1, 30_000))
    .option('--sort <order>', 'relevance | submitted | updated (default relevance)', parseSort)
    .option('--refresh', 'ignore a cached answer younger than arxiv.searchTtlHours')
    .action(
      async (
        query: string,
        options: { max?: number; sort?: NonNullable<SearchOptions['sort']>; refresh?: boolean },
      ) => {
        const workspace = await openWorkspace(context);
        const { http } = workspace;
        const source = workspace.arxiv();
        const result = await source.searchEntries(query, {
          max: options.max ?? 10,
          sort: options.sort,
          refresh: options.refresh,
        });
        const rows = result.entries.map(entryToRow);
        context.output.verbose(`${result.totalResults} results on arXiv; ${http.requestCount} HTTP requests`);
        // With the global --json the rows themselves are printed (a JSON array).
        context.output.result(rows, (list) =>
          list.length === 0
            ? 'no results'
            : list
                .map(
                  (row) =>
                    `${row.id}v${row.version}  ${row.published?.slice(0, 10) ?? ''}  [${row.primary_category ?? ''}]  ${row.title}\n    ${row.authors.slice(0, 4).join(', ')}${row.authors.length > 4 ? ' et al.' : ''}${row.withdrawn ? '  (withdrawn)' : ''}`,
                )
                .join('\n'),
        );
      },
    );
}
