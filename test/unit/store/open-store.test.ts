import { afterEach, describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { absoluteDatabaseLocation, isDatabaseUrl } from '../../../src/store/database-url.ts';
import { openStore, redactUrl, registerStoreBackend } from '../../../src/store/open-store.ts';
import type { Store, StoreBackend } from '../../../src/store/store.ts';

describe('openStore(url)', () => {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('opens a SQLite path (or :memory:) by default', async () => {
    const store = await openStore(':memory:');
    opened.push(store);
    expect(store.dialect).toBe('sqlite');
    expect(store.location).toBe(':memory:');
    await store.papers.upsert({
      id: 'local:a',
      workId: 'local:a',
      source: 'local',
      externalId: 'a.pdf',
      version: null,
      title: 'A',
      authors: [],
      published: null,
      updated: null,
      categories: [],
      licence: null,
      abstract: null,
    });
    expect(await store.papers.exists('local:a')).toBe(true);
  });

  it('says in one line that a URL has no backend, without its password', async () => {
    const error = await openStore('mysql://litmus:s3cret@db.example.org/litmus').catch((e: unknown) => e);
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).code).toBe('E_DB_URL');
    expect((error as LitmusError).exitCode).toBe(2);
    expect((error as LitmusError).message).toContain('mysql://litmus:***@db.example.org/litmus');
    expect((error as LitmusError).message).not.toContain('s3cret');
  });

  it('hands a URL to the backend registered for it', async () => {
    const asked: string[] = [];
    const memory = await openStore(':memory:');
    opened.push(memory);
    const backend: StoreBackend = {
      dialect: 'postgres',
      matches: (url) => url.startsWith('test-backend://'),
      open: async (url) => {
        asked.push(url);
        return memory;
      },
    };
    registerStoreBackend(backend);
    expect(await openStore('test-backend://x')).toBe(memory);
    expect(asked).toEqual(['test-backend://x']);
  });

  it('redacts only the password of a URL', () => {
    expect(redactUrl('postgres://u:p@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redactUrl('postgres://h/d')).toBe('postgres://h/d');
    expect(redactUrl('corpus/litmus.db')).toBe('corpus/litmus.db');
  });

  it('tells a server URL from a SQLite path, and makes only a path absolute for child processes', () => {
    expect(isDatabaseUrl('postgres://u@h/d')).toBe(true);
    expect(isDatabaseUrl('postgresql://h/d')).toBe(true);
    expect(isDatabaseUrl('corpus/litmus.db')).toBe(false);
    expect(isDatabaseUrl('file:///tmp/x.db')).toBe(false);
    expect(absoluteDatabaseLocation('postgres://u@h/d')).toBe('postgres://u@h/d');
    expect(absoluteDatabaseLocation(':memory:')).toBe(':memory:');
    expect(absoluteDatabaseLocation('corpus/litmus.db')).toBe(`${process.cwd()}/corpus/litmus.db`);
  });
});
