import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/store/migrations.ts';
import { postgresMigrations } from '../../../src/store/postgres/migrations.ts';

/** Every SQLite migration has its Postgres twin under the same version and name, and no more. */
describe('postgres migrations', () => {
  it('mirror the SQLite migrations one for one', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
  });
});
