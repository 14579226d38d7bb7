import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, runLitmus } from '../../support/workspace.ts';

/** `litmus worker` takes jobs from a Postgres store's queue; on SQLite there is no queue to take from. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('litmus worker', () => {
  it('refuses a SQLite store in one line that says what to set', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const result = await runLitmus(['--db', join(dir, 'litmus.db'), 'worker']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('litmus worker needs a Postgres store');
    expect(result.stderr).toContain('LITMUS_DATABASE_URL=postgres://');
  });
});
