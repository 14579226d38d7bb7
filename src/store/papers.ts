import { identifiersOf } from '../core/identifiers.ts';
import type { Author, Paper } from '../core/types.ts';
import type { Store } from './db.ts';
import { findPaperIdByIdentifier, savePaperIdentifiers, withIdentifiers } from './papers-identifiers.ts';

export interface PaperRow {
  id: string;
  work_id: string;
  source: string;
  external_id: string;
  version: number | null;
  title: string;
  authors_json: string;
  published: string | null;
  updated: string | null;
  categories_json: string;
  primary_category: string | null;
  licence: string | null;
  abstract: string | null;
  doi: string | null;
  journal_ref: string | null;
  comment: string | null;
  url: string | null;
  withdrawn: number;
  source_path: string | null;
}

export function rowToPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    workId: row.work_id,
    source: row.source as Paper['source'],
    externalId: row.external_id,
    version: row.version,
    title: row.title,
    authors: JSON.parse(row.authors_json) as Author[],
    published: row.published,
    updated: row.updated,
    categories: JSON.parse(row.categories_json) as string[],
    primaryCategory: row.primary_category,
    licence: row.licence,
    abstract: row.abstract,
    doi: row.doi,
    journalRef: row.journal_ref,
    comment: row.comment,
    url: row.url,
    withdrawn: row.withdrawn === 1,
  };
}

/** Inserts or updates a paper's metadata (never its documents). */
export function upsertPaper(store: Store, paper: Paper, sourcePath: string | null = null): void {
  store.db
    .prepare(
      `INSERT INTO papers (id, work_id, source, external_id, version, title, authors_json, published, updated,
         categories_json, primary_category, licence, abstract, doi, journal_ref, comment, url, withdrawn, source_path)
       VALUES (@id, @work_id, @source, @external_id, @version, @title, @authors_json, @published, @updated,
         @categories_json, @primary_category, @licence, @abstract, @doi, @journal_ref, @comment, @url, @withdrawn, @source_path)
       ON CONFLICT(id) DO UPDATE SET
         title = excluded.title, authors_json = excluded.authors_json, published = excluded.published,
         updated = excluded.updated, categories_json = excluded.categories_json,
         primary_category = excluded.primary_category, licence = excluded.licence, abstract = excluded.abstract,
         doi = excluded.doi, journal_ref = excluded.journal_ref, comment = excluded.comment, url = excluded.url,
         withdrawn = excluded.withdrawn, source_path = COALESCE(excluded.source_path, papers.source_path)`,
    )
    .run({
      id: paper.id,
      work_id: paper.workId,
      source: paper.source,
      external_id: paper.externalId,
      version: paper.version,
      title: paper.title,
      authors_json: JSON.stringify(paper.authors),
      published: paper.published,
      updated: paper.updated,
      categories_json: JSON.stringify(paper.categories),
      primary_category: paper.primaryCategory ?? null,
      licence: paper.licence,
      abstract: paper.abstract,
      doi: paper.doi ?? null,
      journal_ref: paper.journalRef ?? null,
      comment: paper.comment ?? null,
      url: paper.url ?? null,
      withdrawn: paper.withdrawn ? 1 : 0,
      source_path: sourcePath,
    });
  savePaperIdentifiers(store, paper.id, identifiersOf(paper));
}

export function getPaper(store: Store, id: string): Paper | undefined {
  const row = store.db.prepare('SELECT * FROM papers WHERE id = ?').get(id) as PaperRow | undefined;
  return row ? withIdentifiers(store, rowToPaper(row)) : undefined;
}

export function paperExists(store: Store, id: string): boolean {
  return store.db.prepare('SELECT 1 FROM papers WHERE id = ?').get(id) !== undefined;
}

export function findPaperBySourcePath(store: Store, sourcePath: string): Paper | undefined {
  const row = store.db.prepare('SELECT * FROM papers WHERE source_path = ?').get(sourcePath) as PaperRow | undefined;
  return row ? rowToPaper(row) : undefined;
}

export interface PaperSummary extends Paper {
  documents: number;
  pages: number | null;
  passages: number;
  claims: number;
  addedAt: string;
}

export function listPapers(store: Store): PaperSummary[] {
  const rows = store.db
    .prepare(
      `SELECT p.*, p.added_at AS added_at,
         (SELECT COUNT(*) FROM documents d WHERE d.paper_id = p.id) AS documents,
         (SELECT d.pages FROM documents d WHERE d.paper_id = p.id ORDER BY d.id DESC LIMIT 1) AS pages,
         (SELECT COUNT(*) FROM passages s WHERE s.paper_id = p.id) AS passages,
         (SELECT COUNT(*) FROM claims c WHERE c.paper_id = p.id) AS claims
       FROM papers p ORDER BY p.added_at, p.id`,
    )
    .all() as (PaperRow & {
    added_at: string;
    documents: number;
    pages: number | null;
    passages: number;
    claims: number;
  })[];
  return rows.map((row) => ({
    ...rowToPaper(row),
    documents: row.documents,
    pages: row.pages,
    passages: row.passages,
    claims: row.claims,
    addedAt: row.added_at,
  }));
}

/** All stored versions of one work, oldest first. */
export function listVersions(store: Store, workId: string): Paper[] {
  const rows = store.db
    .prepare('SELECT * FROM papers WHERE work_id = ? ORDER BY version, id')
    .all(workId) as PaperRow[];
  return rows.map(rowToPaper);
}

const ARXIV_NEW = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const ARXIV_OLD = /^([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v(\d+))?$/i;
const DOI = /^(10\.\d{4,9}\/\S+)$/;

/** What a typed paper reference names: a stored id, an arXiv work (maybe one version), or a DOI. */
export type PaperReference =
  | { kind: 'arxiv'; id: string; version: number | null }
  | { kind: 'doi'; doi: string }
  | { kind: 'id'; id: string };

/**
 * Reads a paper reference as people type it: `arxiv:2005.13013v2`, `2005.13013`, `arXiv:2005.13013`,
 * `arxiv.org/abs/2005.13013v2`, `https://arxiv.org/pdf/2005.13013v2(.pdf)`, `10.48550/arXiv.2005.13013`,
 * `doi:10.…`, `https://doi.org/10.…`, or any stored id (`local:…`).
 */
export function parsePaperReference(text: string): PaperReference {
  let value = text.trim();
  const url = /^(?:https?:\/\/)?(?:[\w-]+\.)*arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(value);
  if (url) value = url[1]!;
  const doiText = value.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');
  const arxivDoi = /^10\.48550\/arxiv\.(.+)$/i.exec(doiText);
  if (arxivDoi) value = arxivDoi[1]!;
  else if (DOI.test(doiText)) return { kind: 'doi', doi: doiText };
  const bare = value.replace(/^arxiv:\s*/i, '');
  const match = ARXIV_NEW.exec(bare) ?? ARXIV_OLD.exec(bare);
  if (match) return { kind: 'arxiv', id: match[1]!, version: match[2] === undefined ? null : Number(match[2]) };
  return { kind: 'id', id: value };
}

/**
 * The one resolver every command taking a paper id uses: any form `parsePaperReference` reads, to
 * the stored paper; without a version, the newest stored version of that work.
 */
export function resolvePaper(store: Store, text: string): Paper | undefined {
  const exact = getPaper(store, text.trim());
  if (exact) return exact;
  const reference = parsePaperReference(text);
  // Any identifier a paper was merged with (an OpenAlex id, a DOI or arXiv id another source gave).
  const byIdentifier = (scheme: 'openalex' | 'doi' | 'arxiv', value: string) => {
    const id = findPaperIdByIdentifier(store, scheme, value);
    return id ? getPaper(store, id) : undefined;
  };
  if (reference.kind === 'id') {
    const openalex = /^(?:openalex:)?(W\d+)$/i.exec(reference.id);
    return openalex ? byIdentifier('openalex', openalex[1]!.toUpperCase()) : undefined;
  }
  if (reference.kind === 'doi') {
    const row = store.db
      .prepare('SELECT * FROM papers WHERE lower(doi) = lower(?) ORDER BY version DESC, added_at DESC LIMIT 1')
      .get(reference.doi) as PaperRow | undefined;
    return row ? withIdentifiers(store, rowToPaper(row)) : byIdentifier('doi', reference.doi);
  }
  if (reference.version !== null) return getPaper(store, `arxiv:${reference.id}v${reference.version}`);
  const row = store.db
    .prepare('SELECT * FROM papers WHERE work_id = ? ORDER BY version DESC LIMIT 1')
    .get(`arxiv:${reference.id}`) as PaperRow | undefined;
  return row ? withIdentifiers(store, rowToPaper(row)) : byIdentifier('arxiv', reference.id);
}
