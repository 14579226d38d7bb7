import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../../src/core/types.ts';
import { renderCharts, svgFromVegaLite } from '../../../src/report/render-charts.ts';
import { sampleModel } from '../../fixtures/report/sample-model.ts';

/** Every text node in an SVG, as parsed (entities decoded). */
function texts(svg: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') found.push(String(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(new XMLParser({ ignoreAttributes: true, textNodeName: '#text' }).parse(svg));
  return found;
}

function expectSelfContainedSvg(svg: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/<script|<image|<foreignObject|url\(\s*['"]?(?!#)|@import/i);
  // The only http(s) strings are the SVG/XLink namespace names, which are never fetched.
  const urls = [...svg.matchAll(/https?:\/\/[^\s"']+/g)].map((m) => m[0]);
  expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
  for (const href of svg.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^#/);
}

describe('renderCharts', () => {
  it('renders three valid, self-contained SVGs with the verdict labels and years', async () => {
    const charts = await renderCharts(sampleModel());
    for (const svg of [charts.verdicts, charts.confidence, charts.years]) expectSelfContainedSvg(svg);
    for (const verdict of VERDICTS) {
      expect(texts(charts.verdicts)).toContain(verdict);
      expect(texts(charts.confidence)).toContain(verdict);
    }
    expect(texts(charts.verdicts)).toContain('Claims per verdict');
    expect(texts(charts.years)).toEqual(expect.arrayContaining(['2023', '2024', 'unknown']));
  });

  it('prefixes generated ids per chart so charts inline together without clashes', async () => {
    const charts = await renderCharts(sampleModel());
    const ids = [charts.verdicts, charts.confidence, charts.years].flatMap((svg) =>
      [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of [charts.verdicts, charts.confidence, charts.years]) {
      for (const ref of svg.matchAll(/url\(#([^)]+)\)/g)) expect(svg).toContain(`id="${ref[1]}"`);
    }
  });

  it('renders a report with no claims and no papers', async () => {
    const model = sampleModel();
    model.claims = [];
    model.papers = [];
    const charts = await renderCharts(model);
    for (const svg of [charts.verdicts, charts.confidence, charts.years]) expectSelfContainedSvg(svg);
  });

  it('escapes text from papers inside a chart', async () => {
    const label = 'A <script>alert(1)</script> & "quoted" title';
    const svg = await svgFromVegaLite(
      {
        data: { values: [{ title: label, n: 1 }] },
        mark: 'bar',
        encoding: {
          y: { field: 'title', type: 'nominal', axis: { labelLimit: 0 } },
          x: { field: 'n', type: 'quantitative' },
        },
      },
      'test',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expectSelfContainedSvg(svg);
    expect(texts(svg).join(' ')).toContain('A <script>alert(1)</script> & "quoted" title');
  });
});
