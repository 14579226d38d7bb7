import type { IdentifierScheme, Paper, PaperIdentifiers } from '../core/types.ts';
import type { Store } from './db.ts';

/** Adds a paper's identifiers (one value per scheme; a known scheme keeps its first value). */
export function savePaperIdentifiers(store: Store, paperId: string, identifiers: PaperIdentifiers): void {
  const insert = store.db.prepare(
    'INSERT INTO paper_identifiers (paper_id, scheme, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (const [scheme, value] of Object.entries(identifiers)) {
    if (value) insert.run(paperId, scheme, value);
  }
}

export function getPaperIdentifiers(store: Store, paperId: string): PaperIdentifiers {
  const rows = store.db
    .prepare('SELECT scheme, value FROM paper_identifiers WHERE paper_id = ? ORDER BY scheme')
    .all(paperId) as { scheme: IdentifierScheme; value: string }[];
  return Object.fromEntries(rows.map((row) => [row.scheme, row.value])) as PaperIdentifiers;
}

/** The stored paper known by this identifier (e.g. openalex W…), newest first; undefined when none. */
export function findPaperIdByIdentifier(store: Store, scheme: IdentifierScheme, value: string): string | undefined {
  const row = store.db
    .prepare(
      `SELECT i.paper_id FROM paper_identifiers i JOIN papers p ON p.id = i.paper_id
       WHERE i.scheme = ? AND lower(i.value) = lower(?) ORDER BY p.version DESC, p.added_at DESC LIMIT 1`,
    )
    .get(scheme, value) as { paper_id: string } | undefined;
  return row?.paper_id;
}

/** A paper with its stored identifiers attached (when it has any). */
export function withIdentifiers(store: Store, paper: Paper): Paper {
  const identifiers = getPaperIdentifiers(store, paper.id);
  return Object.keys(identifiers).length > 0 ? { ...paper, identifiers } : paper;
}
