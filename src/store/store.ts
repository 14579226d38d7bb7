/**
 * The store spec: every operation the pipeline, the commands, the server and the adapters (HTTP
 * politeness and caches, the LLM cache) need from the database, as promises. Two implementations pass
 * one contract suite (test/contract/store.contract.ts): SQLite (src/store/sqlite/, the default, no
 * server) and Postgres (src/store/postgres/). `openStore(url)` in open-store.ts picks one by URL.
 *
 * Nothing outside src/store sees SQL or a driver: callers hold a `Store` and `await` its methods.
 * `transaction(work)` is the unit of atomicity: `work` gets a `tx` that is the same spec, and either
 * everything it wrote is kept (its promise resolved) or nothing is (it threw, or the process died).
 * Calls on the outer store made while a transaction is open wait for it; they never join it.
 */
import type { ResultTable } from '../core/tables.ts';
import type {
  CachedLlmResponse,
  Claim,
  LlmCacheKey,
  Paper,
  Passage,
  RunRecord,
  RunStatus,
  VerdictResult,
} from '../core/types.ts';
import type { StoredClaim, StoredVerdict } from './claims.ts';
import type { ListPassagesOptions, NewDocument, StoredDocument } from './documents.ts';
import type { ExperimentRecord } from './experiments.ts';
import type { CachedResponse } from './http-cache.ts';
import type { IngestFailure } from './ingest-failures.ts';
import type { AcquireLockOptions, LockAttempt, LockHolder } from './locks.ts';
import type { PaperSummary } from './papers.ts';
import type { StoredVersion } from './papers-arxiv.ts';
import type { SlotAttempt } from './rate-limits.ts';
import type { LibraryHit, SearchHit, SearchOptions } from './search.ts';
import type { Topic, TopicDefinition, TopicState } from './topics.ts';

export type { StoredClaim, StoredVerdict } from './claims.ts';
export type { ListPassagesOptions, NewDocument, StoredDocument } from './documents.ts';
export type { ExperimentKind, ExperimentRecord } from './experiments.ts';
export type { CachedResponse } from './http-cache.ts';
export type { IngestFailure } from './ingest-failures.ts';
export type { AcquireLockOptions, LockAttempt, LockHolder } from './locks.ts';
export type { PaperReference, PaperSummary } from './papers.ts';
export type { StoredVersion } from './papers-arxiv.ts';
export type { SlotAttempt } from './rate-limits.ts';
export type { LibraryHit, SearchHit, SearchOptions } from './search.ts';
export type { Topic, TopicClaim, TopicDefinition, TopicOptions, TopicState } from './topics.ts';

/** Paper metadata, one row per version (`id` names a version, `workId` the work). */
export interface PaperStore {
  /** Inserts or updates a paper's metadata (never its documents); a null sourcePath keeps the stored one. */
  upsert(paper: Paper, sourcePath?: string | null): Promise<void>;
  get(id: string): Promise<Paper | undefined>;
  exists(id: string): Promise<boolean>;
  /** The paper first added from this local file path. */
  findBySourcePath(sourcePath: string): Promise<Paper | undefined>;
  /** Every paper with its counts, oldest added first. */
  list(): Promise<PaperSummary[]>;
  /** All stored versions of one work, oldest first. */
  versions(workId: string): Promise<Paper[]>;
  /**
   * Any form a person types (`arxiv:2005.13013v2`, `2005.13013`, an arXiv URL, a DOI, a stored id) to
   * the stored paper; without a version, the newest stored version of that work.
   */
  resolve(text: string): Promise<Paper | undefined>;
  /** The newest document of a stored paper, or null without one: "already added" without HTTP. */
  storedVersion(paperId: string): Promise<StoredVersion | null>;
  /** Passages of the paper's newest document and its claims (for `litmus show`). */
  counts(paperId: string): Promise<{ passages: number; claims: number }>;
  /** The local library as a paper source: papers with full text ranked by title, abstract and passages. */
  search(text: string, options?: { limit?: number }): Promise<LibraryHit[]>;
}

/** Full texts: a document with its pages, sections, passages and results tables, written as one. */
export interface DocumentStore {
  /** Writes the document and everything derived from it; returns its id. Call inside a transaction with the paper. */
  insert(document: NewDocument): Promise<number>;
  /** Removes a paper's documents (and their passages and tables) before a new text replaces them. */
  deleteOfPaper(paperId: string): Promise<void>;
  findByHash(contentHash: string): Promise<{ id: number; paperId: string } | undefined>;
  /** The newest document of a paper: the text every quote about that paper must come from. */
  latest(paperId: string): Promise<StoredDocument | undefined>;
  counts(documentId: number): Promise<{ pages: number | null; passages: number }>;
}

/** Passages of each paper's newest document, and full-text search over them. */
export interface PassageStore {
  list(paperId: string, options?: ListPassagesOptions): Promise<Passage[]>;
  /** The passages with these ids (any order; unknown ids are left out). */
  get(ids: number[]): Promise<Passage[]>;
  /**
   * Ranked full-text search over live passages (each paper's newest document); any user text is safe.
   * Higher score is closer; the snippet marks matched terms with HIGHLIGHT_START/HIGHLIGHT_END.
   */
  search(text: string, options?: SearchOptions): Promise<SearchHit[]>;
}

export interface TableStore {
  /** The results tables of a paper's newest document, in document order. */
  list(paperId: string): Promise<ResultTable[]>;
  /** By printed label ("Table 2", "2", "table 2a") or else 1-based ordinal. */
  get(paperId: string, ordinalOrLabel: number | string): Promise<ResultTable | undefined>;
}

export interface ClaimStore {
  /** Saves claims; a claim already stored for the same paper, engine and text keeps its id. */
  save(claims: Omit<Claim, 'id'>[], question: string | null): Promise<StoredClaim[]>;
  /** Most relevant first. */
  list(paperId: string, engine?: string): Promise<StoredClaim[]>;
  /** (paper id, content hash) of each paper's newest document, by paper id: what a corpus snapshot hashes. */
  corpusSnapshot(paperIds?: string[]): Promise<{ paper_id: string; content_hash: string }[]>;
}

export interface VerdictStore {
  /** Stores one verdict with its evidence, atomically; `evidenceKey` names the evidence it was computed from. */
  save(claimId: number, result: VerdictResult, evidenceKey: string | null): Promise<number>;
  /** The newest verdict of a claim (by an engine, over given evidence). */
  latest(claimId: number, options?: { engine?: string; evidenceKey?: string }): Promise<StoredVerdict | undefined>;
}

/** The run ledger: every command run with its config, status and summary. */
export interface RunStore {
  start(command: string, args: string[], config: unknown, topic?: string): Promise<number>;
  finish(id: number, status: RunStatus, summary: unknown): Promise<void>;
  get(id: number): Promise<RunRecord | undefined>;
  /** Newest first (default 100). */
  list(options?: { topic?: string; limit?: number }): Promise<RunRecord[]>;
  /** Marks a topic's runs left 'running' by a dead process as failed; returns how many. */
  failInterrupted(topic: string, reason: string): Promise<number>;
}

export interface TopicStore {
  /** Adds a topic or updates its definition; its refresh state and watermark are kept. */
  saveDefinition(topic: TopicDefinition): Promise<void>;
  get(name: string): Promise<Topic | undefined>;
  /** By name. */
  list(): Promise<Topic[]>;
  /** Removes the topic and its refresh lock; false when there was none. */
  remove(name: string): Promise<boolean>;
  /** The last step of a successful refresh: new state and watermark in one write. */
  commitRefresh(name: string, state: TopicState, refreshedAt: string): Promise<void>;
}

/** Named locks held by one process on one host. */
export interface LockStore {
  /**
   * Takes the lock unless a live process holds it; check and write are atomic, so two racers never
   * both win. A lock on another host is never taken over unless older than `staleAfterMs`.
   */
  acquire(name: string, options: AcquireLockOptions): Promise<LockAttempt>;
  /** Releases the lock if (and only if) this owner holds it. */
  release(name: string, owner: { pid: number; host: string }): Promise<boolean>;
  get(name: string): Promise<LockHolder | undefined>;
}

/** HTTP responses by URL, shared by every process using the store. */
export interface HttpCacheStore {
  get(url: string): Promise<CachedResponse | null>;
  put(entry: CachedResponse): Promise<void>;
  /** A 304: the cached body is still current, only its age is reset. */
  touch(url: string, fetchedAt: number): Promise<void>;
  delete(url: string): Promise<void>;
}

/** LLM answers by call key, shared by every process using the store. */
export interface LlmCacheStore {
  /** An unreadable row is a miss. */
  get(key: string): Promise<CachedLlmResponse | undefined>;
  put(key: LlmCacheKey, value: CachedLlmResponse): Promise<void>;
  /** Rows per prompt id. */
  count(): Promise<{ promptId: string; entries: number }[]>;
}

/**
 * Politeness slots per host group, held across processes and machines: at most one request of a group
 * in flight (its lease), and each start at least `delayMs` after the previous one started and ended.
 */
export interface RateLimitStore {
  /** Takes the slot atomically, or says how long to wait and why. */
  tryAcquire(hostGroup: string, delayMs: number, leaseMs: number, nowMs?: number): Promise<SlotAttempt>;
  /** Ends a lease; the next request may start `delayMs` after `endedMs` (or later, if already set). */
  release(hostGroup: string, lease: number, delayMs: number, endedMs?: number): Promise<void>;
  /** The earliest start of the group's next request (ms since epoch), or null if never used. */
  nextAllowed(hostGroup: string): Promise<number | null>;
}

/** Inputs that failed to ingest, so a rerun skips them until their content changes. */
export interface IngestFailureStore {
  record(failure: { input: string; contentHash: string | null; code: string; message: string }): Promise<void>;
  get(input: string): Promise<IngestFailure | undefined>;
  clear(input: string): Promise<void>;
}

/** Companion experiment runs. */
export interface ExperimentStore {
  insert(record: ExperimentRecord): Promise<number>;
  get(id: number): Promise<ExperimentRecord | undefined>;
  /** Newest first; `name` filters exactly. */
  list(options?: { name?: string; limit?: number }): Promise<ExperimentRecord[]>;
}

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly dialect: StoreDialect;
  /** Where the data lives, for messages and as a key (a SQLite path, or a Postgres URL without password). */
  readonly location: string;
  readonly papers: PaperStore;
  readonly documents: DocumentStore;
  readonly passages: PassageStore;
  readonly tables: TableStore;
  readonly claims: ClaimStore;
  readonly verdicts: VerdictStore;
  readonly runs: RunStore;
  readonly topics: TopicStore;
  readonly locks: LockStore;
  readonly httpCache: HttpCacheStore;
  readonly llmCache: LlmCacheStore;
  readonly rateLimits: RateLimitStore;
  readonly ingestFailures: IngestFailureStore;
  readonly experiments: ExperimentStore;
  /**
   * Runs `work` as one unit: committed when its promise resolves, rolled back when it rejects (the
   * error is rethrown). Inside, use only `tx`; `tx.transaction` nests (a savepoint: an inner throw
   * undoes only the inner work). Transactions on one store never interleave.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Closes the connection(s); idempotent. Not for a `tx`. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Open read-only, always (fails when the database is missing or needs migrating). */
  readonly?: boolean;
  /** The command only reads: open read-only when the database cannot be written. */
  onlyReads?: boolean;
}

/** One backend: `matches` claims a URL, `open` connects, migrates and returns the store. */
export interface StoreBackend {
  readonly dialect: StoreDialect;
  matches(url: string): boolean;
  open(url: string, options: OpenStoreOptions): Promise<Store>;
}
