import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentClaim } from '../../src/pipeline/audit/document-types.ts';
import type { ResultTable, TableCell } from '../../src/core/tables.ts';
import { checkClaim } from '../../src/pipeline/audit/verify-document-claims.ts';
import { addFiles } from '../../src/pipeline/add-files.ts';
import { createEmbeddedEngines } from '../../src/pipeline/embedded-engines.ts';
import { evidenceLine } from '../../src/report/audit/audit-text.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir } from '../support/workspace.ts';

/**
 * A figure in an audited claim is judged against the cited paper's results table, and the cell is the
 * evidence shown. The paper is the real LaTeXML HTML of Berant & Liang (ACL 2014); its Table 5 is given
 * as ingestion reads it (`tablesOf`), cell for cell as printed in the paper.
 */
const cell = (text: string): TableCell => ({
  text,
  value: /^\d/.test(text) ? Number(text) : null,
  unit: null,
  plusMinus: null,
  bold: false,
});

function table5(paperId: string): ResultTable {
  return {
    paperId,
    ordinal: 5,
    label: 'Table 5',
    caption: 'Results on the test set.',
    page: null,
    charStart: null,
    charEnd: null,
    rowHeaderColumns: 1,
    columnHeaders: [[''], ['Free917'], ['WebQuestions']],
    rows: [
      { cells: [cell('CY13'), cell('59.0'), cell('–')] },
      { cells: [cell('BCFL13'), cell('62.0'), cell('35.7')] },
      { cells: [cell('KCAZ13'), cell('68.0'), cell('–')] },
      { cells: [cell('This work'), cell('68.5'), cell('39.9')] },
    ],
    source: 'html',
  };
}

const claimOf = (text: string): DocumentClaim => ({
  n: 1,
  text,
  raw: text,
  origin: 'table',
  line: 9,
  truncated: false,
  truncation: null,
  documentVerdict: 'SUPPORTED',
  documentVerdictMark: '✓',
  documentConfidence: 0.9,
  documentConfidenceRaw: '0.9',
  cites: ['1'],
  danglingCitations: [],
});

describe('audit: numeric claims against the cited paper’s table cells', () => {
  let store: SqliteTestStore;
  let cleanup: () => void;
  let paperId: string;

  beforeAll(async () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    store = openSqliteStore(join(temp.dir, 'litmus.db'));
    const [added] = await addFiles(store, [sharedData('html', 'acl-P14-1133.latexml-0.8.0.html')], {
      maxBytes: 50_000_000,
    });
    paperId = added!.paper_id!;
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  const deps = () => ({
    store,
    verifier: createEmbeddedEngines().verifier,
    paperOf: new Map([['1', paperId]]),
    corpus: [paperId],
    tablesOf: async (id: string) => (id === paperId ? [table5(paperId)] : []),
  });

  it('refutes a misreported figure with the cell and its headers as evidence', async () => {
    const result = await checkClaim(claimOf('BCFL13 reaches an accuracy of 37.5 on WebQuestions.'), deps());
    expect(result).toMatchObject({ verdict: 'REFUTED', basis: 'cited', status: 'overturned' });
    expect(result.numeric).toContainEqual({ claimed: '37.5', found: '35.7' });
    const evidence = result.evidence.find((e) => e.cell);
    expect(evidence?.cell).toEqual({
      table: 'Table 5',
      row: ['BCFL13'],
      column: ['WebQuestions'],
      text: '35.7',
      address: 'Table 5, row BCFL13, column WebQuestions: 35.7',
    });
    expect(evidenceLine(evidence!)).toBe(
      `${paperId}: Table 5, row BCFL13, column WebQuestions: 35.7 (row BCFL13; column WebQuestions)`,
    );
    expect(result.checks?.map((c) => c.rule)).toContain('table-cell');
  });

  it('never compares against tables when none are given', async () => {
    const { tablesOf: _unused, ...withoutTables } = deps();
    const result = await checkClaim(claimOf('BCFL13 reaches an accuracy of 37.5 on WebQuestions.'), withoutTables);
    expect(result.evidence.some((e) => e.cell)).toBe(false);
  });
});
