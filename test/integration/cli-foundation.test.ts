import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'papers');

describe('litmus add / papers / show / text / search', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir());
    db = join(dir, 'litmus.db');
  });
  afterAll(() => cleanup());

  it('adds Markdown and text files and reports each as JSON', async () => {
    const result = await runLitmus(['--db', db, 'add', fixtures, '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { path: string; paper_id: string; title: string; passages: number; status: string }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('added');
      expect(row.passages).toBeGreaterThan(0);
      expect(row.paper_id).toMatch(/^local:/);
    }
    expect(rows.map((r) => r.title).sort()).toEqual([
      'Intermediate-Task Training for Multilingual Code Generation',
      'Notes on Sepsis Prediction',
    ]);
  });

  it('treats the same content as unchanged on a second add', async () => {
    const result = await runLitmus(['--db', db, '--json', 'add', join(fixtures, 'plain-notes.txt')]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].status).toBe('unchanged');
  });

  it('lists, shows and prints papers', async () => {
    const papers = JSON.parse((await runLitmus(['--db', db, 'papers', '--json'])).stdout) as { id: string }[];
    expect(papers).toHaveLength(2);
    const id = papers.find((p) => p.id.includes('intermediate'))!.id;
    const shown = JSON.parse((await runLitmus(['--db', db, 'show', id, '--json'])).stdout);
    expect(shown.outline).toEqual(expect.arrayContaining([expect.stringContaining('Results')]));
    expect(shown.counts.passages).toBeGreaterThan(0);
    const text = await runLitmus(['--db', db, 'text', id]);
    expect(text.stdout).toContain('CodeBridge reaches a pass@1 of 31.2% on HumanEval-X C++');
  });

  it('searches with BM25 and survives hostile query text', async () => {
    const result = await runLitmus(['--db', db, 'search', 'HumanEval-X C++ pass@1', '--json', '--limit', '3']);
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as { paper_id: string; title: string; snippet: string; score: number }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.title).toContain('Intermediate-Task');
    expect(hits[0]!.snippet).not.toMatch(/[\u0002\u0003]/);
    for (const text of ['"', 'AND OR NOT', 'NEAR(', '*:^', "'; DROP TABLE papers"]) {
      expect((await runLitmus(['--db', db, 'search', text])).code).toBe(0);
    }
  });

  it('exits 2 with one line for a missing path and an unknown paper', async () => {
    const missing = await runLitmus(['--db', db, 'add', join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nope.pdf');
    const unknown = await runLitmus(['--db', db, 'show', 'local:nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no paper local:nope.*litmus papers/);
  });

  it('refuses a file over --max-bytes before parsing, exit 1, and keeps the batch going', async () => {
    const batch = join(dir, 'batch');
    mkdirSync(batch);
    copyFileSync(join(fixtures, 'plain-notes.txt'), join(batch, 'a-notes.txt'));
    writeFileSync(join(batch, 'b-big.txt'), 'word '.repeat(2000));
    writeFileSync(join(batch, 'c-more.md'), '# More\n\nA second short paper about something else entirely.\n');
    const result = await runLitmus(['--db', join(dir, 'other.db'), '--json', 'add', batch, '--max-bytes', '5000']);
    expect(result.code).toBe(1);
    const rows = JSON.parse(result.stdout) as { path: string; status: string; error?: string }[];
    expect(rows.map((r) => r.status)).toEqual(['added', 'failed', 'added']);
    expect(rows[1]!.error).toMatch(/b-big\.txt.*over the .* limit/);
  });

  it('reports bad usage with exit code 2 and prints help and version', async () => {
    expect((await runLitmus(['--db', db, 'search'])).code).toBe(2);
    expect((await runLitmus(['--db', db, 'search', 'x', '--limit', 'many'])).code).toBe(2);
    const help = await runLitmus(['add', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    const version = await runLitmus(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reads a real PDF with the page count pdfinfo reports', async () => {
    const pdf = sharedData('pdfs', '2304.02623v1.pdf');
    const result = await runLitmus(['--db', db, '--json', 'add', pdf]);
    expect(result.code).toBe(0);
    const [row] = JSON.parse(result.stdout) as { pages: number; status: string }[];
    expect(row!.status).toBe('added');
    expect(row!.pages).toBe(4);
    const pageText = await runLitmus(['--db', db, 'text', (JSON.parse(result.stdout)[0] as { paper_id: string }).paper_id, '--page', '2']);
    expect(pageText.code).toBe(0);
    expect(pageText.stdout.length).toBeGreaterThan(500);
  });
});
