import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/pipeline/add-files.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus, spawnLitmus } from '../support/workspace.ts';

describe('litmus add under bad input and a killed process', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir());
  });
  afterAll(() => cleanup());

  it('ingests or cleanly fails every odd PDF, and the batch goes on', async () => {
    const db = join(dir, 'odd.db');
    const oddDir = sharedData('pdfs-odd');
    const pdfs = readdirSync(oddDir).filter((f) => f.endsWith('.pdf'));
    const result = await runLitmus(['--db', db, '--json', '--quiet', 'add', oddDir]);
    const rows = JSON.parse(result.stdout) as { path: string; status: string; error?: string; code?: string }[];
    // Every PDF (the README and ground-truth Markdown beside them are ingested as text).
    expect(rows.length).toBe(expandInputs([oddDir]).length);
    const pdfRows = rows.filter((r) => r.path.endsWith('.pdf'));
    expect(pdfRows).toHaveLength(pdfs.length);
    const failed = rows.filter((r) => r.status === 'failed');
    expect(result.code).toBe(failed.length > 0 ? 1 : 0);
    for (const row of failed) {
      const file = row.path.split('/').pop()!;
      expect(row.error, row.path).toContain(file);
      expect(row.error!.includes('\n'), row.path).toBe(false);
      expect(row.code).toMatch(/^E_PDF_(ENCRYPTED|NO_TEXT|DAMAGED)$/);
    }
    // The encrypted file with a user password can't be read; the real two-column paper can.
    expect(rows.find((r) => r.path.endsWith('pdfjs_issue6010_1.pdf'))!.code).toBe('E_PDF_ENCRYPTED');
    expect(rows.find((r) => r.path.endsWith('pdfjs_tracemonkey.pdf'))!.status).toBe('added');
    // A rerun skips recorded failures without re-parsing, and says how to retry.
    const rerun = await runLitmus(['--db', db, '--json', '--quiet', 'add', oddDir]);
    const again = JSON.parse(rerun.stdout) as { status: string; error?: string }[];
    expect(again.filter((r) => r.status === 'failed').every((r) => r.error!.includes('--retry-failed'))).toBe(true);
    expect(again.filter((r) => r.status === 'added')).toHaveLength(0);
  });

  it('leaves no half-ingested paper after SIGKILL, and a rerun completes the set', async () => {
    const db = join(dir, 'killed.db');
    const pdfDir = sharedData('pdfs');
    const total = expandInputs([pdfDir]).length;
    const { child, done } = spawnLitmus(['--db', db, 'add', pdfDir]);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (chunk) => {
        seen += chunk;
        // Kill while the third file is being parsed: two committed, one in flight.
        if (/add 2\//.test(seen)) {
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 150);
        }
      });
    });
    const killed = await done;
    expect(killed.code).not.toBe(0);

    const store = openSqliteStore(db);
    const partial = store.db.prepare('SELECT COUNT(*) AS n FROM papers').get() as { n: number };
    const orphans = store.db
      .prepare('SELECT COUNT(*) AS n FROM papers p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.paper_id = p.id)')
      .get() as { n: number };
    await store.close();
    expect(partial.n).toBeGreaterThanOrEqual(2);
    expect(partial.n).toBeLessThan(total);
    expect(orphans.n).toBe(0);

    const rerun = await runLitmus(['--db', db, '--json', '--quiet', 'add', pdfDir]);
    expect(rerun.code).toBe(0);
    const rows = JSON.parse(rerun.stdout) as { status: string }[];
    expect(rows.filter((r) => r.status === 'unchanged').length).toBe(partial.n);
    expect(rows.filter((r) => r.status === 'added').length).toBe(total - partial.n);

    const after = openSqliteStore(db);
    const counts = after.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM papers) AS papers, (SELECT COUNT(*) FROM documents) AS documents,
                (SELECT COUNT(*) FROM passages) AS passages,
                (SELECT COUNT(*) FROM (SELECT DISTINCT document_id, ordinal FROM passages)) AS distinct_passages,
                (SELECT COUNT(*) FROM passages_fts) AS fts_rows`,
      )
      .get() as Record<string, number>;
    after.close();
    expect(counts.papers).toBe(total);
    expect(counts.documents).toBe(total);
    expect(counts.passages).toBe(counts.distinct_passages);
    expect(counts.fts_rows).toBe(counts.passages);
  });
});
