/**
 * The schema, as an ordered list of migrations. `PRAGMA user_version` holds the number of the last
 * one applied; each step runs in one transaction. A database whose user_version is higher than the
 * last migration here was written by a newer litmus and is refused, never altered.
 *
 * Tables (001):
 * - papers        one row per version of a work (arXiv versions are separate rows sharing work_id).
 * - documents     one per full text of a paper: kind pdf|html|markdown|text, content hash, bytes,
 *                 pages, and the full text itself — the single source of truth every quote comes from.
 * - pages / sections   structure of a document as char ranges into documents.full_text.
 * - passages      chunks as char ranges (char_start, char_end) into the full text, with page and
 *                 section path; passages_fts is an external-content FTS5 index over them (BM25).
 * - ingest_failures    inputs that failed, with the error, so later runs skip them unless asked.
 * - claims, verdicts, evidence   extracted claims, their verdicts (keyed for reuse by the evidence
 *                 they were judged on) and verbatim evidence quotes.
 * - runs          every command run with its config snapshot, status and summary.
 * - http_cache    URL → status, headers, body, fetched time (ETag/Last-Modified revalidation).
 * - rate_limits   last request time per host group, shared by concurrent processes.
 * - llm_cache     one row per LLM call key (base URL, model, prompt hash, input hash, sampling).
 * - experiments   companion experiment runs and their metrics.
 * - topics, locks for scheduled refreshes.
 *
 * 003: passages.kind ('prose' | 'table': table rows are never prose evidence) and result_tables, the
 * tables of a document read as data (header paths and parsed cells as JSON), replaced with it.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE papers (
  id               TEXT PRIMARY KEY,
  work_id          TEXT NOT NULL,
  source           TEXT NOT NULL,
  external_id      TEXT NOT NULL,
  version          INTEGER,
  title            TEXT NOT NULL,
  authors_json     TEXT NOT NULL DEFAULT '[]',
  published        TEXT,
  updated          TEXT,
  categories_json  TEXT NOT NULL DEFAULT '[]',
  primary_category TEXT,
  licence          TEXT,
  abstract         TEXT,
  doi              TEXT,
  journal_ref      TEXT,
  comment          TEXT,
  url              TEXT,
  withdrawn        INTEGER NOT NULL DEFAULT 0,
  source_path      TEXT,
  added_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX papers_work ON papers(work_id);
CREATE INDEX papers_doi ON papers(doi) WHERE doi IS NOT NULL;
CREATE INDEX papers_source_path ON papers(source_path) WHERE source_path IS NOT NULL;

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  paper_id      TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('pdf','html','markdown','text')),
  content_hash  TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  pages         INTEGER,
  full_text     TEXT NOT NULL,
  origin        TEXT,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (paper_id, content_hash)
);
CREATE INDEX documents_hash ON documents(content_hash);

CREATE TABLE pages (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL,
  PRIMARY KEY (document_id, page)
);

CREATE TABLE sections (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  path_json   TEXT NOT NULL,
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL,
  PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE passages (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  paper_id     TEXT NOT NULL,
  ordinal      INTEGER NOT NULL,
  section_json TEXT NOT NULL DEFAULT '[]',
  page         INTEGER,
  char_start   INTEGER NOT NULL,
  char_end     INTEGER NOT NULL,
  text         TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
);
CREATE INDEX passages_paper ON passages(paper_id);

CREATE VIRTUAL TABLE passages_fts USING fts5(
  text,
  content='passages', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
  INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
  INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE ingest_failures (
  input        TEXT PRIMARY KEY,
  content_hash TEXT,
  code         TEXT NOT NULL,
  message      TEXT NOT NULL,
  failed_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE claims (
  id          INTEGER PRIMARY KEY,
  paper_id    TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  type        TEXT NOT NULL,
  numbers_json TEXT NOT NULL DEFAULT '[]',
  passage_id  INTEGER REFERENCES passages(id) ON DELETE SET NULL,
  char_start  INTEGER,
  char_end    INTEGER,
  relevance   REAL NOT NULL DEFAULT 0,
  question    TEXT,
  engine      TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (paper_id, engine, text)
);

CREATE TABLE verdicts (
  id            INTEGER PRIMARY KEY,
  claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  verdict       TEXT NOT NULL CHECK (verdict IN ('SUPPORTED','REFUTED','PARTIAL','NOT_ENOUGH_INFO')),
  confidence    REAL NOT NULL,
  rationale     TEXT NOT NULL DEFAULT '',
  numeric_json  TEXT NOT NULL DEFAULT '[]',
  engine        TEXT NOT NULL,
  unverified_reason TEXT,
  evidence_key  TEXT, -- hash of the claim and the exact passages it was judged on (reuse key)
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX verdicts_claim ON verdicts(claim_id);

CREATE TABLE evidence (
  id          INTEGER PRIMARY KEY,
  verdict_id  INTEGER NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
  paper_id    TEXT NOT NULL,
  passage_id  INTEGER,
  quote       TEXT NOT NULL,
  location    TEXT NOT NULL,
  char_start  INTEGER,
  char_end    INTEGER
);
CREATE INDEX evidence_verdict ON evidence(verdict_id);

CREATE TABLE runs (
  id           INTEGER PRIMARY KEY,
  command      TEXT NOT NULL,
  args_json    TEXT NOT NULL DEFAULT '[]',
  config_json  TEXT NOT NULL DEFAULT '{}',
  status       TEXT NOT NULL DEFAULT 'running',
  topic        TEXT,
  started_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  finished_at  TEXT,
  summary_json TEXT
);

CREATE TABLE http_cache (
  url          TEXT PRIMARY KEY,
  status       INTEGER NOT NULL,
  headers_json TEXT NOT NULL,
  body         BLOB NOT NULL,
  fetched_at   INTEGER NOT NULL,
  etag         TEXT,
  last_modified TEXT
);

CREATE TABLE rate_limits (
  host_group   TEXT PRIMARY KEY,
  next_allowed_ms INTEGER NOT NULL
);

CREATE TABLE llm_cache (
  key          TEXT PRIMARY KEY,
  base_url     TEXT NOT NULL,
  model        TEXT NOT NULL,
  prompt_id    TEXT NOT NULL,
  prompt_hash  TEXT NOT NULL,
  input_hash   TEXT NOT NULL,
  response_json TEXT NOT NULL,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE experiments (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  spec_json    TEXT NOT NULL DEFAULT '{}',
  command_json TEXT,
  started_at   TEXT,
  finished_at  TEXT,
  exit_code    INTEGER,
  stdout_tail  TEXT,
  stderr_tail  TEXT,
  metrics_json TEXT NOT NULL DEFAULT '{}',
  host_json    TEXT NOT NULL DEFAULT '{}',
  claims_json  TEXT NOT NULL DEFAULT '[]',
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE topics (
  name          TEXT PRIMARY KEY,
  question      TEXT NOT NULL,
  queries_json  TEXT NOT NULL DEFAULT '[]',
  categories_json TEXT NOT NULL DEFAULT '[]',
  schedule      TEXT,
  last_refresh_at TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE locks (
  name        TEXT PRIMARY KEY,
  pid         INTEGER NOT NULL,
  host        TEXT NOT NULL,
  acquired_at TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'topic options and refresh state',
    // A topic's refresh state (included papers, claims and verdicts at the last successful refresh) is
    // one JSON value written in the same UPDATE as last_refresh_at, so the watermark never runs ahead.
    sql: `
ALTER TABLE topics ADD COLUMN options_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE topics ADD COLUMN state_json TEXT NOT NULL DEFAULT '{}';
CREATE INDEX runs_topic ON runs(topic, id);
`,
  },
  {
    version: 3,
    name: 'results tables as data; passage kinds',
    // Passages written before this were chunked with tables inline: they read as prose until re-ingested.
    sql: `
ALTER TABLE passages ADD COLUMN kind TEXT NOT NULL DEFAULT 'prose' CHECK (kind IN ('prose','table'));
CREATE TABLE result_tables (
  id                 INTEGER PRIMARY KEY,
  document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  paper_id           TEXT NOT NULL,
  ordinal            INTEGER NOT NULL,
  label              TEXT NOT NULL,
  caption            TEXT NOT NULL DEFAULT '',
  page               INTEGER,
  char_start         INTEGER,
  char_end           INTEGER,
  source             TEXT NOT NULL,
  row_header_columns INTEGER NOT NULL DEFAULT 0,
  grid_json          TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
);
CREATE INDEX result_tables_paper ON result_tables(paper_id);
`,
  },
  {
    version: 4,
    name: 'verdict checks, table-cell evidence, calibration a confidence rests on',
    sql: `
ALTER TABLE verdicts ADD COLUMN checks_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE verdicts ADD COLUMN calibration TEXT;
ALTER TABLE evidence ADD COLUMN cell_json TEXT;
`,
  },
  {
    version: 5,
    name: 'claim centrality and further locations',
    // Claims stored before this have no centrality (NULL) and one location.
    sql: `
ALTER TABLE claims ADD COLUMN centrality REAL;
ALTER TABLE claims ADD COLUMN locations_json TEXT NOT NULL DEFAULT '[]';
`,
  },
  {
    version: 6,
    name: 'every identifier of a paper across sources',
    // One work found in arXiv, OpenAlex, Crossref, Semantic Scholar is one paper; it keeps every
    // identifier it is known by (doi, arxiv, openalex, s2, pmid, pmcid), so any of them finds it.
    sql: `
CREATE TABLE paper_identifiers (
  paper_id   TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
  scheme     TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (paper_id, scheme)
);
CREATE INDEX paper_identifiers_value ON paper_identifiers(scheme, value);
`,
  },
  {
    version: 7,
    name: 'the language of each document',
    // Detected at ingest (ISO 639-1); documents stored before this are NULL: reports detect it then.
    sql: `
ALTER TABLE documents ADD COLUMN language TEXT;
`,
  },
];

export const latestVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);
