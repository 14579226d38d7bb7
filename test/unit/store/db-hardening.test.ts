import { chmodSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { openStore, readHeader } from '../../../src/store/db.ts';
import { latestVersion } from '../../../src/store/migrations.ts';
import { listPapers } from '../../../src/store/papers.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { runLitmus } from '../../support/workspace.ts';

function thrown(fn: () => unknown): LitmusError {
  try {
    fn();
  } catch (error) {
    if (LitmusError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a LitmusError');
}

describe('openStore on odd databases', () => {
  const temps: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });
  const tempDir = () => {
    const { dir, cleanup } = makeTempDir();
    temps.push(() => {
      chmodSync(dir, 0o755);
      cleanup();
    });
    return dir;
  };

  it('opens a database of 2.5 GiB, reading only its header', () => {
    const path = join(tempDir(), 'big.db');
    openStore(path).close();
    // A sparse tail: SQLite ignores pages past the header's page count; reading the file whole would fail.
    truncateSync(path, 2.5 * 1024 ** 3);
    expect(statSync(path).size).toBeGreaterThan(2 ** 31);
    expect(() => readFileSync(path)).toThrow();
    expect(readHeader(path).length).toBe(100);
    const store = openStore(path);
    expect(listPapers(store)).toEqual([]);
    store.close();
  });

  it('refuses a newer database before changing a single byte (no switch to WAL)', () => {
    const path = join(tempDir(), 'newer.db');
    const store = openStore(path);
    store.db.pragma('journal_mode = DELETE');
    store.db.pragma(`user_version = ${latestVersion + 3}`);
    store.close();
    const before = readFileSync(path);
    expect(before[18]).toBe(1); // rollback journal, not WAL (2)
    const error = thrown(() => openStore(path));
    expect(error.code).toBe('E_DB_TOO_NEW');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(thrown(() => openStore(path, { onlyReads: true })).code).toBe('E_DB_TOO_NEW');
  });

  it('turns "database or disk is full" into a line naming the file and what to free', () => {
    const path = join(tempDir(), 'full.db');
    const store = openStore(path);
    store.db.exec('CREATE TABLE filler (x BLOB)');
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 2}`);
    const error = thrown(() =>
      store.transaction(() => store.db.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(1_000_000))),
    );
    store.close();
    expect(error.code).toBe('E_DISK_FULL');
    expect(error.toLine()).toContain(path);
    expect(error.toLine()).toMatch(/free space/);
  });
});

describe('a database in a read-only place', () => {
  it('says the folder is read-only when a new database cannot be created there', () => {
    const { dir, cleanup } = makeTempDir();
    chmodSync(dir, 0o555);
    try {
      const error = thrown(() => openStore(join(dir, 'new.db')));
      expect(error.code).toBe('E_DB_READONLY');
      expect(error.message).toContain(`its folder ${dir} is read-only`);
    } finally {
      chmodSync(dir, 0o755);
      cleanup();
    }
  });

  const temps: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  async function readOnlyDatabase(lock: 'file' | 'folder') {
    const { dir, cleanup } = makeTempDir();
    const dbDir = join(dir, 'db');
    const db = join(dbDir, 'litmus.db');
    const paper = join(dir, 'paper.md');
    writeFileSync(paper, '# A Paper\n\n## Results\n\nThe model reaches 41.2% accuracy on the test set.\n');
    expect((await runLitmus(['--db', db, 'add', paper])).code).toBe(0);
    // Tests run as root, who may write anyway: the mode bits are what litmus goes by.
    if (lock === 'file') chmodSync(db, 0o444);
    else chmodSync(dbDir, 0o555);
    temps.push(() => {
      chmodSync(dbDir, 0o755);
      chmodSync(db, 0o644);
      cleanup();
    });
    return { db, paper, bytes: readFileSync(db) };
  }

  for (const lock of ['file', 'folder'] as const) {
    it(`reads (papers, search, show, text) and refuses writes by name when the ${lock} is read-only`, async () => {
      const { db, paper, bytes } = await readOnlyDatabase(lock);
      const papers = await runLitmus(['--db', db, '--json', 'papers']);
      expect(papers.code).toBe(0);
      const [row] = JSON.parse(papers.stdout) as { id: string }[];
      expect((await runLitmus(['--db', db, 'search', 'accuracy'])).stdout).toContain('41.2%');
      expect((await runLitmus(['--db', db, 'show', row!.id])).code).toBe(0);
      expect((await runLitmus(['--db', db, 'text', row!.id])).stdout).toContain('41.2%');

      writeFileSync(paper, '# Another Paper\n\nNew text.\n');
      const add = await runLitmus(['--db', db, 'add', paper]);
      expect(add.code).toBe(2);
      expect(add.stderr).toContain(`database ${db} cannot be written`);
      expect(add.stderr).toMatch(/read-only/);
      expect(add.stderr).not.toMatch(/backup/);
      expect(readFileSync(db).equals(bytes)).toBe(true);
    });
  }
});
