import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/report/escape.ts';
import { REPORT_SCRIPT } from '../../../src/report/html-script.ts';
import { renderHtml } from '../../../src/report/render-html.ts';
import { ODD_PAPER_ID, sampleModel, XSS_QUOTE_FRAGMENT, XSS_TITLE } from '../../fixtures/report/sample-model.ts';

const LONG_CLAIM = `${'Fine-tuning on permissively licensed code keeps pass@1 within two points of the full-data model, '.repeat(6)}across all four languages.`;

function rows(html: string): string[] {
  return [...html.matchAll(/<tr id="claim-\d+"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

describe('renderHtml', () => {
  it('is one self-contained document: no external resource of any kind', () => {
    const html = renderHtml(sampleModel(), {
      verdicts: '<svg id="v"></svg>',
      confidence: '<svg></svg>',
      years: '<svg></svg>',
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|<object\b|<embed\b|@import|url\(/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain("default-src 'none'");
    // Only links a reader clicks point outside (arXiv pages), never anything loaded.
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#|https:\/\/arxiv\.org\/abs\/)/);
  });

  it('escapes paper text everywhere: titles, quotes, claims, ids in attributes', () => {
    const model = sampleModel();
    model.claims[0]!.text = 'Claim with <script>alert("claim")</script> inside.';
    const html = renderHtml(model);
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain(XSS_QUOTE_FRAGMENT);
    expect(html).toContain(escapeHtml(XSS_TITLE));
    expect(html).toContain(`<title>${escapeHtml(model.title)}</title>`);
    expect(html).toContain(escapeHtml(XSS_QUOTE_FRAGMENT));
    expect(html).toContain('Claim with &lt;script&gt;alert(&quot;claim&quot;)&lt;/script&gt; inside.');
    expect(html).toContain(`data-paper="${escapeHtml(ODD_PAPER_ID)}"`);
    expect(html).toContain(`<option value="${escapeHtml(ODD_PAPER_ID)}">`);
    expect(html).not.toContain('javascript:');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('does not build markup from strings in its script', () => {
    expect(REPORT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(REPORT_SCRIPT).not.toContain('</script');
  });

  it('never cuts a claim', () => {
    const model = sampleModel();
    model.claims[3]!.text = LONG_CLAIM;
    expect(LONG_CLAIM.length).toBeGreaterThan(600);
    const html = renderHtml(model);
    expect(html).toContain(`<p class="claim-text">${LONG_CLAIM}</p>`);
  });

  it('gives every claim row its filter attributes, in relevance order', () => {
    const model = sampleModel();
    const claimRows = rows(renderHtml(model));
    expect(claimRows).toHaveLength(model.claims.length);
    expect(claimRows.map((r) => Number(/data-n="(\d+)"/.exec(r)![1]))).toEqual([1, 2, 3, 5, 4, 6, 7, 8]);
    const row2 = claimRows[1]!;
    expect(row2).toContain('data-verdict="REFUTED"');
    expect(row2).toContain('data-paper="arxiv:2401.00077v1"');
    expect(row2).toContain('data-confidence="0.84"');
    expect(row2).toContain('>0.84<');
  });

  it('has the filters with labels and sortable headers', () => {
    const html = renderHtml(sampleModel());
    const verdictOptions = [...html.matchAll(/<select id="verdict-filter">([\s\S]*?)<\/select>/g)][0]![1]!;
    expect([...verdictOptions.matchAll(/value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'ALL',
      'SUPPORTED',
      'REFUTED',
      'PARTIAL',
      'NOT_ENOUGH_INFO',
    ]);
    expect(html).toContain('<label for="verdict-filter">');
    expect(html).toContain('<label for="paper-filter">');
    expect(html).toContain('<label for="confidence-filter">');
    expect(html).toMatch(/<input id="confidence-filter" type="range"/);
    expect(html).toMatch(
      /<th scope="col" data-sort-key="confidence" data-sort-type="number"[^>]*><button type="button">/,
    );
    expect(html).toContain('aria-sort="descending"><button type="button">Relevance');
  });

  it('links each quote to its reference entry and, for arXiv papers, to the paper', () => {
    const html = renderHtml(sampleModel());
    const row2 = rows(html)[1]!;
    expect(row2).toContain('<a href="#ref-2">arxiv:2401.00077v1, p. 2</a>');
    expect(row2).toContain(
      '<a href="https://arxiv.org/abs/2401.00077v1" rel="noopener noreferrer">open paper on arXiv</a>',
    );
    expect(html).toContain('<li id="ref-2">');
  });

  it('has the same content as the Markdown: answer, flow, confidence, contradictions, references, provenance', () => {
    const model = sampleModel();
    const html = renderHtml(model);
    expect(html).toContain('<strong>Evidence grade:</strong> Direct — ');
    expect(html).toContain('<a href="#claim-5">[5]</a>');
    expect(html).toContain('screened 8 = excluded 3 + full text unavailable 1 + included 4');
    expect(html).toContain('3 other claims were left out as unrelated to the question.');
    expect(html).toContain('Calibration: isotonic regression on 400 SciFact dev claims (ECE 0.04)');
    expect(html).toContain(
      'Experiment NOT_REPRODUCED: humaneval-python, pass@1 claimed 71.3 vs measured 64.2',
    );
    expect(html).toContain('Numeric mismatch: claimed 71.3%, found 64.2%');
    expect(html).toContain('Corroborated by <a href="#ref-3">local:notes</a>');
    expect(html).toContain('Contradicted by <a href="#ref-2">arxiv:2401.00077v1</a>');
    expect(html).toMatch(/REFUTED<\/span> Refuted<\/th><td class="num">2<\/td><td class="num">0.80<\/td>/);
    expect(html.match(/<li id="ref-\d+">/g)).toHaveLength(model.papers.length);
    expect(html).toContain('sha256:5f2c0b0e');
    expect(html).toContain('No study reports pass@k for k &gt; 10.');
  });

  it('inlines charts when given', () => {
    const html = renderHtml(sampleModel(), {
      verdicts: '<svg data-chart="v"></svg>',
      confidence: '<svg data-chart="c"></svg>',
      years: '<svg data-chart="y"></svg>',
    });
    expect(html).toContain('<figure><svg data-chart="v"></svg><figcaption>Claims per verdict</figcaption></figure>');
    expect(html).toContain('data-chart="c"');
    expect(html).toContain('data-chart="y"');
    expect(renderHtml(sampleModel())).not.toContain('id="charts"');
  });
});
