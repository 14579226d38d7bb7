/**
 * The Postgres backend as open-store.ts registers it: it claims postgres:// and postgresql:// URLs and
 * loads the driver only when one is opened, so SQLite commands never pay for importing pg.
 */
import type { StoreBackend } from '../store.ts';

export const postgresBackend: StoreBackend = {
  dialect: 'postgres',
  matches: (url) => /^postgres(ql)?:\/\//i.test(url),
  open: async (url, options) => (await import('./postgres-store.ts')).openPostgresStore(url, options),
};
