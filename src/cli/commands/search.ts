import type { Command } from 'commander';
import { describeLocation } from '../../core/types.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../store/search.ts';
import type { CliContext } from '../context.ts';
import { TERMINAL_HIGHLIGHT_END, TERMINAL_HIGHLIGHT_START } from '../terminal-text.ts';
import { integerInRange } from './parse-options.ts';
import { requirePaper } from './require-paper.ts';

export interface SearchRow {
  paper_id: string;
  title: string;
  passage_id: number;
  section: string | null;
  page: number | null;
  score: number;
  snippet: string;
  /** Ranked among the newest passages holding the query's words only (every word is common). */
  approximate?: true;
}

export function registerSearchCommand(program: Command, context: CliContext): void {
  program
    .command('search')
    .description('full-text search (BM25) over ingested passages; any text is safe')
    .argument('<text>', 'words to look for')
    .option('--limit <n>', 'how many passages (1–10000)', integerInRange(1, 10_000), 10)
    .option('--paper <id>', 'only this paper')
    .action(async (text: string, options: { limit: number; paper?: string }) => {
      const store = await context.openStore({ onlyReads: true });
      // --paper takes an id as typed (bare, arXiv:, URL, DOI), like every command taking a paper id.
      const paperId = options.paper === undefined ? undefined : (await requirePaper(store, options.paper)).id;
      const hits = await store.passages.search(text, { limit: options.limit, paperId });
      const highlight = process.stdout.isTTY && !context.output.json;
      const rows: SearchRow[] = hits.map((hit) => ({
        paper_id: hit.passage.paperId,
        title: hit.title,
        passage_id: hit.passage.id,
        section: hit.passage.sectionPath.length ? hit.passage.sectionPath.join(' > ') : null,
        page: hit.passage.page,
        score: Number(hit.score.toFixed(4)),
        snippet: hit.snippet
          .replaceAll(HIGHLIGHT_START, highlight ? TERMINAL_HIGHLIGHT_START : '')
          .replaceAll(HIGHLIGHT_END, highlight ? TERMINAL_HIGHLIGHT_END : '')
          .replace(/\s+/g, ' '),
        ...(hit.approximate ? { approximate: true as const } : {}),
      }));
      if (hits.some((hit) => hit.approximate)) {
        context.output.warn(
          `every word of "${text}" is in so many passages that only the newest holding them were ranked; add a rarer word for a ranking of the whole library`,
        );
      }
      context.output.result(rows, (list) =>
        list.length === 0
          ? 'no matches'
          : list
              .map(
                (row) =>
                  `${row.paper_id}  ${describeLocation({ page: row.page, sectionPath: row.section ? [row.section] : [] })}  score ${row.score}\n  ${row.title}\n  ${row.snippet}`,
              )
              .join('\n\n'),
      );
    });
}
