import type { RunRecord, RunStatus } from '../core/types.ts';
import type { Store } from './db.ts';

/** Every command run is recorded with its config snapshot, so any output can be traced to its inputs. */
export function startRun(store: Store, command: string, args: string[], config: unknown, topic?: string): number {
  const info = store.db
    .prepare('INSERT INTO runs (command, args_json, config_json, topic) VALUES (?, ?, ?, ?)')
    .run(command, JSON.stringify(args), JSON.stringify(config), topic ?? null);
  return Number(info.lastInsertRowid);
}

export function finishRun(store: Store, id: number, status: RunStatus, summary: unknown): void {
  store.db
    .prepare(
      `UPDATE runs SET status = ?, summary_json = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
    )
    .run(status, JSON.stringify(summary), id);
}

export interface RunRow {
  id: number;
  command: string;
  args_json: string;
  config_json: string;
  status: RunStatus;
  topic: string | null;
  started_at: string;
  finished_at: string | null;
  summary_json: string | null;
}

export const toRun = (row: RunRow): RunRecord => ({
  id: row.id,
  command: row.command,
  args: JSON.parse(row.args_json) as string[],
  config: JSON.parse(row.config_json) as unknown,
  status: row.status,
  topic: row.topic,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  summary: row.summary_json ? (JSON.parse(row.summary_json) as unknown) : null,
});

export function listRuns(store: Store, options: { topic?: string; limit?: number } = {}): RunRecord[] {
  const rows = store.db
    .prepare(`SELECT * FROM runs ${options.topic ? 'WHERE topic = ?' : ''} ORDER BY id DESC LIMIT ?`)
    .all(...(options.topic ? [options.topic] : []), options.limit ?? 100) as RunRow[];
  return rows.map(toRun);
}

export function getRun(store: Store, id: number): RunRecord | undefined {
  const row = store.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return row ? toRun(row) : undefined;
}
