import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import { validateReport } from '../../src/report/validate-report.ts';
import { planQueries } from '../../src/selection/plan-queries.ts';
import { normaliseSearchQuery } from '../../src/sources/arxiv/query-builder.ts';
import { type ArxivStandIn, atomEntry, atomFeed, atomReply, startArxivStandIn } from '../support/arxiv-stand-in.ts';
import { standInEnv } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

// The shared papers never disagree on an outcome, so two short papers written for this test do:
// independent author groups, one reporting an XNLI gain from English intermediate-task training and
// the other a small loss. Served as arXiv HTML (LaTeXML's current layout) by the stand-in.
const question = 'What is the effect of English intermediate-task training on cross-lingual transfer, as measured by XNLI?';

const papers = [
  {
    id: '2401.00001v1',
    title: 'Intermediate-Task Training Helps Cross-Lingual Transfer',
    authors: ['Mei Tanaka', 'Omar Haddad'],
    abstract:
      'We study English intermediate-task training before zero-shot cross-lingual transfer. Intermediate-task training on MNLI improves XNLI accuracy by 2.1 points over direct fine-tuning.',
    results: [
      'Intermediate-task training on MNLI improves XNLI accuracy by 2.1 points over direct fine-tuning.',
      'The gain is largest for languages close to English.',
    ],
  },
  {
    id: '2402.00002v1',
    title: 'Revisiting Intermediate-Task Training for Cross-Lingual Transfer',
    authors: ['Lena Fischer', 'Raj Patel'],
    abstract:
      'We revisit English intermediate-task training for zero-shot cross-lingual transfer with a stronger baseline. Intermediate-task training on MNLI decreases XNLI accuracy by 0.3 points compared with direct fine-tuning.',
    results: [
      'Intermediate-task training on MNLI decreases XNLI accuracy by 0.3 points compared with direct fine-tuning.',
      'We trained every model for three epochs with a learning rate of 2e-5.',
    ],
  },
];

function html(paper: (typeof papers)[number]): string {
  const para = (text: string) => `<div class="ltx_para"><p class="ltx_p">${text}</p></div>`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${paper.title}</title></head><body>
<div class="ltx_page_main"><div class="ltx_page_content"><article class="ltx_document">
<h1 class="ltx_title ltx_title_document">${paper.title}</h1>
<div class="ltx_authors">${paper.authors.map((a) => `<span class="ltx_creator ltx_role_author"><span class="ltx_personname">${a}</span></span>`).join('')}</div>
<div class="ltx_abstract"><h6 class="ltx_title ltx_title_abstract">Abstract</h6><p class="ltx_p">${paper.abstract}</p></div>
<section class="ltx_section" id="S1"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag">1 </span>Introduction</h2>
${para('Zero-shot cross-lingual transfer fine-tunes a multilingual encoder on English data and tests it in other languages.')}</section>
<section class="ltx_section" id="S2"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag">2 </span>Results</h2>
${paper.results.map(para).join('\n')}</section>
</article></div></div></body></html>`;
}

describe('litmus report: papers that disagree on an outcome', () => {
  let arxiv: ArxivStandIn;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    arxiv = await startArxivStandIn();
    const entries = papers.map((p) =>
      atomEntry({ id: p.id, title: p.title, authors: p.authors, summary: p.abstract, categories: ['cs.CL'], published: '2024-01-15T00:00:00Z' }),
    );
    papers.forEach((p, i) => {
      arxiv.entries.set(p.id, entries[i]!);
      arxiv.html.set(p.id, { headers: { 'content-type': 'text/html' }, body: Buffer.from(html(p)) });
    });
    for (const query of planQueries(question).queries) {
      arxiv.atom.set(`search:${normaliseSearchQuery(query)}`, atomReply(atomFeed(entries, { total: entries.length })));
    }
    ({ dir, cleanup } = makeTempDir());
  });
  afterAll(async () => {
    await arxiv.close();
    cleanup();
  });

  it('names the disagreement on XNLI, with each paper’s direction and size, from two independent studies', async () => {
    const out = join(dir, 'report');
    const result = await runLitmus(['--quiet', 'report', question, '--out', out], standInEnv(arxiv, dir));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(validateReport(model).errors).toEqual([]);
    const a = model.answer;
    const xnli = a.findings.find((f) => f.outcome === 'XNLI');
    expect(xnli?.agreement).toBe('disagree');
    expect(new Set(xnli!.papers)).toEqual(new Set(papers.map((p) => `arxiv:${p.id}`)));
    const direction = (paper: string) => xnli!.effects.filter((e) => e.paper_id === `arxiv:${paper}`).map((e) => [e.direction, e.size]);
    expect(direction('2401.00001v1')).toContainEqual(['positive', 'by 2.1 points']);
    expect(direction('2402.00002v1')).toContainEqual(['negative', 'by 0.3 points']);
    expect(a.summary).toMatch(/On XNLI: [^.]*the papers disagree/);
    expect(a.independent_papers).toBe(2);
    // The hyperparameter sentence is not a finding about the question.
    expect(model.claims.some((c) => /learning rate/.test(c.text) && c.about_question)).toBe(false);
  }, 180_000);
});
