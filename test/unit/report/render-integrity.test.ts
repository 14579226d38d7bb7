import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/render-html.ts';
import { renderMarkdown } from '../../../src/report/render-markdown.ts';
import { checkReportGuards } from '../../../src/report/report-guards.ts';
import { sampleModel } from '../../fixtures/report/sample-model.ts';

function retractedModel() {
  const model = sampleModel();
  model.papers[1] = {
    ...model.papers[1]!,
    integrity: {
      status: 'retracted',
      notices: [
        {
          kind: 'retraction',
          label: 'Retraction',
          doi: '10.5555/x.retraction',
          date: '2024-04-30',
          source: 'retraction-watch',
        },
      ],
      checked: ['arxiv', 'crossref'],
      unchecked_reason: null,
    },
    language: 'de',
  };
  return model;
}

describe('integrity and language in the report', () => {
  it('flags a retracted paper with its notice, lists non-English papers, and marks excluded claims', () => {
    const md = renderMarkdown(retractedModel());
    expect(md).toMatch(
      /\| arxiv:2401\.00077v1 \| .* \| \*\*RETRACTED\*\* \| retracted: Retraction \(2024-04-30\), notice doi:10\.5555\/x\.retraction, per Retraction Watch \|/,
    );
    expect(md).toContain('1 retracted or withdrawn, 1 with other notices');
    expect(md).toContain('1 paper(s) not in English');
    expect(md).toMatch(/\*\*Not used in the answer:\*\* its paper is retracted/);
    const html = renderHtml(retractedModel());
    expect(html).toContain('<section id="integrity"');
    expect(html).toContain('<strong>RETRACTED</strong>');
    expect(html).toContain('Not used in the answer: its paper is retracted');
  });

  it('renders the styled reference list in both formats', () => {
    const model = sampleModel();
    expect(renderMarkdown(model)).toContain('## Reference list (APA)\n\n- Lovelace, A., \\& Turing, A. M. (2023).');
    expect(renderHtml(model)).toContain('<h2 id="reference-list-h">Reference list (APA)</h2>');
  });

  it('refuses to write an answer that cites a claim kept out of it', () => {
    const model = sampleModel();
    model.answer.cited_claims = [...model.answer.cited_claims, 4];
    const failures = checkReportGuards(model, () => undefined).filter((f) => f.startsWith('answer cites claim 4'));
    expect(failures).toEqual([
      'answer cites claim 4, which may not support it: its paper is retracted: Retraction (2024-04-30), notice doi:10.5555/x, per Retraction Watch',
    ]);
  });
});
