import type { Store } from './db.ts';

/** A companion experiment run as stored in table `experiments` (re-exported by src/experiments/record.ts). */
export type ExperimentKind = 'command' | 'import' | 'humaneval-x';

export interface ExperimentRecord {
  id?: number;
  name: string;
  kind: ExperimentKind;
  /** The spec as given (validated), plus context the matcher uses: model, dataset, tolerance. */
  spec: Record<string, unknown>;
  command: string[] | null;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  stdoutTail: string | null;
  stderrTail: string | null;
  metrics: Record<string, unknown>;
  host: Record<string, unknown>;
  claims: string[];
  createdAt?: string;
}

export interface ExperimentRow {
  id: number;
  name: string;
  kind: string;
  spec_json: string;
  command_json: string | null;
  started_at: string | null;
  finished_at: string | null;
  exit_code: number | null;
  stdout_tail: string | null;
  stderr_tail: string | null;
  metrics_json: string;
  host_json: string;
  claims_json: string;
  created_at: string;
}

export function insertExperiment(store: Store, record: ExperimentRecord): number {
  const result = store.db
    .prepare(
      `INSERT INTO experiments (name, kind, spec_json, command_json, started_at, finished_at, exit_code,
         stdout_tail, stderr_tail, metrics_json, host_json, claims_json)
       VALUES (@name, @kind, @spec, @command, @startedAt, @finishedAt, @exitCode, @stdoutTail, @stderrTail,
         @metrics, @host, @claims)`,
    )
    .run({
      name: record.name,
      kind: record.kind,
      spec: JSON.stringify(record.spec),
      command: record.command === null ? null : JSON.stringify(record.command),
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      exitCode: record.exitCode,
      stdoutTail: record.stdoutTail,
      stderrTail: record.stderrTail,
      metrics: JSON.stringify(record.metrics),
      host: JSON.stringify(record.host),
      claims: JSON.stringify(record.claims),
    });
  return Number(result.lastInsertRowid);
}

export function getExperiment(store: Store, id: number): ExperimentRecord | undefined {
  const row = store.db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as ExperimentRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** Newest first; `name` filters exactly. */
export function listExperiments(store: Store, options: { name?: string; limit?: number } = {}): ExperimentRecord[] {
  const rows = (
    options.name === undefined
      ? store.db.prepare('SELECT * FROM experiments ORDER BY id DESC LIMIT ?').all(options.limit ?? -1)
      : store.db
          .prepare('SELECT * FROM experiments WHERE name = ? ORDER BY id DESC LIMIT ?')
          .all(options.name, options.limit ?? -1)
  ) as ExperimentRow[];
  return rows.map(fromRow);
}

export function fromRow(row: ExperimentRow): ExperimentRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ExperimentKind,
    spec: JSON.parse(row.spec_json) as Record<string, unknown>,
    command: row.command_json === null ? null : (JSON.parse(row.command_json) as string[]),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
    stdoutTail: row.stdout_tail,
    stderrTail: row.stderr_tail,
    metrics: JSON.parse(row.metrics_json) as Record<string, unknown>,
    host: JSON.parse(row.host_json) as Record<string, unknown>,
    claims: JSON.parse(row.claims_json) as string[],
    createdAt: row.created_at,
  };
}
