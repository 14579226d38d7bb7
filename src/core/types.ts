/**
 * Domain types shared by every layer. Wire shapes (arXiv Atom, OpenAI JSON) are parsed at the edge
 * into these; nothing here knows about SQL, HTTP or the CLI.
 */
import type { ResultTable } from './tables.ts';

export type SourceName = 'arxiv' | 'crossref' | 'local' | 'openalex' | 'semantic-scholar';

/**
 * Every identifier one work is known by, across sources (merged when the same work comes from
 * several): a publisher DOI (lowercase, never arXiv's own 10.48550 DOI), an arXiv id without
 * version, an OpenAlex work id ("W…"), a Semantic Scholar paper id, PubMed ids.
 */
export type IdentifierScheme = 'doi' | 'arxiv' | 'openalex' | 's2' | 'pmid' | 'pmcid';
export type PaperIdentifiers = Partial<Record<IdentifierScheme, string>>;

export interface Author {
  name: string;
  affiliations?: string[];
}

/** One version of one work. arXiv versions are separate papers linked by `workId`. */
export interface Paper {
  id: string; // e.g. "arxiv:2005.13013v2", "local:attention-is-all-you-need"
  workId: string; // e.g. "arxiv:2005.13013"; equal to id for sources without versions
  source: SourceName;
  externalId: string; // arXiv id without version, DOI, file path…
  version: number | null;
  title: string;
  authors: Author[];
  published: string | null; // ISO date
  updated: string | null;
  categories: string[];
  primaryCategory?: string | null;
  licence: string | null;
  abstract: string | null;
  doi?: string | null;
  journalRef?: string | null;
  comment?: string | null;
  url?: string | null;
  withdrawn?: boolean;
  /** Identifiers in other sources (absent when only `id`/`doi` are known). */
  identifiers?: PaperIdentifiers;
}

export type DocumentKind = 'pdf' | 'html' | 'markdown' | 'text';

/** A page of a PDF as a char range into the document's full text (1-based page number). */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/** A section heading and the char range it governs; `path` is e.g. ["3 Method", "3.2 Training"]. */
export interface SectionSpan {
  path: string[];
  start: number;
  end: number;
}

/** What a parser returns: the single source of truth text, and structure as char ranges into it. */
export interface ParsedDocument {
  kind: DocumentKind;
  title: string | null;
  abstract: string | null;
  authors: Author[];
  fullText: string;
  pages: PageSpan[]; // empty for documents without pages
  sections: SectionSpan[];
  /** Table captions and cells already live inside fullText; spans let search say "table". */
  tables: { caption: string; start: number; end: number }[];
  /** The same tables read as data (grid, header paths, parsed cells); absent when none were read. */
  resultTables?: ResultTable[];
  /** Footnotes (PDF): char ranges of their text, each a paragraph of its own, cut into passages of their own. */
  footnotes?: { start: number; end: number }[];
  /** ISO 639-1 language of the text ("en"), detected at ingest; null when it could not be told. */
  language?: string | null;
  references: string[];
  warnings: string[];
}

/** Prose passages may be quoted as evidence; table passages hold a table's rows and are read as cells. */
export type PassageKind = 'prose' | 'table';

/** A passage before it is stored: its place in the full text (the store slices the text itself). */
export interface PassageDraft {
  ordinal: number;
  charStart: number;
  charEnd: number;
  page: number | null;
  sectionPath: string[];
  /** 'table' when the passage lies inside a table's char range; prose otherwise (the default). */
  kind?: PassageKind;
}

/** A passage is a char range into its document's stored full text, never re-typed text. */
export interface Passage {
  id: number;
  documentId: number;
  paperId: string;
  ordinal: number;
  sectionPath: string[];
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
  kind?: PassageKind;
}

/** Where a passage or quote sits, for humans: "p. 4" or "§ 3 Method > 3.2 Training". */
export function describeLocation(location: { page: number | null; sectionPath: string[] }): string {
  const parts: string[] = [];
  if (location.page !== null) parts.push(`p. ${location.page}`);
  if (location.sectionPath.length > 0) parts.push(`§ ${location.sectionPath.join(' > ')}`);
  return parts.join(', ') || 'full text';
}

export type ClaimType = 'result' | 'method' | 'dataset' | 'comparison' | 'definition' | 'other';

export interface ClaimNumber {
  value: number;
  unit?: string;
  text: string;
}

export interface Claim {
  id?: number;
  paperId: string;
  text: string;
  type: ClaimType;
  numbers: ClaimNumber[];
  passageId: number | null;
  charStart: number | null; // into the paper's full text
  charEnd: number | null;
  relevance: number; // 0–1, to the research question when one was given
  engine: string; // "embedded@1" or "llm:<model>"
  /**
   * 0–1, how central the claim is to its paper: a finding stated in the abstract (and again in the
   * results) ranks highest, a method detail lowest. At or above 0.75 the claim is a headline finding,
   * which no per-paper cap cuts. Absent for claims stored before it was computed.
   */
  centrality?: number;
  /** Further places the same claim is stated (a merged near-duplicate, a table's baseline cell). */
  locations?: ClaimLocation[];
}

/** One more place a claim is stated: a char span of the paper's full text. */
export interface ClaimLocation {
  passageId: number | null;
  charStart: number;
  charEnd: number;
}

export type Verdict = 'SUPPORTED' | 'REFUTED' | 'PARTIAL' | 'NOT_ENOUGH_INFO';
export const VERDICTS: readonly Verdict[] = ['SUPPORTED', 'REFUTED', 'PARTIAL', 'NOT_ENOUGH_INFO'];

export interface Evidence {
  passageId: number | null;
  paperId: string;
  quote: string; // verbatim substring of the paper's stored full text
  location: string;
  charStart?: number;
  charEnd?: number;
  /** Set when the evidence is a results-table cell: the quote is the cell, shown with its headers. */
  cell?: EvidenceCell;
}

/** A table cell offered as evidence, with the headers a reader needs to find and read it. */
export interface EvidenceCell {
  table: string; // "Table 2"
  row: string[];
  column: string[];
  text: string;
  /** "Table 2, row SQuAD, column Avg: 8.4" */
  address: string;
}

/** A deterministic check that confirmed, changed or qualified an engine's verdict, with its reason. */
export interface VerdictCheck {
  rule:
    | 'table-cell'
    | 'negation'
    | 'direction'
    | 'order'
    | 'number'
    | 'entity'
    | 'faithful'
    | 'strength'
    | 'non-evidence'
    | 'measure'
    | 'verbatim';
  /** The verdict the engine gave before this check changed it (absent when the check only confirmed). */
  from?: Verdict;
  detail: string;
}

export interface NumericMismatch {
  claimed: string;
  found: string;
  quantity?: string;
}

export interface VerdictResult {
  verdict: Verdict;
  confidence: number; // calibrated probability that the verdict is right
  evidence: Evidence[];
  rationale: string;
  numeric?: NumericMismatch[];
  engine: string;
  unverifiedReason?: string; // set when the engine could not judge (e.g. invalid model output)
  /** What the confidence is calibrated on, e.g. "ml-papers (…; grouped by paper, 5 folds, n=995)". */
  calibration?: string;
  /** Deterministic checks (tables, numbers, polarity, faithful evidence) applied after the engine. */
  checks?: VerdictCheck[];
}

export interface Warning {
  code: string;
  message: string;
  input?: string;
}

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed';

export interface RunRecord {
  id: number;
  command: string;
  args: string[];
  config: unknown;
  status: RunStatus;
  topic: string | null;
  startedAt: string;
  finishedAt: string | null;
  summary: unknown;
}

/** What identifies one LLM call in the cache (shared by src/llm and the store below it). */
export interface LlmCacheKey {
  /** Hash of everything below plus the sampling parameters: the lookup key. */
  key: string;
  baseUrl: string;
  model: string;
  promptId: string;
  promptHash: string;
  inputHash: string;
}

/** A cached LLM answer: the choices and the tokens they cost. */
export interface CachedLlmResponse {
  choices: string[];
  usage: { promptTokens: number; completionTokens: number };
}
