import type { Command } from 'commander';
import { usageError } from '../../core/errors.ts';
import { renderResultTable, tableSummary } from '../../report/render-result-table.ts';
import type { CliContext } from '../context.ts';
import { parsePositiveInt } from './parse-options.ts';
import { requirePaper } from './require-paper.ts';

export function registerPaperCommands(program: Command, context: CliContext): void {
  program
    .command('papers')
    .description('list ingested papers')
    .action(async () => {
      const store = await context.openStore({ onlyReads: true });
      const papers = (await store.papers.list()).map((p) => ({
        id: p.id,
        title: p.title,
        source: p.source,
        version: p.version,
        authors: p.authors.map((a) => a.name),
        published: p.published,
        pages: p.pages,
        passages: p.passages,
        claims: p.claims,
        added_at: p.addedAt,
      }));
      context.output.result(papers, (rows) =>
        rows.length === 0
          ? 'no papers yet: run `litmus add <file|dir>`'
          : rows.map((r) => `${r.id}  ${r.pages ?? '-'}p ${r.passages} passages  ${r.title}`).join('\n'),
      );
    });

  program
    .command('show')
    .description('a paper: metadata, section outline and counts')
    .argument('<paper_id>')
    .action(async (paperId: string) => {
      const store = await context.openStore({ onlyReads: true });
      const paper = await requirePaper(store, paperId);
      const document = await store.documents.latest(paper.id);
      const counts = await store.papers.counts(paper.id);
      const shown = {
        ...paper,
        document: document
          ? {
              kind: document.kind,
              pages: document.pages,
              bytes: document.bytes,
              characters: document.fullText.length,
              content_hash: document.contentHash,
              origin: document.origin,
              language: document.language,
              warnings: document.warnings,
            }
          : null,
        outline: document?.sections.map((s) => s.path.join(' > ')) ?? [],
        counts,
        tables: (await store.tables.list(paper.id)).map((table) => ({
          ordinal: table.ordinal,
          label: table.label,
          caption: table.caption,
          rows: table.rows.length,
          columns: table.columnHeaders.length,
          page: table.page,
          summary: tableSummary(table),
        })),
      };
      context.output.result(shown, (p) =>
        [
          `${p.id}  ${p.title}`,
          p.authors.length ? `authors: ${p.authors.map((a) => a.name).join(', ')}` : '',
          p.published ? `published: ${p.published}` : '',
          p.document
            ? `document: ${p.document.kind}, ${p.document.pages ?? '-'} pages, ${p.document.characters} chars, language ${p.document.language ?? 'unknown'}`
            : 'document: none',
          `passages: ${p.counts.passages}, claims: ${p.counts.claims}`,
          p.outline.length
            ? `outline:\n${p.outline.map((s) => `  ${s}`).join('\n')}`
            : 'outline: (no sections detected)',
          p.tables.length
            ? `tables (print one with \`litmus text ${p.id} --table N\`):\n${p.tables.map((t) => `  ${t.summary}`).join('\n')}`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  program
    .command('text')
    .description('print the stored full text of a paper (what every quote must come from)')
    .argument('<paper_id>')
    .option('--page <n>', 'only this page', parsePositiveInt)
    .option('--table <n>', 'only this results table, as a grid ("2" or "Table 2"; see `litmus show`)')
    .action(async (paperId: string, options: { page?: number; table?: string }) => {
      const store = await context.openStore({ onlyReads: true });
      const paper = await requirePaper(store, paperId);
      if (options.table !== undefined) {
        const table = await store.tables.get(paper.id, options.table);
        if (!table) {
          const labels = (await store.tables.list(paper.id)).map((t) => t.label);
          throw usageError(
            'E_NO_TABLE',
            `${paperId} has no table ${options.table}`,
            labels.length ? `its tables are: ${labels.join(', ')}` : 'no tables were read from this paper',
          );
        }
        context.output.result(table, renderResultTable);
        return;
      }
      const document = await store.documents.latest(paper.id);
      if (!document) throw usageError('E_NO_TEXT', `${paper.id} has no stored text`, 'run `litmus add` for it again');
      let text = document.fullText;
      if (options.page !== undefined) {
        const span = document.pageSpans.find((p) => p.page === options.page);
        if (!span) {
          throw usageError(
            'E_NO_PAGE',
            `${paper.id} has no page ${options.page}`,
            document.pageSpans.length ? `pages are 1–${document.pageSpans.length}` : 'this document has no pages',
          );
        }
        text = document.fullText.slice(span.start, span.end);
      }
      context.output.result({ paper_id: paper.id, page: options.page ?? null, text }, (value) => value.text);
    });
}
