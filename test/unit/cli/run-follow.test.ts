import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/open-store.ts';
import { makeTempDir, runLitmus } from '../../support/workspace.ts';

/** `litmus run <id> --follow`: waits while another process's run is running, then shows how it ended. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('litmus run <id>', () => {
  it('follows a running run to its end and exits 1 when it failed', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const db = join(dir, 'litmus.db');
    const store = await openStore(db);
    try {
      const id = await store.runs.start('report', ['why?'], {});
      // Another process finishes it a moment later.
      const finisher = new Promise<void>((resolve) =>
        setTimeout(async () => {
          await store.runs.finish(id, 'failed', { error: 'every search failed' });
          resolve();
        }, 300),
      );
      const followed = await runLitmus(['--json', '--db', db, 'run', String(id), '--follow', '--interval', '1']);
      await finisher;
      expect(followed.code).toBe(1);
      const shown = JSON.parse(followed.stdout);
      expect(shown).toMatchObject({
        id,
        command: 'report',
        status: 'failed',
        summary: { error: 'every search failed' },
      });
      expect(followed.stderr).toContain(`run #${id} (report) running since`);

      const missing = await runLitmus(['--db', db, 'run', '999']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no run #999');
    } finally {
      await store.close();
    }
  });
});
