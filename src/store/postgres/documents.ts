import type { Db } from './db.ts';
import type { NewDocument } from '../documents.ts';

/**
 * Writes a document with its pages, sections, passages and results tables, each kind of row in one
 * multi-row INSERT … SELECT FROM unnest(…) (a thousand passages are one round trip, not a thousand).
 * Call inside the transaction that writes the paper row. Passage text is sliced from the full text here,
 * as in the SQLite store, so it can never drift from the source of truth.
 */
export async function insertDocumentPostgres(db: Db, doc: NewDocument): Promise<number> {
  const pages = doc.parsed.pages.length > 0 ? doc.parsed.pages.length : null;
  const rows = await db.rows<{ id: number }>(
    `INSERT INTO documents (paper_id, kind, content_hash, bytes, pages, full_text, origin, warnings_json, language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      doc.paperId,
      doc.kind,
      doc.contentHash,
      doc.bytes,
      pages,
      doc.parsed.fullText,
      doc.origin,
      JSON.stringify(doc.parsed.warnings),
      doc.parsed.language ?? null,
    ],
  );
  const documentId = rows[0]!.id;
  if (doc.parsed.pages.length > 0) {
    await db.rows(
      `INSERT INTO pages (document_id, page, char_start, char_end)
       SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[])`,
      [
        documentId,
        doc.parsed.pages.map((p) => p.page),
        doc.parsed.pages.map((p) => p.start),
        doc.parsed.pages.map((p) => p.end),
      ],
    );
  }
  if (doc.parsed.sections.length > 0) {
    await db.rows(
      `INSERT INTO sections (document_id, ordinal, path_json, char_start, char_end)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::int[])`,
      [
        documentId,
        doc.parsed.sections.map((_, ordinal) => ordinal),
        doc.parsed.sections.map((s) => JSON.stringify(s.path)),
        doc.parsed.sections.map((s) => s.start),
        doc.parsed.sections.map((s) => s.end),
      ],
    );
  }
  if (doc.passages.length > 0) {
    const text = doc.parsed.fullText;
    await db.rows(
      `INSERT INTO passages (document_id, paper_id, ordinal, section_json, page, char_start, char_end, text, kind)
       SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[])
       ORDER BY 3`,
      [
        documentId,
        doc.paperId,
        doc.passages.map((p) => p.ordinal),
        doc.passages.map((p) => JSON.stringify(p.sectionPath)),
        doc.passages.map((p) => p.page),
        doc.passages.map((p) => p.charStart),
        doc.passages.map((p) => p.charEnd),
        doc.passages.map((p) => text.slice(p.charStart, p.charEnd)),
        doc.passages.map((p) => p.kind ?? 'prose'),
      ],
    );
  }
  const tables = doc.parsed.resultTables ?? [];
  if (tables.length > 0) {
    await db.rows(
      `INSERT INTO result_tables (document_id, paper_id, ordinal, label, caption, page, char_start, char_end, source,
         row_header_columns, grid_json)
       SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::text[],
         $10::int[], $11::text[])`,
      [
        documentId,
        doc.paperId,
        tables.map((t) => t.ordinal),
        tables.map((t) => t.label),
        tables.map((t) => t.caption),
        tables.map((t) => t.page),
        tables.map((t) => t.charStart),
        tables.map((t) => t.charEnd),
        tables.map((t) => t.source),
        tables.map((t) => t.rowHeaderColumns),
        tables.map((t) => JSON.stringify({ columnHeaders: t.columnHeaders, rows: t.rows })),
      ],
    );
  }
  return documentId;
}
