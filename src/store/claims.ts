import type {
  Claim,
  ClaimLocation,
  ClaimNumber,
  ClaimType,
  Evidence,
  EvidenceCell,
  NumericMismatch,
  Verdict,
  VerdictCheck,
  VerdictResult,
} from '../core/types.ts';
import type { Store } from './db.ts';

export interface ClaimRow {
  id: number;
  paper_id: string;
  text: string;
  type: ClaimType;
  numbers_json: string;
  passage_id: number | null;
  char_start: number | null;
  char_end: number | null;
  relevance: number;
  question: string | null;
  engine: string;
  centrality: number | null;
  locations_json: string;
}

export function rowToClaim(row: ClaimRow): Claim & { id: number; question: string | null } {
  return {
    id: row.id,
    paperId: row.paper_id,
    text: row.text,
    type: row.type,
    numbers: JSON.parse(row.numbers_json) as ClaimNumber[],
    passageId: row.passage_id,
    charStart: row.char_start,
    charEnd: row.char_end,
    relevance: row.relevance,
    engine: row.engine,
    question: row.question,
    ...(row.centrality === null ? {} : { centrality: row.centrality }),
    locations: JSON.parse(row.locations_json) as ClaimLocation[],
  };
}

export type StoredClaim = ReturnType<typeof rowToClaim>;

/** Saves claims; a claim already stored for the same paper and engine keeps its id (relevance refreshed). */
export function saveClaims(store: Store, claims: Omit<Claim, 'id'>[], question: string | null): StoredClaim[] {
  const upsert = store.db.prepare(
    `INSERT INTO claims (paper_id, text, type, numbers_json, passage_id, char_start, char_end, relevance, question, engine,
       centrality, locations_json)
     VALUES (@paper_id, @text, @type, @numbers_json, @passage_id, @char_start, @char_end, @relevance, @question, @engine,
       @centrality, @locations_json)
     ON CONFLICT(paper_id, engine, text) DO UPDATE SET relevance = excluded.relevance, question = excluded.question,
       passage_id = excluded.passage_id, char_start = excluded.char_start, char_end = excluded.char_end,
       centrality = excluded.centrality, locations_json = excluded.locations_json
     RETURNING *`,
  );
  return store.transaction(() =>
    claims.map((claim) =>
      rowToClaim(
        upsert.get({
          paper_id: claim.paperId,
          text: claim.text,
          type: claim.type,
          numbers_json: JSON.stringify(claim.numbers),
          passage_id: claim.passageId,
          char_start: claim.charStart,
          char_end: claim.charEnd,
          relevance: claim.relevance,
          question,
          engine: claim.engine,
          centrality: claim.centrality ?? null,
          locations_json: JSON.stringify(claim.locations ?? []),
        }) as ClaimRow,
      ),
    ),
  );
}

export function listClaims(store: Store, paperId: string, engine?: string): StoredClaim[] {
  const rows = store.db
    .prepare(`SELECT * FROM claims WHERE paper_id = ? ${engine ? 'AND engine = ?' : ''} ORDER BY relevance DESC, id`)
    .all(...(engine ? [paperId, engine] : [paperId])) as ClaimRow[];
  return rows.map(rowToClaim);
}

export interface StoredVerdict extends VerdictResult {
  id: number;
  claimId: number;
  evidenceKey: string | null;
  createdAt: string;
}

/**
 * Stores one verdict with its evidence, atomically. `evidenceKey` identifies the exact evidence it
 * was computed from, so an unchanged claim over unchanged evidence is reused.
 */
export function saveVerdict(store: Store, claimId: number, result: VerdictResult, evidenceKey: string | null): number {
  return store.transaction(() => {
    const info = store.db
      .prepare(
        `INSERT INTO verdicts (claim_id, verdict, confidence, rationale, numeric_json, engine, unverified_reason, evidence_key, checks_json, calibration)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        claimId,
        result.verdict,
        result.confidence,
        result.rationale,
        JSON.stringify(result.numeric ?? []),
        result.engine,
        result.unverifiedReason ?? null,
        evidenceKey,
        JSON.stringify(result.checks ?? []),
        calibrationOf(result),
      );
    const verdictId = Number(info.lastInsertRowid);
    const insertEvidence = store.db.prepare(
      `INSERT INTO evidence (verdict_id, paper_id, passage_id, quote, location, char_start, char_end, cell_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const evidence of result.evidence) {
      insertEvidence.run(
        verdictId,
        evidence.paperId,
        evidence.passageId,
        evidence.quote,
        evidence.location,
        evidence.charStart ?? null,
        evidence.charEnd ?? null,
        evidence.cell ? JSON.stringify(evidence.cell) : null,
      );
    }
    return verdictId;
  });
}

/** The newest verdict of a claim by an engine (and over the given evidence when a key is given). */
export function latestVerdict(
  store: Store,
  claimId: number,
  options: { engine?: string; evidenceKey?: string } = {},
): StoredVerdict | undefined {
  const filters = ['claim_id = ?'];
  const params: unknown[] = [claimId];
  if (options.engine) {
    filters.push('engine = ?');
    params.push(options.engine);
  }
  if (options.evidenceKey) {
    filters.push('evidence_key = ?');
    params.push(options.evidenceKey);
  }
  const row = store.db
    .prepare(`SELECT * FROM verdicts WHERE ${filters.join(' AND ')} ORDER BY id DESC LIMIT 1`)
    .get(...params) as VerdictRow | undefined;
  if (!row) return undefined;
  const evidence = store.db
    .prepare('SELECT * FROM evidence WHERE verdict_id = ? ORDER BY id')
    .all(row.id) as EvidenceRow[];
  return rowToVerdict(row, evidence);
}

export interface VerdictRow {
  id: number;
  claim_id: number;
  verdict: Verdict;
  confidence: number;
  rationale: string;
  numeric_json: string;
  engine: string;
  unverified_reason: string | null;
  evidence_key: string | null;
  created_at: string;
  checks_json: string;
  calibration: string | null;
}

export interface EvidenceRow {
  paper_id: string;
  passage_id: number | null;
  quote: string;
  location: string;
  char_start: number | null;
  char_end: number | null;
  cell_json: string | null;
}

/** A verdict row and its evidence rows (in order) as a StoredVerdict; shared with the Postgres store. */
export function rowToVerdict(row: VerdictRow, evidenceRows: EvidenceRow[]): StoredVerdict {
  const evidence = evidenceRows.map(
    (e): Evidence => ({
      paperId: e.paper_id,
      passageId: e.passage_id,
      quote: e.quote,
      location: e.location,
      charStart: e.char_start ?? undefined,
      charEnd: e.char_end ?? undefined,
      ...(e.cell_json ? { cell: JSON.parse(e.cell_json) as EvidenceCell } : {}),
    }),
  );
  const checks = JSON.parse(row.checks_json) as VerdictCheck[];
  return {
    id: row.id,
    claimId: row.claim_id,
    verdict: row.verdict,
    confidence: row.confidence,
    rationale: row.rationale,
    numeric: JSON.parse(row.numeric_json) as NumericMismatch[],
    engine: row.engine,
    unverifiedReason: row.unverified_reason ?? undefined,
    evidence,
    evidenceKey: row.evidence_key,
    createdAt: row.created_at,
    ...(checks.length > 0 ? { checks } : {}),
    ...(row.calibration ? { calibration: row.calibration } : {}),
  };
}

/** The calibration a confidence rests on, when the engine says (older verdict results do not). */
export function calibrationOf(result: VerdictResult): string | null {
  const value = (result as { calibration?: unknown }).calibration;
  return typeof value === 'string' ? value : null;
}

/** A hash-able description of which documents are in the corpus: changes when any text changes. */
export function corpusSnapshotRows(store: Store, paperIds?: string[]): { paper_id: string; content_hash: string }[] {
  const rows = store.db
    .prepare(
      `SELECT d.paper_id AS paper_id, d.content_hash AS content_hash FROM documents d
       WHERE d.id = (SELECT MAX(id) FROM documents WHERE paper_id = d.paper_id) ORDER BY d.paper_id`,
    )
    .all() as { paper_id: string; content_hash: string }[];
  return paperIds ? rows.filter((r) => paperIds.includes(r.paper_id)) : rows;
}
