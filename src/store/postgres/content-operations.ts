/** Papers, documents, passages and tables on Postgres: the same reads and writes as the SQLite modules. */
import { contentStems } from '../../core/relevance.ts';
import {
  type DocumentRow,
  type PageRow,
  type PassageRow,
  rowToDocument,
  rowToPassage,
  type SectionRow,
} from '../documents.ts';
import { type PaperRow, parsePaperReference, rowToPaper } from '../papers.ts';
import type { StoredVersion } from '../papers-arxiv.ts';
import { rankLibrary } from '../search.ts';
import type { DocumentStore, PaperStore, PassageStore, TableStore } from '../store.ts';
import { pickTable, type TableRowRecord, toTable } from '../tables.ts';
import type { Db } from './db.ts';
import { insertDocumentPostgres } from './documents.ts';
import { upsertPaperPostgres, withIdentifiersPostgres } from './papers.ts';
import { searchPassagesPostgres, type TermStatistics } from './search.ts';

const NEWEST_DOCUMENT = '(SELECT max(id) FROM documents WHERE paper_id = $1)';

export function paperOperations(db: Db, passages: PassageStore): PaperStore {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await db.rows<PaperRow>(sql, params);
    return row ? rowToPaper(row) : undefined;
  };
  const get = async (id: string) => {
    const paper = await one('SELECT * FROM papers WHERE id = $1', [id]);
    return paper ? withIdentifiersPostgres(db, paper) : undefined;
  };
  return {
    upsert: (paper, sourcePath = null) => db.atomic((inner) => upsertPaperPostgres(inner, paper, sourcePath)),
    get,
    exists: async (id) => (await db.rows('SELECT 1 FROM papers WHERE id = $1', [id])).length > 0,
    findBySourcePath: (path) => one('SELECT * FROM papers WHERE source_path = $1 LIMIT 1', [path]),
    list: async () => {
      const rows = await db.rows<
        PaperRow & { added_at: string; documents: number; pages: number | null; passages: number; claims: number }
      >(
        `SELECT p.*,
           (SELECT count(*)::int FROM documents d WHERE d.paper_id = p.id) AS documents,
           (SELECT d.pages FROM documents d WHERE d.paper_id = p.id ORDER BY d.id DESC LIMIT 1) AS pages,
           (SELECT count(*)::int FROM passages s WHERE s.paper_id = p.id) AS passages,
           (SELECT count(*)::int FROM claims c WHERE c.paper_id = p.id) AS claims
         FROM papers p ORDER BY p.added_at, p.id COLLATE "C"`,
      );
      return rows.map((row) => ({
        ...rowToPaper(row),
        documents: row.documents,
        pages: row.pages,
        passages: row.passages,
        claims: row.claims,
        addedAt: row.added_at,
      }));
    },
    versions: async (workId) =>
      (
        await db.rows<PaperRow>(
          'SELECT * FROM papers WHERE work_id = $1 ORDER BY version NULLS FIRST, id COLLATE "C"',
          [workId],
        )
      ).map(rowToPaper),
    resolve: async (text) => {
      const exact = await get(text.trim());
      if (exact) return exact;
      const reference = parsePaperReference(text);
      if (reference.kind === 'id') return undefined;
      if (reference.kind === 'doi') {
        return one(
          'SELECT * FROM papers WHERE lower(doi) = lower($1) ORDER BY version DESC NULLS LAST, added_at DESC LIMIT 1',
          [reference.doi],
        );
      }
      if (reference.version !== null) return get(`arxiv:${reference.id}v${reference.version}`);
      return one('SELECT * FROM papers WHERE work_id = $1 ORDER BY version DESC NULLS LAST LIMIT 1', [
        `arxiv:${reference.id}`,
      ]);
    },
    storedVersion: async (paperId) => {
      const [row] = await db.rows<StoredVersion>(
        `SELECT p.id AS "paperId", p.title, p.version, d.kind, d.pages, d.origin,
                (SELECT count(*)::int FROM passages s WHERE s.document_id = d.id) AS passages
         FROM papers p JOIN documents d ON d.paper_id = p.id
         WHERE p.id = $1 ORDER BY d.id DESC LIMIT 1`,
        [paperId],
      );
      return row ?? null;
    },
    counts: async (paperId) => {
      const [row] = await db.rows<{ passages: number; claims: number }>(
        `SELECT (SELECT count(*)::int FROM passages WHERE document_id = ${NEWEST_DOCUMENT}) AS passages,
                (SELECT count(*)::int FROM claims WHERE paper_id = $1) AS claims`,
        [paperId],
      );
      return row!;
    },
    search: async (text, options = {}) => {
      const terms = [...new Set(contentStems(text))];
      if (terms.length === 0) return [];
      const rows = await db.rows<PaperRow>(
        'SELECT p.* FROM papers p WHERE EXISTS (SELECT 1 FROM documents d WHERE d.paper_id = p.id)',
      );
      const hits = await passages.search(terms.join(' '), { match: 'any', limit: 500 });
      return rankLibrary(rows, terms, hits, options.limit);
    },
  };
}

export function documentOperations(db: Db): DocumentStore {
  return {
    insert: (document) => db.atomic((inner) => insertDocumentPostgres(inner, document)),
    deleteOfPaper: async (paperId) => {
      await db.changes('DELETE FROM documents WHERE paper_id = $1', [paperId]);
    },
    findByHash: async (hash) => {
      const [row] = await db.rows<{ id: number; paper_id: string }>(
        'SELECT id, paper_id FROM documents WHERE content_hash = $1 ORDER BY id DESC LIMIT 1',
        [hash],
      );
      return row ? { id: row.id, paperId: row.paper_id } : undefined;
    },
    latest: async (paperId) => {
      const [row] = await db.rows<DocumentRow>('SELECT * FROM documents WHERE paper_id = $1 ORDER BY id DESC LIMIT 1', [
        paperId,
      ]);
      if (!row) return undefined;
      const pages = await db.rows<PageRow>(
        'SELECT page, char_start, char_end FROM pages WHERE document_id = $1 ORDER BY page',
        [row.id],
      );
      const sections = await db.rows<SectionRow>(
        'SELECT path_json, char_start, char_end FROM sections WHERE document_id = $1 ORDER BY ordinal',
        [row.id],
      );
      return rowToDocument(row, pages, sections);
    },
    counts: async (documentId) => {
      const [row] = await db.rows<{ pages: number | null; passages: number }>(
        `SELECT d.pages, (SELECT count(*)::int FROM passages s WHERE s.document_id = d.id) AS passages
         FROM documents d WHERE d.id = $1`,
        [documentId],
      );
      return row ?? { pages: null, passages: 0 };
    },
  };
}

/** Every column but the tsvector, which only the index and the ranking read. */
const PASSAGE_COLUMNS =
  's.id, s.document_id, s.paper_id, s.ordinal, s.section_json, s.page, s.char_start, s.char_end, s.text, s.kind';

export function passageOperations(db: Db, statistics: TermStatistics): PassageStore {
  return {
    list: async (paperId, options = {}) =>
      (
        await db.rows<PassageRow>(
          `SELECT ${PASSAGE_COLUMNS} FROM passages s WHERE s.document_id = ${NEWEST_DOCUMENT}
           ${options.kind ? 'AND s.kind = $2' : ''} ORDER BY s.ordinal`,
          options.kind ? [paperId, options.kind] : [paperId],
        )
      ).map(rowToPassage),
    get: async (ids) =>
      ids.length === 0
        ? []
        : (
            await db.rows<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages s WHERE s.id = ANY($1::int[])`, [ids])
          ).map(rowToPassage),
    search: (text, options) => searchPassagesPostgres(db, statistics, text, options),
  };
}

export function tableOperations(db: Db): TableStore {
  const list = async (paperId: string) =>
    (
      await db.rows<TableRowRecord>(
        `SELECT * FROM result_tables WHERE document_id = ${NEWEST_DOCUMENT} ORDER BY ordinal`,
        [paperId],
      )
    ).map(toTable);
  return {
    list,
    get: async (paperId, ordinalOrLabel) => pickTable(await list(paperId), ordinalOrLabel),
  };
}
