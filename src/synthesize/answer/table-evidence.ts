import type { ResultTable } from '../../core/tables.ts';
import { benchmarksNamed } from '../critique/benchmark-facts.ts';

/**
 * What a paper's results tables add to its evidence row: which tables there are (label and the head
 * of the caption), the metrics their columns report and the datasets their headers or captions name.
 */
export interface TableEvidence {
  tables: string[];
  data: string[];
  metric: string[];
}

const METRIC_HEADERS: [RegExp, string][] = [
  [/^acc(?:uracy|\.)?$/i, 'accuracy'],
  [/^(?:macro-|micro-)?f1$/i, 'F1'],
  [/^bleu$/i, 'BLEU'],
  [/^rouge[-\w]*$/i, 'ROUGE'],
  [/^(?:em|exact match)$/i, 'exact match'],
  [/^pass@\d+$/i, 'pass@k'],
  [/^(?:auc|auroc)$/i, 'AUC'],
  [/^(?:ppl|perplexity)$/i, 'perplexity'],
  [/^(?:prec(?:ision|\.)?|p)$/i, 'precision'],
  [/^(?:rec(?:all|\.)?|r)$/i, 'recall'],
  [/^(?:mae|mse|rmse)$/i, 'error'],
];

export function tableEvidence(tables: ResultTable[]): TableEvidence {
  const data = new Set<string>();
  const metric = new Set<string>();
  const labels: string[] = [];
  for (const table of tables) {
    const caption = table.caption.replace(/^\s*Table\s+\S+[:.]\s*/i, '').trim();
    const head = caption.split(/\s+/).slice(0, 10).join(' ');
    labels.push(`${table.label}${head ? `: ${head}${caption.split(/\s+/).length > 10 ? '…' : ''}` : ''}`);
    for (const path of table.columnHeaders) {
      for (const header of path) {
        const named = METRIC_HEADERS.find(([re]) => re.test(header.trim()))?.[1];
        if (named) metric.add(named);
      }
    }
    for (const b of benchmarksNamed(`${caption} ${table.columnHeaders.flat().join(' ')}`)) data.add(b.name);
  }
  return { tables: labels, data: [...data], metric: [...metric] };
}
