import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { latestVersion } from '../../../src/store/migrations.ts';
import { openStore } from '../../../src/store/db.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('openStore', () => {
  const temps: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });
  const tempDb = () => {
    const { dir, cleanup } = makeTempDir();
    temps.push(cleanup);
    return join(dir, 'nested', 'litmus.db');
  };

  it('creates the database with WAL, foreign keys and the latest schema', () => {
    const path = tempDb();
    const store = openStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as { name: string }[]).map(
      (t) => t.name,
    );
    for (const table of ['papers', 'documents', 'passages', 'passages_fts', 'claims', 'evidence', 'verdicts', 'runs', 'http_cache', 'llm_cache', 'experiments']) {
      expect(tables).toContain(table);
    }
    store.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const path = tempDb();
    openStore(path).close();
    const store = openStore(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    store.close();
  });

  it('refuses a database written by a newer litmus and leaves it untouched', () => {
    const path = tempDb();
    const store = openStore(path);
    store.db.pragma(`user_version = ${latestVersion + 5}`);
    store.close();
    let error: unknown;
    try {
      openStore(path);
    } catch (caught) {
      error = caught;
    }
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).code).toBe('E_DB_TOO_NEW');
    expect((error as LitmusError).exitCode).toBe(2);
    // The header's user_version (offset 60, big-endian) still says what the newer litmus wrote.
    expect(readFileSync(path).readUInt32BE(60)).toBe(latestVersion + 5);
    expect(() => openStore(path)).toThrowError(/newer than this litmus understands/);
  });

  it('gives a clear error for a file that is not a database', () => {
    const path = tempDb();
    openStore(path).close();
    writeFileSync(path, 'this is not sqlite at all, just some text that is long enough');
    expect(() => openStore(path)).toThrowError(/not a SQLite file/);
  });
});
