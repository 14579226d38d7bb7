/** Claims, verdicts, the run ledger, topics, ingest failures and experiments on Postgres. */
import {
  type ClaimRow,
  calibrationOf,
  type EvidenceRow,
  rowToClaim,
  rowToVerdict,
  type VerdictRow,
} from '../claims.ts';
import { type ExperimentRow, fromRow as experimentFromRow } from '../experiments.ts';
import { type RunRow, toRun } from '../runs.ts';
import type { ClaimStore, ExperimentStore, IngestFailureStore, RunStore, TopicStore, VerdictStore } from '../store.ts';
import { rowToTopic, type TopicRow } from '../topics.ts';
import type { Db } from './db.ts';

export function claimOperations(db: Db): ClaimStore {
  return {
    save: (claims, question) =>
      db.atomic(async (inner) => {
        const saved = [];
        for (const claim of claims) {
          const [row] = await inner.rows<ClaimRow>(
            `INSERT INTO claims (paper_id, text, type, numbers_json, passage_id, char_start, char_end, relevance, question, engine,
               centrality, locations_json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (paper_id, engine, text) DO UPDATE SET relevance = excluded.relevance,
               question = excluded.question, passage_id = excluded.passage_id, char_start = excluded.char_start,
               char_end = excluded.char_end, centrality = excluded.centrality, locations_json = excluded.locations_json
             RETURNING *`,
            [
              claim.paperId,
              claim.text,
              claim.type,
              JSON.stringify(claim.numbers),
              claim.passageId,
              claim.charStart,
              claim.charEnd,
              claim.relevance,
              question,
              claim.engine,
              claim.centrality ?? null,
              JSON.stringify(claim.locations ?? []),
            ],
          );
          saved.push(rowToClaim(row!));
        }
        return saved;
      }),
    list: async (paperId, engine) =>
      (
        await db.rows<ClaimRow>(
          `SELECT * FROM claims WHERE paper_id = $1 ${engine ? 'AND engine = $2' : ''} ORDER BY relevance DESC, id`,
          engine ? [paperId, engine] : [paperId],
        )
      ).map(rowToClaim),
    corpusSnapshot: (paperIds) =>
      db.rows<{ paper_id: string; content_hash: string }>(
        // ORDER BY … COLLATE "C": byte order, as SQLite sorts text, whatever the database's locale.
        `SELECT d.paper_id, d.content_hash FROM documents d
         WHERE d.id = (SELECT max(id) FROM documents WHERE paper_id = d.paper_id)
           AND ($1::text[] IS NULL OR d.paper_id = ANY($1))
         ORDER BY d.paper_id COLLATE "C"`,
        [paperIds ?? null],
      ),
  };
}

export function verdictOperations(db: Db): VerdictStore {
  return {
    save: (claimId, result, evidenceKey) =>
      db.atomic(async (inner) => {
        const [row] = await inner.rows<{ id: number }>(
          `INSERT INTO verdicts (claim_id, verdict, confidence, rationale, numeric_json, engine, unverified_reason,
             evidence_key, checks_json, calibration)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
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
          ],
        );
        const verdictId = row!.id;
        if (result.evidence.length > 0) {
          const e = result.evidence;
          await inner.rows(
            `INSERT INTO evidence (verdict_id, paper_id, passage_id, quote, location, char_start, char_end, cell_json)
             SELECT $1, paper_id, passage_id, quote, location, char_start, char_end, cell_json
             FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[])
               WITH ORDINALITY AS t(paper_id, passage_id, quote, location, char_start, char_end, cell_json, n)
             ORDER BY n`,
            [
              verdictId,
              e.map((x) => x.paperId),
              e.map((x) => x.passageId),
              e.map((x) => x.quote),
              e.map((x) => x.location),
              e.map((x) => x.charStart ?? null),
              e.map((x) => x.charEnd ?? null),
              e.map((x) => (x.cell ? JSON.stringify(x.cell) : null)),
            ],
          );
        }
        return verdictId;
      }),
    latest: async (claimId, options = {}) => {
      const params: unknown[] = [claimId];
      const filters = ['claim_id = $1'];
      if (options.engine) filters.push(`engine = $${params.push(options.engine)}`);
      if (options.evidenceKey) filters.push(`evidence_key = $${params.push(options.evidenceKey)}`);
      const [row] = await db.rows<VerdictRow>(
        `SELECT * FROM verdicts WHERE ${filters.join(' AND ')} ORDER BY id DESC LIMIT 1`,
        params,
      );
      if (!row) return undefined;
      const evidence = await db.rows<EvidenceRow>('SELECT * FROM evidence WHERE verdict_id = $1 ORDER BY id', [row.id]);
      return rowToVerdict(row, evidence);
    },
  };
}

export function runOperations(db: Db): RunStore {
  return {
    start: async (command, args, config, topic) => {
      const [row] = await db.rows<{ id: number }>(
        'INSERT INTO runs (command, args_json, config_json, topic) VALUES ($1, $2, $3, $4) RETURNING id',
        [command, JSON.stringify(args), JSON.stringify(config), topic ?? null],
      );
      return row!.id;
    },
    finish: async (id, status, summary) => {
      await db.changes('UPDATE runs SET status = $1, summary_json = $2, finished_at = litmus_now() WHERE id = $3', [
        status,
        JSON.stringify(summary),
        id,
      ]);
    },
    get: async (id) => {
      const [row] = await db.rows<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
      return row ? toRun(row) : undefined;
    },
    list: async (options = {}) =>
      (
        await db.rows<RunRow>(
          `SELECT * FROM runs ${options.topic ? 'WHERE topic = $2' : ''} ORDER BY id DESC LIMIT $1`,
          options.topic ? [options.limit ?? 100, options.topic] : [options.limit ?? 100],
        )
      ).map(toRun),
    failInterrupted: (topic, reason) =>
      db.changes(
        `UPDATE runs SET status = 'failed', summary_json = $1, finished_at = litmus_now()
         WHERE topic = $2 AND status = 'running'`,
        [JSON.stringify({ error: reason }), topic],
      ),
  };
}

export function topicOperations(db: Db): TopicStore {
  return {
    saveDefinition: async (topic) => {
      await db.changes(
        `INSERT INTO topics (name, question, queries_json, categories_json, schedule, options_json)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO UPDATE SET question = excluded.question, queries_json = excluded.queries_json,
           categories_json = excluded.categories_json, schedule = excluded.schedule, options_json = excluded.options_json`,
        [
          topic.name,
          topic.question,
          JSON.stringify(topic.queries),
          JSON.stringify(topic.categories),
          topic.schedule,
          JSON.stringify(topic.options),
        ],
      );
    },
    get: async (name) => {
      const [row] = await db.rows<TopicRow>('SELECT * FROM topics WHERE name = $1', [name]);
      return row ? rowToTopic(row) : undefined;
    },
    list: async () => (await db.rows<TopicRow>('SELECT * FROM topics ORDER BY name COLLATE "C"')).map(rowToTopic),
    remove: (name) =>
      db.atomic(async (inner) => {
        await inner.changes('DELETE FROM locks WHERE name = $1', [`refresh:${name}`]);
        return (await inner.changes('DELETE FROM topics WHERE name = $1', [name])) > 0;
      }),
    commitRefresh: async (name, state, refreshedAt) => {
      await db.changes('UPDATE topics SET state_json = $1, last_refresh_at = $2 WHERE name = $3', [
        JSON.stringify(state),
        refreshedAt,
        name,
      ]);
    },
  };
}

export function ingestFailureOperations(db: Db): IngestFailureStore {
  return {
    record: async (failure) => {
      await db.changes(
        `INSERT INTO ingest_failures (input, content_hash, code, message) VALUES ($1, $2, $3, $4)
         ON CONFLICT (input) DO UPDATE SET content_hash = excluded.content_hash, code = excluded.code,
           message = excluded.message, failed_at = litmus_now()`,
        [failure.input, failure.contentHash, failure.code, failure.message],
      );
    },
    get: async (input) => {
      const [row] = await db.rows<{
        input: string;
        content_hash: string | null;
        code: string;
        message: string;
        failed_at: string;
      }>('SELECT * FROM ingest_failures WHERE input = $1', [input]);
      return row
        ? {
            input: row.input,
            contentHash: row.content_hash,
            code: row.code,
            message: row.message,
            failedAt: row.failed_at,
          }
        : undefined;
    },
    clear: async (input) => {
      await db.changes('DELETE FROM ingest_failures WHERE input = $1', [input]);
    },
  };
}

export function experimentOperations(db: Db): ExperimentStore {
  return {
    insert: async (record) => {
      const [row] = await db.rows<{ id: number }>(
        `INSERT INTO experiments (name, kind, spec_json, command_json, started_at, finished_at, exit_code,
           stdout_tail, stderr_tail, metrics_json, host_json, claims_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          record.name,
          record.kind,
          JSON.stringify(record.spec),
          record.command === null ? null : JSON.stringify(record.command),
          record.startedAt,
          record.finishedAt,
          record.exitCode,
          record.stdoutTail,
          record.stderrTail,
          JSON.stringify(record.metrics),
          JSON.stringify(record.host),
          JSON.stringify(record.claims),
        ],
      );
      return row!.id;
    },
    get: async (id) => {
      const [row] = await db.rows<ExperimentRow>('SELECT * FROM experiments WHERE id = $1', [id]);
      return row ? experimentFromRow(row) : undefined;
    },
    list: async (options = {}) =>
      (
        await db.rows<ExperimentRow>(
          `SELECT * FROM experiments ${options.name === undefined ? '' : 'WHERE name = $2'} ORDER BY id DESC LIMIT $1`,
          options.name === undefined ? [options.limit ?? null] : [options.limit ?? null, options.name],
        )
      ).map(experimentFromRow),
  };
}
