/**
 * The store spec's operations over the SQLite query modules (src/store/*.ts, kept as this backend's
 * internals). `call` runs one synchronous query function on the handle at the right moment: at once
 * inside a transaction, or after any open transaction outside one.
 */
import { corpusSnapshotRows, latestVerdict, listClaims, saveClaims, saveVerdict } from '../claims.ts';
import type { Store as SqliteHandle } from '../db.ts';
import {
  deleteDocumentsOfPaper,
  documentCounts,
  findDocumentByHash,
  getLatestDocument,
  getPassages,
  insertDocument,
  listPassages,
  paperCounts,
} from '../documents.ts';
import { getExperiment, insertExperiment, listExperiments } from '../experiments.ts';
import { deleteCachedResponse, getCachedResponse, putCachedResponse, touchCachedResponse } from '../http-cache.ts';
import { clearIngestFailure, getIngestFailure, recordIngestFailure } from '../ingest-failures.ts';
import { countLlmCacheEntries, getLlmCacheEntry, putLlmCacheEntry } from '../llm-cache.ts';
import { acquireLock, getLock, releaseLock } from '../locks.ts';
import {
  findPaperBySourcePath,
  getPaper,
  listPapers,
  listVersions,
  paperExists,
  resolvePaper,
  upsertPaper,
} from '../papers.ts';
import { findStoredVersion } from '../papers-arxiv.ts';
import { nextAllowed, releaseSlot, tryAcquireSlot } from '../rate-limits.ts';
import { finishRun, getRun, listRuns, startRun } from '../runs.ts';
import { searchLibraryPapers, searchPassages } from '../search.ts';
import type { Store } from '../store.ts';
import { getTable, listTables } from '../tables.ts';
import {
  commitTopicRefresh,
  failInterruptedRuns,
  getTopic,
  listTopics,
  removeTopic,
  saveTopicDefinition,
} from '../topics.ts';

export type Call = <T>(query: (handle: SqliteHandle) => T) => Promise<T>;

export type Operations = Omit<Store, 'dialect' | 'location' | 'transaction' | 'close'>;

export function sqliteOperations(call: Call): Operations {
  return {
    papers: {
      upsert: (paper, sourcePath = null) => call((h) => upsertPaper(h, paper, sourcePath)),
      get: (id) => call((h) => getPaper(h, id)),
      exists: (id) => call((h) => paperExists(h, id)),
      findBySourcePath: (path) => call((h) => findPaperBySourcePath(h, path)),
      list: () => call((h) => listPapers(h)),
      versions: (workId) => call((h) => listVersions(h, workId)),
      resolve: (text) => call((h) => resolvePaper(h, text)),
      storedVersion: (paperId) => call((h) => findStoredVersion(h, paperId)),
      counts: (paperId) => call((h) => paperCounts(h, paperId)),
      search: (text, options) => call((h) => searchLibraryPapers(h, text, options)),
    },
    documents: {
      insert: (document) => call((h) => insertDocument(h, document)),
      deleteOfPaper: (paperId) => call((h) => deleteDocumentsOfPaper(h, paperId)),
      findByHash: (hash) => call((h) => findDocumentByHash(h, hash)),
      latest: (paperId) => call((h) => getLatestDocument(h, paperId)),
      counts: (documentId) => call((h) => documentCounts(h, documentId)),
    },
    passages: {
      list: (paperId, options) => call((h) => listPassages(h, paperId, options)),
      get: (ids) => call((h) => getPassages(h, ids)),
      search: (text, options) => call((h) => searchPassages(h, text, options)),
    },
    tables: {
      list: (paperId) => call((h) => listTables(h, paperId)),
      get: (paperId, ordinalOrLabel) => call((h) => getTable(h, paperId, ordinalOrLabel)),
    },
    claims: {
      save: (claims, question) => call((h) => saveClaims(h, claims, question)),
      list: (paperId, engine) => call((h) => listClaims(h, paperId, engine)),
      corpusSnapshot: (paperIds) => call((h) => corpusSnapshotRows(h, paperIds)),
    },
    verdicts: {
      save: (claimId, result, evidenceKey) => call((h) => saveVerdict(h, claimId, result, evidenceKey)),
      latest: (claimId, options) => call((h) => latestVerdict(h, claimId, options)),
    },
    runs: {
      start: (command, args, config, topic) => call((h) => startRun(h, command, args, config, topic)),
      finish: (id, status, summary) => call((h) => finishRun(h, id, status, summary)),
      get: (id) => call((h) => getRun(h, id)),
      list: (options) => call((h) => listRuns(h, options)),
      failInterrupted: (topic, reason) => call((h) => failInterruptedRuns(h, topic, reason)),
    },
    topics: {
      saveDefinition: (topic) => call((h) => saveTopicDefinition(h, topic)),
      get: (name) => call((h) => getTopic(h, name)),
      list: () => call((h) => listTopics(h)),
      remove: (name) => call((h) => removeTopic(h, name)),
      commitRefresh: (name, state, at) => call((h) => commitTopicRefresh(h, name, state, at)),
    },
    locks: {
      acquire: (name, options) => call((h) => acquireLock(h, name, options)),
      release: (name, owner) => call((h) => releaseLock(h, name, owner)),
      get: (name) => call((h) => getLock(h, name)),
    },
    httpCache: {
      get: (url) => call((h) => getCachedResponse(h, url)),
      put: (entry) => call((h) => putCachedResponse(h, entry)),
      touch: (url, fetchedAt) => call((h) => touchCachedResponse(h, url, fetchedAt)),
      delete: (url) => call((h) => deleteCachedResponse(h, url)),
    },
    llmCache: {
      get: (key) => call((h) => getLlmCacheEntry(h, key)),
      put: (key, value) => call((h) => putLlmCacheEntry(h, key, value)),
      count: () => call((h) => countLlmCacheEntries(h)),
    },
    rateLimits: {
      tryAcquire: (group, delayMs, leaseMs, nowMs) => call((h) => tryAcquireSlot(h, group, delayMs, leaseMs, nowMs)),
      release: (group, lease, delayMs, endedMs) => call((h) => releaseSlot(h, group, lease, delayMs, endedMs)),
      nextAllowed: (group) => call((h) => nextAllowed(h, group)),
    },
    ingestFailures: {
      record: (failure) => call((h) => recordIngestFailure(h, failure)),
      get: (input) => call((h) => getIngestFailure(h, input)),
      clear: (input) => call((h) => clearIngestFailure(h, input)),
    },
    experiments: {
      insert: (record) => call((h) => insertExperiment(h, record)),
      get: (id) => call((h) => getExperiment(h, id)),
      list: (options) => call((h) => listExperiments(h, options)),
    },
  };
}
