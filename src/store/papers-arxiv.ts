import type { Store } from './db.ts';

/** What is already stored for one paper version: enough to answer "already added" without HTTP. */
export interface StoredVersion {
  paperId: string;
  title: string;
  version: number | null;
  kind: 'pdf' | 'html' | 'markdown' | 'text';
  pages: number | null;
  passages: number;
  origin: string | null;
}

/** The newest document of a paper, or null when the paper is not stored or has no full text. */
export function findStoredVersion(store: Store, paperId: string): StoredVersion | null {
  const row = store.db
    .prepare(
      `SELECT p.id AS paperId, p.title, p.version, d.kind, d.pages, d.origin,
              (SELECT COUNT(*) FROM passages s WHERE s.document_id = d.id) AS passages
       FROM papers p JOIN documents d ON d.paper_id = p.id
       WHERE p.id = ? ORDER BY d.id DESC LIMIT 1`,
    )
    .get(paperId) as StoredVersion | undefined;
  return row ?? null;
}
