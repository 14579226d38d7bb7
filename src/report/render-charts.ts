import * as vega from 'vega';
import * as vl from 'vega-lite';
import { VERDICTS, type Verdict } from '../core/types.ts';
import type { ReportModel } from './report-model.ts';

/** The report's charts as standalone SVG documents (no scripts, no external references). */
export interface ReportCharts {
  verdicts: string;
  confidence: string;
  years: string;
}

export const VERDICT_COLORS: Record<Verdict, string> = {
  SUPPORTED: '#1b7f3b',
  REFUTED: '#c0392b',
  PARTIAL: '#b7791f',
  NOT_ENOUGH_INFO: '#6b7280',
};

const verdictScale = { domain: [...VERDICTS], range: VERDICTS.map((v) => VERDICT_COLORS[v]) };
const baseConfig: vl.TopLevelSpec['config'] = {
  font: 'sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
};

/** Renders all three charts in Node (vega's headless 'none' renderer; no browser, no canvas). */
export async function renderCharts(model: ReportModel): Promise<ReportCharts> {
  const [verdicts, confidence, years] = await Promise.all([
    svgFromVegaLite(verdictCountsSpec(model), 'verdicts'),
    svgFromVegaLite(confidenceSpec(model), 'confidence'),
    svgFromVegaLite(yearsSpec(model), 'years'),
  ]);
  return { verdicts, confidence, years };
}

/**
 * Compiles a Vega-Lite spec and renders it to SVG. Ids vega generates (clip paths, gradients) are
 * prefixed with `idPrefix` so several charts can be inlined into one HTML page without clashing.
 */
export async function svgFromVegaLite(spec: vl.TopLevelSpec, idPrefix: string): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return prefixIds(svg, `chart-${idPrefix}-`);
  } finally {
    view.finalize();
  }
}

function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
}

export function verdictCountsSpec(model: ReportModel): vl.TopLevelSpec {
  const values = VERDICTS.map((verdict) => ({
    verdict,
    claims: model.claims.filter((c) => c.verdict === verdict).length,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Claims per verdict',
    description: 'Number of claims about the question with each verdict.',
    width: 360,
    height: 160,
    config: baseConfig,
    data: { values },
    encoding: {
      y: { field: 'verdict', type: 'nominal', sort: [...VERDICTS], title: null },
      x: { field: 'claims', type: 'quantitative', title: 'Claims', axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: { color: { field: 'verdict', type: 'nominal', scale: verdictScale, legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4 },
        encoding: { text: { field: 'claims', type: 'quantitative' } },
      },
    ],
  };
}

export function confidenceSpec(model: ReportModel): vl.TopLevelSpec {
  const values = model.claims.map((c) => ({ verdict: c.verdict, confidence: c.confidence, claim: c.n }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Confidence per verdict (ticks: claims; diamond: mean)',
    description: 'Calibrated confidence of each claim, grouped by verdict.',
    width: 360,
    height: 160,
    config: baseConfig,
    data: { values },
    encoding: {
      y: { field: 'verdict', type: 'nominal', sort: [...VERDICTS], title: null, scale: { domain: [...VERDICTS] } },
    },
    layer: [
      {
        mark: { type: 'tick', thickness: 2 },
        encoding: {
          x: { field: 'confidence', type: 'quantitative', title: 'Confidence', scale: { domain: [0, 1] } },
          color: { field: 'verdict', type: 'nominal', scale: verdictScale, legend: null },
        },
      },
      {
        mark: { type: 'point', shape: 'diamond', filled: true, size: 80, color: '#111827' },
        encoding: { x: { aggregate: 'mean', field: 'confidence', type: 'quantitative' } },
      },
    ],
  };
}

export function yearsSpec(model: ReportModel): vl.TopLevelSpec {
  const tally = new Map<string, number>();
  for (const p of model.papers) {
    const year = p.year === null ? 'unknown' : String(p.year);
    tally.set(year, (tally.get(year) ?? 0) + 1);
  }
  const values = [...tally.entries()]
    .sort(([a], [b]) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : Number(a) - Number(b)))
    .map(([year, papers]) => ({ year, papers }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Included papers by year',
    description: 'Number of included papers per publication year.',
    width: 360,
    height: 160,
    config: baseConfig,
    data: { values },
    mark: { type: 'bar', color: '#1a4fd8' },
    encoding: {
      x: { field: 'year', type: 'ordinal', sort: null, title: 'Year', axis: { labelAngle: 0 } },
      y: { field: 'papers', type: 'quantitative', title: 'Papers', axis: { tickMinStep: 1, format: 'd' } },
    },
  };
}
