import type { Db } from './db.ts';
import { identifiersOf } from '../../core/identifiers.ts';
import type { Paper, PaperIdentifiers } from '../../core/types.ts';

/**
 * Inserts or updates a paper's metadata (never its documents) and adds the identifiers it carries, as
 * ../papers.ts upsertPaper. Call inside `db.atomic` (two statements).
 */
export async function upsertPaperPostgres(db: Db, paper: Paper, sourcePath: string | null = null): Promise<void> {
  await db.rows(
    `INSERT INTO papers (id, work_id, source, external_id, version, title, authors_json, published, updated,
       categories_json, primary_category, licence, abstract, doi, journal_ref, comment, url, withdrawn, source_path)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (id) DO UPDATE SET
       title = excluded.title, authors_json = excluded.authors_json, published = excluded.published,
       updated = excluded.updated, categories_json = excluded.categories_json,
       primary_category = excluded.primary_category, licence = excluded.licence, abstract = excluded.abstract,
       doi = excluded.doi, journal_ref = excluded.journal_ref, comment = excluded.comment, url = excluded.url,
       withdrawn = excluded.withdrawn, source_path = COALESCE(excluded.source_path, papers.source_path)`,
    [
      paper.id,
      paper.workId,
      paper.source,
      paper.externalId,
      paper.version,
      paper.title,
      JSON.stringify(paper.authors),
      paper.published,
      paper.updated,
      JSON.stringify(paper.categories),
      paper.primaryCategory ?? null,
      paper.licence,
      paper.abstract,
      paper.doi ?? null,
      paper.journalRef ?? null,
      paper.comment ?? null,
      paper.url ?? null,
      paper.withdrawn ? 1 : 0,
      sourcePath,
    ],
  );
  const identifiers = Object.entries(identifiersOf(paper)).filter(([, value]) => value);
  if (identifiers.length > 0) {
    await db.rows(
      `INSERT INTO paper_identifiers (paper_id, scheme, value)
       SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [paper.id, identifiers.map(([scheme]) => scheme), identifiers.map(([, value]) => value)],
    );
  }
}

/** A paper with its stored identifiers attached (when it has any), as ../papers-identifiers.ts. */
export async function withIdentifiersPostgres(db: Db, paper: Paper): Promise<Paper> {
  const rows = await db.rows<{ scheme: string; value: string }>(
    'SELECT scheme, value FROM paper_identifiers WHERE paper_id = $1 ORDER BY scheme COLLATE "C"',
    [paper.id],
  );
  if (rows.length === 0) return paper;
  return { ...paper, identifiers: Object.fromEntries(rows.map((row) => [row.scheme, row.value])) as PaperIdentifiers };
}
