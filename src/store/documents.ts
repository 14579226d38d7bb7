import type {
  DocumentKind,
  PageSpan,
  ParsedDocument,
  Passage,
  PassageDraft,
  PassageKind,
  SectionSpan,
} from '../core/types.ts';
import type { Store } from './db.ts';
import { insertTables } from './tables.ts';

export interface NewDocument {
  paperId: string;
  kind: DocumentKind;
  contentHash: string;
  bytes: number;
  origin: string;
  parsed: ParsedDocument;
  passages: PassageDraft[];
}

export interface StoredDocument {
  id: number;
  paperId: string;
  kind: DocumentKind;
  contentHash: string;
  bytes: number;
  pages: number | null;
  origin: string | null;
  fullText: string;
  pageSpans: PageSpan[];
  sections: SectionSpan[];
  warnings: string[];
  /** ISO 639-1, detected at ingest; null for documents stored before litmus recorded it. */
  language: string | null;
}

/**
 * Writes a document, its pages, sections, passages and results tables. Call inside `store.transaction` together with
 * the paper row, so a killed process never leaves half a paper. Passage text is sliced from the
 * full text here — the one place it is derived — so it can never drift from the source of truth.
 */
export function insertDocument(store: Store, doc: NewDocument): number {
  const { db } = store;
  const pages = doc.parsed.pages.length > 0 ? doc.parsed.pages.length : null;
  const info = db
    .prepare(
      `INSERT INTO documents (paper_id, kind, content_hash, bytes, pages, full_text, origin, warnings_json, language)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      doc.paperId,
      doc.kind,
      doc.contentHash,
      doc.bytes,
      pages,
      doc.parsed.fullText,
      doc.origin,
      JSON.stringify(doc.parsed.warnings),
      doc.parsed.language ?? null,
    );
  const documentId = Number(info.lastInsertRowid);
  const insertPage = db.prepare('INSERT INTO pages (document_id, page, char_start, char_end) VALUES (?, ?, ?, ?)');
  for (const page of doc.parsed.pages) insertPage.run(documentId, page.page, page.start, page.end);
  const insertSection = db.prepare(
    'INSERT INTO sections (document_id, ordinal, path_json, char_start, char_end) VALUES (?, ?, ?, ?, ?)',
  );
  doc.parsed.sections.forEach((section, ordinal) => {
    insertSection.run(documentId, ordinal, JSON.stringify(section.path), section.start, section.end);
  });
  const insertPassage = db.prepare(
    `INSERT INTO passages (document_id, paper_id, ordinal, section_json, page, char_start, char_end, text, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const passage of doc.passages) {
    insertPassage.run(
      documentId,
      doc.paperId,
      passage.ordinal,
      JSON.stringify(passage.sectionPath),
      passage.page,
      passage.charStart,
      passage.charEnd,
      doc.parsed.fullText.slice(passage.charStart, passage.charEnd),
      passage.kind ?? 'prose',
    );
  }
  insertTables(store, documentId, doc.paperId, doc.parsed.resultTables ?? []);
  return documentId;
}

/** Removes a paper's documents (and through cascades their passages) before a new text replaces them. */
export function deleteDocumentsOfPaper(store: Store, paperId: string): void {
  store.db.prepare('DELETE FROM documents WHERE paper_id = ?').run(paperId);
}

export function findDocumentByHash(store: Store, contentHash: string): { id: number; paperId: string } | undefined {
  const row = store.db
    .prepare('SELECT id, paper_id FROM documents WHERE content_hash = ? ORDER BY id DESC LIMIT 1')
    .get(contentHash) as { id: number; paper_id: string } | undefined;
  return row ? { id: row.id, paperId: row.paper_id } : undefined;
}

export interface DocumentRow {
  id: number;
  paper_id: string;
  kind: DocumentKind;
  content_hash: string;
  bytes: number;
  pages: number | null;
  origin: string | null;
  full_text: string;
  warnings_json: string;
  language: string | null;
}

/** The newest document of a paper: the text every quote about that paper must come from. */
export function getLatestDocument(store: Store, paperId: string): StoredDocument | undefined {
  const row = store.db.prepare('SELECT * FROM documents WHERE paper_id = ? ORDER BY id DESC LIMIT 1').get(paperId) as
    | DocumentRow
    | undefined;
  if (!row) return undefined;
  const pages = store.db
    .prepare('SELECT page, char_start, char_end FROM pages WHERE document_id = ? ORDER BY page')
    .all(row.id) as PageRow[];
  const sections = store.db
    .prepare('SELECT path_json, char_start, char_end FROM sections WHERE document_id = ? ORDER BY ordinal')
    .all(row.id) as SectionRow[];
  return rowToDocument(row, pages, sections);
}

export type PageRow = { page: number; char_start: number; char_end: number };
export type SectionRow = { path_json: string; char_start: number; char_end: number };

/** A document from its rows (both backends read the same columns). */
export function rowToDocument(row: DocumentRow, pages: PageRow[], sectionRows: SectionRow[]): StoredDocument {
  const pageSpans = pages.map((p) => ({ page: p.page, start: p.char_start, end: p.char_end }));
  const sections = sectionRows.map((s) => ({
    path: JSON.parse(s.path_json) as string[],
    start: s.char_start,
    end: s.char_end,
  }));
  return {
    id: row.id,
    paperId: row.paper_id,
    kind: row.kind,
    contentHash: row.content_hash,
    bytes: row.bytes,
    pages: row.pages,
    origin: row.origin,
    fullText: row.full_text,
    pageSpans,
    sections,
    warnings: JSON.parse(row.warnings_json) as string[],
    language: row.language ?? null,
  };
}

interface PassageRow {
  id: number;
  document_id: number;
  paper_id: string;
  ordinal: number;
  section_json: string;
  page: number | null;
  char_start: number;
  char_end: number;
  text: string;
  kind?: PassageKind;
}

export function rowToPassage(row: PassageRow): Passage {
  return {
    id: row.id,
    documentId: row.document_id,
    paperId: row.paper_id,
    ordinal: row.ordinal,
    sectionPath: JSON.parse(row.section_json) as string[],
    page: row.page,
    charStart: row.char_start,
    charEnd: row.char_end,
    text: row.text,
    kind: row.kind ?? 'prose',
  };
}

export interface ListPassagesOptions {
  /** Only passages of this kind ('prose' for evidence: never a table's rows); default every kind. */
  kind?: PassageKind;
}

export function listPassages(store: Store, paperId: string, options: ListPassagesOptions = {}): Passage[] {
  const rows = store.db
    .prepare(
      `SELECT s.* FROM passages s
       WHERE s.document_id = (SELECT MAX(id) FROM documents WHERE paper_id = ?)
       ${options.kind ? 'AND s.kind = ?' : ''}
       ORDER BY s.ordinal`,
    )
    .all(...(options.kind ? [paperId, options.kind] : [paperId])) as PassageRow[];
  return rows.map(rowToPassage);
}

export function getPassages(store: Store, ids: number[]): Passage[] {
  if (ids.length === 0) return [];
  const rows = store.db
    .prepare(`SELECT * FROM passages WHERE id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as PassageRow[];
  return rows.map(rowToPassage);
}

export type { PassageRow };

/** Pages and passage count of one stored document (what `litmus add` reports for it). */
export function documentCounts(store: Store, documentId: number): { pages: number | null; passages: number } {
  return store.db
    .prepare(
      `SELECT d.pages AS pages, (SELECT COUNT(*) FROM passages s WHERE s.document_id = d.id) AS passages
       FROM documents d WHERE d.id = ?`,
    )
    .get(documentId) as { pages: number | null; passages: number };
}

/** Passages of a paper's newest document and claims of the paper, for `litmus show`. */
export function paperCounts(store: Store, paperId: string): { passages: number; claims: number } {
  return store.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM passages WHERE document_id = (SELECT MAX(id) FROM documents WHERE paper_id = ?)) AS passages,
              (SELECT COUNT(*) FROM claims WHERE paper_id = ?) AS claims`,
    )
    .get(paperId, paperId) as { passages: number; claims: number };
}
