import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/claims/embedded-claim-extractor.ts';
import { tableClaims } from '../../../src/claims/table-claims.ts';
import type { ResultTable, TableCell } from '../../../src/core/tables.ts';
import { ingestDocument } from '../../../src/ingest/ingest-document.ts';
import { checkAgainstTables } from '../../../src/verify/checks/table-cells.ts';
import { sharedData } from '../../support/shared-data.ts';

const cell = (text: string): TableCell => ({
  text,
  value: /^-?\d/.test(text) ? Number(text) : null,
  unit: null,
  plusMinus: null,
  bold: false,
});

/** "Table 2" as printed, one row a line, so every cell can be located. */
const lines = [
  'Table 2: Accuracy on the target tasks.',
  'Model | XNLI Acc. | PAWS-X Acc. | Avg.',
  'SOTA (Lee et al.) | 80.1 | 88.0 | 84.0',
  'Baseline | 75.0 | 85.0 | 80.0',
  '+ SQuAD | 74.6 | 85.0 | 79.8',
  '+ MNLI | 77.5 | 86.5 | 82.0',
];
const fullText = `Results.\n\n${lines.join('\n')}\n\nConclusion.`;
const table: ResultTable = {
  ordinal: 1,
  label: 'Table 2',
  caption: 'Accuracy on the target tasks.',
  page: 1,
  charStart: fullText.indexOf('Table 2'),
  charEnd: fullText.indexOf('\n\nConclusion'),
  rowHeaderColumns: 1,
  columnHeaders: [['Model'], ['XNLI', 'Acc.'], ['PAWS-X', 'Acc.'], ['Avg.']],
  rows: lines.slice(2).map((line) => ({ cells: line.split(' | ').map(cell) })),
  source: 'markdown',
  paperId: 'local:it',
};

describe('tableClaims', () => {
  const claims = tableClaims({ paperId: 'local:it', fullText, tables: [table], passages: [], engine: 'embedded@1' });

  it('compares each row below the baseline with it, in the average column, with signed changes', () => {
    expect(claims.map((c) => c.text)).toEqual([
      'In Table 2, SQuAD changes Avg. by −0.2 over Baseline (80.0 to 79.8).',
      'In Table 2, MNLI changes Avg. by +2.0 over Baseline (80.0 to 82.0).',
    ]);
    // Rows above the baseline are other systems' published results, not the paper's findings.
    expect(claims.some((c) => c.text.includes('SOTA'))).toBe(false);
  });

  it('points at the row it reads and keeps the baseline row as a further location', () => {
    const [squad] = claims;
    expect(fullText.slice(squad!.charStart!, squad!.charEnd!)).toBe('+ SQuAD | 74.6 | 85.0 | 79.8');
    expect(squad!.locations?.map((l) => fullText.slice(l.charStart, l.charEnd))).toEqual([
      'Baseline | 75.0 | 85.0 | 80.0',
    ]);
  });

  it('states what the table-cell check reads back as supported', () => {
    for (const claim of claims)
      expect(checkAgainstTables(claim.text, [table], 'local:it').verdict, claim.text).toBe('SUPPORTED');
  });

  it('makes no claim of a table without a baseline row', () => {
    const noBaseline = { ...table, rows: table.rows.filter((_, i) => i !== 1) };
    expect(
      tableClaims({ paperId: 'local:it', fullText, tables: [noBaseline], passages: [], engine: 'embedded@1' }),
    ).toEqual([]);
  });

  it('joins the prose claims of the extractor, ranked below the abstract’s findings', () => {
    const text = `Abstract\n\nWe show that MNLI helps XNLI, improving average accuracy by 2.0 points.\n\n${fullText}`;
    const shifted = {
      ...table,
      charStart: table.charStart! + text.length - fullText.length,
      charEnd: table.charEnd! + text.length - fullText.length,
    };
    const { claims: all } = extractClaims({
      paper: {
        id: 'local:it',
        title: 'Transfer',
        abstract: 'We show that MNLI helps XNLI, improving average accuracy by 2.0 points.',
      },
      passages: [],
      fullText: text,
      tables: [shifted],
    });
    const texts = all.map((c) => c.text);
    expect(texts).toContain('In Table 2, MNLI changes Avg. by +2.0 over Baseline (80.0 to 82.0).');
    expect(texts.indexOf('MNLI helps XNLI, improving average accuracy by 2.0 points.')).toBe(0);
  });

  it('reads a real paper’s tables (NNJM, LaTeXML HTML), and the table-cell check reads them back', async () => {
    const path = sharedData('html', 'acl-P14-1129.latexml-0.8.0.html');
    const { parsed } = await ingestDocument({ name: 'acl-P14-1129.html', bytes: readFileSync(path), kind: 'html' });
    const tables = (parsed.resultTables ?? []).map((t) => ({ ...t, paperId: 'local:nnjm' }));
    const fromTables = tableClaims({
      paperId: 'local:nnjm',
      fullText: parsed.fullText,
      tables,
      passages: [],
      engine: 'embedded@1',
    });
    expect(fromTables.map((c) => c.text)).toContain(
      'In Table 3, S2T/L2R NNJM (Dec) changes NIST MT12 Test Ar-En BLEU by +1.4 over Baseline (w/ RNNLM) (49.8 to 51.2).',
    );
    // Each against its own table, every claim reads back as stated (hyphenated rows such as
    // "Self-Norm NNJM" were once taken for baseline rows and misread).
    const own = (text: string) => tables.filter((t) => text.startsWith(`In ${t.label},`));
    const verdicts = fromTables.map((c) => ({
      text: c.text,
      verdict: checkAgainstTables(c.text, own(c.text), 'local:nnjm').verdict,
    }));
    expect(verdicts.filter((v) => v.verdict !== 'SUPPORTED')).toEqual([]);
  }, 60_000);
});
