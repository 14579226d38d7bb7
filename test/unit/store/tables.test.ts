import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cellAddress } from '../../../src/core/tables.ts';
import type { Paper } from '../../../src/core/types.ts';
import { ingestDocument } from '../../../src/ingest/ingest-document.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { deleteDocumentsOfPaper, insertDocument, listPassages } from '../../../src/store/documents.ts';
import { latestVersion, migrations } from '../../../src/store/migrations.ts';
import { upsertPaper } from '../../../src/store/papers.ts';
import { searchPassages } from '../../../src/store/search.ts';
import { getTable, listTables } from '../../../src/store/tables.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const paper: Paper = {
  id: 'local:results',
  workId: 'local:results',
  source: 'local',
  externalId: 'results.html',
  version: null,
  title: 'Results',
  authors: [],
  published: null,
  updated: null,
  categories: [],
  licence: null,
  abstract: null,
};

const html = (value: string) => `<html><body><article class="ltx_document">
<section class="ltx_section"><h2 class="ltx_title">1 Results</h2>
<div class="ltx_para"><p class="ltx_p">Our parser is accurate on WebQuestions, as the table below reports.</p></div>
<figure class="ltx_table"><figcaption class="ltx_caption">Table 5: Results on the test set.</figcaption>
<table class="ltx_tabular"><thead><tr><th></th><th>Free917</th><th>WebQuestions</th></tr></thead>
<tbody><tr><th>CY13</th><td>59.0</td><td>–</td></tr><tr><th>This work</th><td><b>68.5</b></td><td><b>${value}</b></td></tr></tbody>
</table></figure></section></article></body></html>`;

async function ingest(store: Store, value: string): Promise<void> {
  const { parsed, passages } = await ingestDocument({
    name: 'results.html',
    bytes: new TextEncoder().encode(html(value)),
    kind: 'html',
  });
  store.transaction(() => {
    upsertPaper(store, paper);
    deleteDocumentsOfPaper(store, paper.id);
    insertDocument(store, {
      paperId: paper.id,
      kind: 'html',
      contentHash: value,
      bytes: 1,
      origin: 'test',
      parsed,
      passages,
    });
  });
}

describe('result tables in the store', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('stores tables with their document and replaces them when the paper is ingested again', async () => {
    const store = openStore(':memory:');
    await ingest(store, '39.9');
    const [table] = listTables(store, paper.id);
    expect(table).toMatchObject({ ordinal: 1, label: 'Table 5', paperId: paper.id, source: 'html' });
    expect(cellAddress(table!, 1, 2)).toBe('Table 5, row This work, column WebQuestions: 39.9');
    expect(getTable(store, paper.id, 'Table 5')?.rows[1]?.cells[2]).toMatchObject({ value: 39.9, bold: true });
    expect(getTable(store, paper.id, '5')?.label).toBe('Table 5');
    expect(getTable(store, paper.id, 1)?.label).toBe('Table 5');
    expect(getTable(store, paper.id, 'table 7')).toBeUndefined();

    await ingest(store, '41.0');
    const again = listTables(store, paper.id);
    expect(again).toHaveLength(1);
    expect(again[0]!.rows[1]!.cells[2]!.value).toBe(41);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM result_tables').get()).toEqual({ n: 1 });
    store.close();
  });

  it('lists and searches prose only when asked, and everything by default', async () => {
    const store = openStore(':memory:');
    await ingest(store, '39.9');
    const all = listPassages(store, paper.id);
    const prose = listPassages(store, paper.id, { kind: 'prose' });
    expect(all.some((p) => p.kind === 'table')).toBe(true);
    expect(prose.length).toBeGreaterThan(0);
    expect(prose.every((p) => p.kind === 'prose' && !p.text.includes('59.0'))).toBe(true);
    expect(searchPassages(store, 'CY13 WebQuestions').some((hit) => hit.passage.kind === 'table')).toBe(true);
    const proseHits = searchPassages(store, 'CY13 WebQuestions', { kind: 'prose' });
    expect(proseHits.length).toBeGreaterThan(0);
    expect(proseHits.every((hit) => hit.passage.kind === 'prose')).toBe(true);
    store.close();
  });

  it('migrates a version 2 database: its passages become prose and tables can be stored', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    for (const migration of migrations.filter((m) => m.version <= 2)) old.exec(migration.sql);
    old.pragma('user_version = 2');
    old
      .prepare("INSERT INTO papers (id, work_id, source, external_id, title) VALUES ('p', 'p', 'local', 'p', 'Old')")
      .run();
    old
      .prepare(
        "INSERT INTO documents (paper_id, kind, content_hash, bytes, full_text) VALUES ('p', 'text', 'h', 5, 'Hello')",
      )
      .run();
    old
      .prepare(
        "INSERT INTO passages (document_id, paper_id, ordinal, char_start, char_end, text) VALUES (1, 'p', 0, 0, 5, 'Hello')",
      )
      .run();
    old.close();

    const store = openStore(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(listPassages(store, 'p')).toEqual([expect.objectContaining({ text: 'Hello', kind: 'prose' })]);
    expect(listTables(store, 'p')).toEqual([]);
    expect(searchPassages(store, 'hello', { kind: 'prose' })).toHaveLength(1);
    store.close();
  });
});
