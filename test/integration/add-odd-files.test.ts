import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

interface Row {
  path: string;
  status: string;
  error?: string;
  code?: string;
  paper_id: string | null;
  symlink_target?: string;
  warnings?: string[];
}

const paper = (title: string, body: string) => `# ${title}\n\n## Results\n\n${body}\n`;

describe('litmus add with hostile or odd files', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir());
    db = join(dir, 'litmus.db');
  });
  afterAll(() => cleanup());

  const add = async (...paths: string[]) => {
    const result = await runLitmus(['--db', db, '--json', 'add', ...paths]);
    return { ...result, rows: JSON.parse(result.stdout || '[]') as Row[] };
  };

  it('refuses a FIFO and a symlink to /dev/zero at once instead of hanging', async () => {
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const zero = join(dir, 'zero.md');
    symlinkSync('/dev/zero', zero);
    const { code, rows } = await add(fifo, zero);
    expect(code).toBe(1);
    expect(rows.map((r) => [r.status, r.code])).toEqual([
      ['failed', 'E_NOT_REGULAR'],
      ['failed', 'E_NOT_REGULAR'],
    ]);
    expect(rows[0]!.error).toContain('pipe.md is a FIFO (named pipe); only regular files are read');
    expect(rows[1]!.error).toContain('zero.md links to /dev/zero, a device');
  });

  it('follows symlinks to regular files, inside directories too, and says so', async () => {
    const outside = join(dir, 'outside');
    const folder = join(dir, 'folder');
    mkdirSync(outside);
    mkdirSync(folder);
    writeFileSync(join(outside, 'real.md'), paper('Linked Paper', 'The linked model reaches 77.7% accuracy.'));
    symlinkSync(join(outside, 'real.md'), join(folder, 'link.md'));
    writeFileSync(join(folder, 'plain.md'), paper('Plain Paper', 'The plain model reaches 12.5% accuracy.'));
    const { rows } = await add(folder);
    expect(rows.map((r) => [r.path.split('/').pop(), r.status])).toEqual([
      ['link.md', 'added'],
      ['plain.md', 'added'],
    ]);
    expect(rows[0]!.symlink_target).toBe(join(outside, 'real.md'));
    writeFileSync(join(outside, 'two.md'), paper('Second Linked Paper', 'It reaches 88.8% accuracy.'));
    symlinkSync(join(outside, 'two.md'), join(dir, 'two-link.md'));
    const human = await runLitmus(['--db', db, 'add', join(dir, 'two-link.md')]);
    expect(human.stdout).toContain(`is a symlink to ${join(outside, 'two.md')}, followed`);
  });

  it('refuses random bytes named .html or .md as binary', async () => {
    writeFileSync(join(dir, 'noise.html'), randomBytes(30_000));
    writeFileSync(join(dir, 'noise.md'), randomBytes(30_000));
    const { rows } = await add(join(dir, 'noise.html'), join(dir, 'noise.md'));
    for (const row of rows) {
      expect(row.code).toBe('E_BINARY');
      expect(row.error).toMatch(/noise\.(html|md) looks like binary data, not text/);
    }
  });

  it('stores Latin-1 and UTF-16 Markdown as the right text, with a warning when the encoding was guessed', async () => {
    const body = 'La précision atteint 41,2 % sur l’ensemble de test.'.replace('’', "'");
    writeFileSync(join(dir, 'latin.md'), Buffer.from(paper('Résumé Latin', body), 'latin1'));
    writeFileSync(
      join(dir, 'utf16.md'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(paper('Résumé Seize', body), 'utf16le')]),
    );
    const { rows } = await add(join(dir, 'latin.md'), join(dir, 'utf16.md'));
    for (const row of rows) {
      expect(row.status).toBe('added');
      const text = await runLitmus(['--db', db, 'text', row.paper_id!]);
      expect(text.stdout).toContain(body);
      expect(text.stdout).not.toMatch(/[\u0000\uFFFD]/);
    }
    const latin = JSON.parse((await runLitmus(['--db', db, '--json', 'show', rows[0]!.paper_id!])).stdout);
    expect(latin.title).toBe('Résumé Latin');
    expect(latin.document.warnings.join(' ')).toMatch(/not UTF-8 .* read as .* \(a guess/);
    expect(rows[0]!.warnings?.join(' ')).toMatch(/latin\.md: not UTF-8/);
    const again = await runLitmus(['--db', db, 'add', '--retry-failed', join(dir, 'latin.md')]);
    expect(again.stdout).toContain('unchanged');
    writeFileSync(join(dir, 'latin2.md'), Buffer.from(paper('Autre Résumé', body), 'latin1'));
    expect((await runLitmus(['--db', db, 'add', join(dir, 'latin2.md')])).stderr).toMatch(
      /warning: .*latin2\.md: not UTF-8 and no declared charset; read as/,
    );
    const utf16 = JSON.parse((await runLitmus(['--db', db, '--json', 'show', rows[1]!.paper_id!])).stdout);
    expect(utf16.document.warnings.join(' ')).not.toMatch(/a guess/);
  });

  it('reads a Markdown file that mentions %PDF- near its start as Markdown', async () => {
    writeFileSync(
      join(dir, 'about-pdf.md'),
      paper('About PDF Files', 'Every PDF starts with %PDF-1.7 as its first bytes.'),
    );
    const { rows } = await add(join(dir, 'about-pdf.md'));
    expect(rows[0]!.status).toBe('added');
    const text = await runLitmus(['--db', db, 'text', rows[0]!.paper_id!]);
    expect(text.stdout).toContain('Every PDF starts with %PDF-1.7 as its first bytes.');
  });
});
