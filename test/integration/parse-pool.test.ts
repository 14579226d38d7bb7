import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LitmusError } from '../../src/core/errors.ts';
import { finishDocument, ingestDocument } from '../../src/ingest/ingest-document.ts';
import { addFiles } from '../../src/pipeline/add-files.ts';
import { createParseAhead, createParsePool, type ParsePool, unwrapOutcome } from '../../src/pipeline/parse-pool.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { buildPdf } from '../fixtures/pdf/build-pdf.ts';
import { makeTempDir } from '../support/workspace.ts';

const pdf = buildPdf({
  title: 'Pooled Parsing',
  pages: [['Pooled Parsing of Papers', 'Workers parse while the main thread writes.'], ['A second page of text.']],
});

describe('parse pool (worker threads running the TypeScript sources through tsx)', () => {
  let pool: ParsePool;
  beforeAll(async () => {
    pool = await createParsePool(2);
  });
  afterAll(() => pool.close());

  it('parses a PDF in a worker exactly as in this thread', async () => {
    const inWorker = await finishDocument(unwrapOutcome(await pool.parse({ name: 'p.pdf', bytes: pdf, kind: 'pdf' })));
    const here = await ingestDocument({ name: 'p.pdf', bytes: pdf, kind: 'pdf' });
    expect(inWorker).toEqual(here);
    expect(inWorker.parsed.fullText).toContain('Workers parse while the main thread writes.');
    expect(inWorker.passages.length).toBeGreaterThan(0);
  });

  it('keeps a LitmusError code and hint across the thread boundary', async () => {
    const outcome = await pool.parse({ name: 'blank.txt', bytes: new TextEncoder().encode('   \n'), kind: 'text' });
    expect(outcome.ok).toBe(false);
    let caught: unknown;
    try {
      unwrapOutcome(outcome);
    } catch (error) {
      caught = error;
    }
    expect(LitmusError.isInstance(caught)).toBe(true);
    expect((caught as LitmusError).code).toBe('E_EMPTY_DOCUMENT');
    expect((caught as LitmusError).hint).toMatch(/\S/); // the hint crossed too
  });
});

describe('addFiles with several files', () => {
  it('parses ahead in the pool, writes in input order, and skips stored content without parsing', async () => {
    const { dir, cleanup } = makeTempDir('pool-add');
    for (const name of ['a', 'b', 'c']) {
      writeFileSync(join(dir, `${name}.pdf`), buildPdf({ pages: [[`Paper ${name} title line`, `Body of ${name}.`]] }));
    }
    writeFileSync(join(dir, 'd.txt'), '  \n');
    const store = openSqliteStore(join(dir, 'x.db'));
    try {
      const results = await addFiles(store, [dir], { maxBytes: 1 << 20 });
      expect(results.map((r) => [r.path.split('/').pop(), r.status])).toEqual([
        ['a.pdf', 'added'],
        ['b.pdf', 'added'],
        ['c.pdf', 'added'],
        ['d.txt', 'failed'],
      ]);
      expect(results[3]!.code).toBe('E_EMPTY_DOCUMENT');
      expect((await store.passages.list(results[1]!.paper_id!))[0]!.text).toContain('Paper b title line');
      const ahead = createParseAhead(store, { maxBytes: 1 << 20, threads: 1 });
      ahead.prefetch([join(dir, 'a.pdf'), join(dir, 'b.pdf')]); // stored already: nothing started, no pool
      await ahead.close();
      const again = await addFiles(store, [dir], { maxBytes: 1 << 20 });
      expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'failed']);
    } finally {
      await store.close();
      cleanup();
    }
  });
});
