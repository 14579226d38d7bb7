import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellAddress, locateCell, type ResultTable, rowHeader } from '../../src/core/tables.ts';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const htmlFile = (id: string) => sharedData('html', `acl-${id}.latexml-0.8.0.html`);

async function read(id: string) {
  const bytes = new Uint8Array(readFileSync(htmlFile(id)));
  return ingestDocument({ name: `${id}.html`, bytes, kind: 'html' });
}

function table(tables: ResultTable[] | undefined, label: string): ResultTable {
  const found = tables?.find((t) => t.label === label);
  if (!found) throw new Error(`no ${label} among ${tables?.map((t) => t.label).join(', ')}`);
  return found;
}

/** The cell in the row whose own header is `row` and the column whose header path is `column`. */
function cell(t: ResultTable, row: string, column: string[]) {
  const r = t.rows.findIndex((_, index) => rowHeader(t, index).at(-1) === row);
  const c = t.columnHeaders.findIndex((path) => path.join(' > ') === column.join(' > '));
  expect(r, `row ${row}`).toBeGreaterThanOrEqual(0);
  expect(c, `column ${column.join(' > ')}`).toBeGreaterThanOrEqual(0);
  return { ...t.rows[r]!.cells[c]!, address: cellAddress(t, r, c) };
}

describe('results tables read from real ACL LaTeXML HTML', () => {
  it('P14-1133: test results, with bold best values and dashes for missing results', async () => {
    const { parsed } = await read('P14-1133');
    const results = table(parsed.resultTables, 'Table 5');
    expect(results.caption).toBe('Table 5: Results on the test set.');
    expect(results.columnHeaders).toEqual([[], ['Free917'], ['WebQuestions']]);
    expect(cell(results, 'This work', ['WebQuestions'])).toMatchObject({ value: 39.9, bold: true });
    expect(cell(results, 'This work', ['WebQuestions']).address).toBe(
      'Table 5, row This work, column WebQuestions: 39.9',
    );
    expect(cell(results, 'BCFL13', ['Free917'])).toMatchObject({ value: 62, bold: false });
    expect(cell(results, 'CY13', ['WebQuestions'])).toMatchObject({ text: '–', value: null });
    const span = locateCell(parsed.fullText, results, 3, 2)!;
    expect(parsed.fullText.slice(span.start - 19, span.end)).toBe('This work | 68.5 | 39.9');
    expect(cell(table(parsed.resultTables, 'Table 6'), 'Jaccard', ['Free917']).value).toBe(69.7);
  });

  it('P14-2122: two header rows with column spans, and ± spreads', async () => {
    const { parsed } = await read('P14-2122');
    const monolingual = table(parsed.resultTables, 'Table 3');
    expect(monolingual.columnHeaders).toEqual([
      ['Method'],
      ['Accuracy', 'CHILD.'],
      ['Accuracy', 'MSR'],
      ['Time', 'CHILD.'],
      ['Time', 'MSR'],
    ]);
    expect(cell(monolingual, 'Prop.(bigram)', ['Accuracy', 'CHILD.'])).toMatchObject({ value: 0.774, bold: true });
    expect(cell(monolingual, 'NPY(trigram)a', ['Accuracy', 'MSR'])).toMatchObject({ value: 0.807, bold: true });
    expect(cell(monolingual, 'Prop.(bigram)', ['Time', 'MSR'])).toMatchObject({ value: 2530, unit: 's' });
    const bilingual = table(parsed.resultTables, 'Table 4');
    expect(cell(bilingual, 'Prop.(biling.)', ['BLEU', 'PatentMT9'])).toMatchObject({
      value: 31.73,
      plusMinus: 0.05,
      bold: true,
    });
    expect(cell(bilingual, 'Character', ['BLEU', 'OpenMT06'])).toMatchObject({
      text: '29.50 ± 0.03',
      value: 29.5,
      plusMinus: 0.03,
    });
    const corpora = table(parsed.resultTables, 'Table 2');
    expect(corpora.rowHeaderColumns).toBe(2);
    expect(cell(corpora, 'Mono.', ['# Characters']).value).toBe(95809);
  });

  it('P14-1129: a title row and three header levels become each column’s path', async () => {
    const { parsed } = await read('P14-1129');
    expect(parsed.resultTables?.map((t) => t.label)).toEqual([
      'Table 1',
      'Table 2',
      'Table 3',
      'Table 4',
      'Table 5',
      'Table 6',
      'Table 7',
    ]);
    const decoding = table(parsed.resultTables, 'Table 5');
    expect(decoding.columnHeaders[2]).toEqual(['BOLT Test', 'Ar-En', 'With', 'RNNLM', 'BLEU']);
    expect(cell(decoding, 'S2T/L2R NNJM (Dec)', ['BOLT Test', 'Ar-En', 'Without', 'RNNLM', 'BLEU']).value).toBe(42.8);
    const speed = table(parsed.resultTables, 'Table 2');
    expect(cell(speed, '+ Pre-Computation', ['Neural Network Speed', 'lookups/sec']).value).toBe(1430000);
    const nist = table(parsed.resultTables, 'Table 3');
    expect(cell(nist, 'OpenMT12 - 1st Place', ['NIST MT12 Test', 'Ch-En', 'BLEU']).value).toBe(32.6);
    expect(
      cell(table(parsed.resultTables, 'Table 6'), 'Source Window=0', ['BOLT Test', 'Ar-En', '% Gain']),
    ).toMatchObject({ value: 33, unit: '%' });
  });

  it('P14-2054: a column LaTeXML marks as <th> is still data; single-column template lists are not tables', async () => {
    const { parsed } = await read('P14-2054');
    expect(parsed.resultTables?.map((t) => t.label)).toEqual(['Table 2']);
    const comparison = table(parsed.resultTables, 'Table 2');
    expect(comparison.rowHeaderColumns).toBe(1);
    expect(cell(comparison, 'Ours(Approx)', ['C Rate']).value).toBe(0.68);
    expect(cell(comparison, 'TM13', ['RASP']).value).toBe(0.599);
  });

  it('no prose passage of any of these papers carries a row of a table', async () => {
    for (const id of ['P14-1129', 'P14-1133', 'P14-2054', 'P14-2122']) {
      const { parsed, passages } = await read(id);
      const prose = passages
        .filter((p) => p.kind !== 'table')
        .map((p) => parsed.fullText.slice(p.charStart, p.charEnd));
      for (const t of parsed.resultTables ?? []) {
        for (const row of t.rows) {
          const line = row.cells.map((c) => c.text).join(' | ');
          if (row.cells.filter((c) => c.value !== null).length < 2) continue;
          for (const text of prose) expect(text, `${id} ${t.label}`).not.toContain(line);
        }
        for (const text of prose) expect(text).not.toContain(t.caption);
      }
    }
  });
});

describe('litmus show / text --table', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  let id: string;
  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    db = join(dir, 'litmus.db');
    const added = await runLitmus(['--db', db, 'add', htmlFile('P14-1133'), '--json']);
    id = (JSON.parse(added.stdout) as { paper_id: string }[])[0]!.paper_id;
  });
  afterAll(() => cleanup());

  it('show lists the tables with label, size and caption', async () => {
    const shown = JSON.parse((await runLitmus(['--db', db, 'show', id, '--json'])).stdout);
    expect(shown.tables).toContainEqual(
      expect.objectContaining({ label: 'Table 5', rows: 4, columns: 3, caption: 'Table 5: Results on the test set.' }),
    );
    const human = await runLitmus(['--db', db, 'show', id]);
    expect(human.stdout).toMatch(/Table 5 {2}4×3 {2}Results on the test set\./);
  });

  it('text --table prints one table as an aligned grid with its caption and header paths', async () => {
    const printed = await runLitmus(['--db', db, 'text', id, '--table', '5']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('Table 5: Results on the test set.');
    expect(printed.stdout).toContain('3. WebQuestions');
    const row = printed.stdout.split('\n').find((line) => line.startsWith('This work'));
    expect(row).toMatch(/^This work\s+68\.5\*\s+39\.9\*$/);
    const json = JSON.parse(
      (await runLitmus(['--db', db, 'text', id, '--table', 'Table 5', '--json'])).stdout,
    ) as ResultTable;
    expect(json.label).toBe('Table 5');
    expect(json.rows[3]!.cells[2]).toMatchObject({ value: 39.9, bold: true });
  });

  it('an unknown table is a clear error naming the tables there are', async () => {
    const missing = await runLitmus(['--db', db, 'text', id, '--table', '9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('has no table 9');
    expect(missing.stderr).toContain('Table 1, Table 2');
  });
});
