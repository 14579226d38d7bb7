import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data.ts';
import { cleanEnv, makeTempDir, runLitmus } from '../support/workspace.ts';

describe('a WAL database on a really read-only mount', () => {
  it('is read by papers, search and the index read (opened immutable, no -shm needed); add says it is read-only', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const db = join(dir, 'litmus.db');
      const paper = join(dir, 'paper.md');
      writeFileSync(paper, '# Mounted Paper\n\n## Results\n\nThe mounted model reaches 55.5% accuracy.\n');
      expect((await runLitmus(['--db', db, 'add', paper])).code).toBe(0);
      expect(existsSync(`${db}-shm`)).toBe(false);
      const before = readFileSync(db);
      // A private mount namespace with the folder bound read-only: EROFS even for root.
      const probe = `${join(repoRoot, 'node_modules/.bin/tsx')} ${join(repoRoot, 'test/support/read-only-mount-probe.ts')}`;
      const script = `mount --bind ${dir} ${dir} && mount -o remount,ro,bind ${dir} && exec ${probe} ${db} ${paper}`;
      const out = execFileSync('unshare', ['-m', 'sh', '-c', script], {
        env: cleanEnv() as NodeJS.ProcessEnv,
        encoding: 'utf8',
      });
      const { papers, search, add, postings } = JSON.parse(out) as Record<
        string,
        { code: number; stdout: string; stderr: string }
      > & { postings: number | null };
      expect(papers).toMatchObject({ code: 0, stdout: expect.stringContaining('"title": "Mounted Paper"') });
      expect(search).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('The mounted model reaches 55.5% accuracy.'),
      });
      expect(postings).toBe(1);
      expect(add!.code).toBe(2);
      expect(add!.stderr).toContain(`error: database ${db} cannot be written`);
      expect(readFileSync(db).equals(before)).toBe(true);
    } finally {
      cleanup();
    }
  }, 30_000);
});
