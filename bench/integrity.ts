import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../src/ingest/detect-language.ts';
import { parsePdf } from '../src/ingest/parse-pdf.ts';
import { formatReferenceList, renderReferenceFiles } from '../src/report/references/render-references.ts';
import { renderMarkdown } from '../src/report/render-markdown.ts';
import type { ReportPaper } from '../src/report/report-model.ts';
import { sampleModel } from '../test/fixtures/report/sample-model.ts';
import { ratio, repoRoot, round } from './measure.ts';

const PDFS = ['2203.00130v1.pdf', '1708.05894v1.pdf', '2020.acl-main.447.pdf', '2302.07302v1.pdf'];

async function ms(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * What the integrity checks add to a report, beside what the report already spends: language
 * detection per paper against parsing that paper's PDF, and the reference exports and formatted
 * list (citation-js) for 20 papers against rendering report.md for the same model.
 */
export async function benchIntegrity(): Promise<Record<string, unknown>> {
  let detect = 0;
  let parse = 0;
  for (const name of PDFS) {
    const bytes = new Uint8Array(readFileSync(join(repoRoot, '..', 'shared', 'data', 'pdfs', name)));
    let text = '';
    parse += await ms(async () => {
      text = (await parsePdf(bytes, { name })).fullText;
    });
    detect += await ms(() => detectLanguage({ fullText: text }));
  }
  const model = sampleModel();
  const papers: ReportPaper[] = Array.from({ length: 20 }, (_, i) => ({
    ...model.papers[i % model.papers.length]!,
    id: `bench:${i}`,
    cite_key: `bench${i}`,
  }));
  const exportsCold = await ms(() => renderReferenceFiles(papers));
  const exportsWarm = await ms(() => renderReferenceFiles(papers));
  const markdown = await ms(() => renderMarkdown({ ...model, papers }));
  const styles: Record<string, number> = {};
  for (const style of ['apa', 'vancouver', 'ieee', 'harvard'] as const) {
    await formatReferenceList(papers, style); // the style's engine is built once per process
    styles[`list_${style}_ms`] = round(await ms(() => formatReferenceList(papers, style)), 1);
  }
  return {
    language_ms_per_paper: round(detect / PDFS.length, 1),
    pdf_parse_ms_per_paper: round(parse / PDFS.length, 1),
    language_vs_parse: ratio(detect, parse),
    exports_20_papers_cold_ms: round(exportsCold, 1),
    exports_20_papers_warm_ms: round(exportsWarm, 1),
    report_md_ms: round(markdown, 1),
    exports_warm_vs_report_md: ratio(exportsWarm, markdown),
    ...styles,
  };
}
