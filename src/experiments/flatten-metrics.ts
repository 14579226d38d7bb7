/**
 * Recorded metrics are arbitrary JSON; matching needs flat (name, value, context) triples.
 * `{languages: {cpp: {"pass@1": 0.6}}}` → name "pass@1", value 0.6, path ["languages", "cpp"].
 * In arrays of rows (CSV imports) a row's string cells are context for its numeric cells.
 */
export interface FlatMetric {
  name: string; // as written
  key: string; // normalised (see normaliseMetricName)
  value: number;
  path: string[]; // enclosing keys and string context cells
}

const SKIP_KEYS = new Set(['results', 'settings', 'sandbox', 'toolchain', 'host', 'missing_dependency_tasks']);

export function flattenMetrics(metrics: Record<string, unknown>): FlatMetric[] {
  const out: FlatMetric[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, path);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const entries = Object.entries(value as Record<string, unknown>);
    const context = entries.filter(([, v]) => typeof v === 'string').map(([, v]) => v as string);
    for (const [key, v] of entries) {
      if (SKIP_KEYS.has(key)) continue;
      if (typeof v === 'number' && Number.isFinite(v)) {
        out.push({ name: key, key: normaliseMetricName(key), value: v, path: [...path, ...context] });
      } else if (typeof v === 'object' && v !== null) {
        walk(v, [...path, key]);
      }
    }
  };
  walk(metrics, []);
  return out;
}

const ALIASES: Record<string, string> = {
  acc: 'accuracy',
  accuracy: 'accuracy',
  em: 'exactmatch',
  exactmatch: 'exactmatch',
  f1: 'f1',
  f1score: 'f1',
  ppl: 'perplexity',
  perplexity: 'perplexity',
};

/** "pass@1", "pass_at_1", "Pass at 1" → "pass@1"; "F1-score" → "f1"; "Exact Match" → "exactmatch". */
export function normaliseMetricName(name: string): string {
  const lower = name.toLowerCase().trim();
  const pass = /^pass\s*(?:@|_at_|\s+at\s+|at)\s*(?:k\s*=\s*)?(\d+)$/.exec(lower);
  if (pass) return `pass@${pass[1]}`;
  const compact = lower.replace(/[\s_\-.]+/g, '');
  return ALIASES[compact] ?? compact;
}

/** A pattern that finds a normalised metric name written in prose. */
export function metricPattern(key: string): RegExp {
  const pass = /^pass@(\d+)$/.exec(key);
  if (pass) return new RegExp(`\\bpass\\s*(?:@|at)\\s*(?:k\\s*=\\s*)?${pass[1]}(?!\\d)`, 'i');
  const synonyms = Object.entries(ALIASES)
    .filter(([, canonical]) => canonical === key)
    .map(([alias]) => alias);
  const words = [...new Set([key, ...synonyms])].map((w) => w.split('').join('[\\s_-]*'));
  return new RegExp(`\\b(?:${words.join('|')})\\b`, 'i');
}
