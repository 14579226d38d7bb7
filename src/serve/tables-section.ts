import type { Store } from '../store/db.ts';

/**
 * TABLES PLACEHOLDER: results tables of a paper for its page. The store's `listTables` (helper
 * "tables", src/store/tables.ts) has not landed on main yet; when it does, render its tables here
 * (escaped, one <table> per stored table with its caption). Until then the page says none are stored.
 */
export function tablesSection(_store: Store, _paperId: string): string | null {
  return null;
}
