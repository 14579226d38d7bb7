import type { Verdict } from '../core/types.ts';
import type { Store } from './db.ts';

/** What a user says about a topic: stored in the database and mirrored as topics/<name>.json. */
export interface TopicDefinition {
  name: string;
  question: string;
  /** arXiv queries; empty means "the planned ones", fixed at the first refresh. */
  queries: string[];
  categories: string[];
  schedule: string | null;
  options: TopicOptions;
}

export interface TopicOptions {
  maxPapers?: number;
  threshold?: number;
  outDir?: string;
}

/** One claim as it stood at a topic's last successful refresh; `key` matches it across versions. */
export interface TopicClaim {
  key: string;
  claim_id: number;
  paper_id: string;
  work_id: string;
  text: string;
  verdict: Verdict;
  confidence: number;
  rationale: string;
  evidence_papers: string[];
  corroborating: string[];
  contradicting: string[];
}

/** What the last successful refresh left: compared with the next one to make the diff. */
export interface TopicState {
  /** The base queries actually searched (given or planned), before category and date filters. */
  queries: string[];
  /** Included paper versions, e.g. "arxiv:2302.07302v2". */
  included: string[];
  /** Every record id identified so far (included or not), so a later window skips them. */
  seen: string[];
  claims: TopicClaim[];
  snapshot: string | null;
  report_dir: string | null;
}

export interface Topic extends TopicDefinition {
  lastRefreshAt: string | null;
  createdAt: string;
  state: TopicState;
}

export interface TopicRow {
  name: string;
  question: string;
  queries_json: string;
  categories_json: string;
  schedule: string | null;
  last_refresh_at: string | null;
  created_at: string;
  options_json: string;
  state_json: string;
}

export function emptyTopicState(): TopicState {
  return { queries: [], included: [], seen: [], claims: [], snapshot: null, report_dir: null };
}

export function rowToTopic(row: TopicRow): Topic {
  return {
    name: row.name,
    question: row.question,
    queries: JSON.parse(row.queries_json) as string[],
    categories: JSON.parse(row.categories_json) as string[],
    schedule: row.schedule,
    options: JSON.parse(row.options_json) as TopicOptions,
    lastRefreshAt: row.last_refresh_at,
    createdAt: row.created_at,
    state: { ...emptyTopicState(), ...(JSON.parse(row.state_json) as Partial<TopicState>) },
  };
}

/** Adds a topic or updates its definition; its refresh state and watermark are kept. */
export function saveTopicDefinition(store: Store, topic: TopicDefinition): void {
  store.db
    .prepare(
      `INSERT INTO topics (name, question, queries_json, categories_json, schedule, options_json)
       VALUES (@name, @question, @queries_json, @categories_json, @schedule, @options_json)
       ON CONFLICT(name) DO UPDATE SET question = excluded.question, queries_json = excluded.queries_json,
         categories_json = excluded.categories_json, schedule = excluded.schedule, options_json = excluded.options_json`,
    )
    .run({
      name: topic.name,
      question: topic.question,
      queries_json: JSON.stringify(topic.queries),
      categories_json: JSON.stringify(topic.categories),
      schedule: topic.schedule,
      options_json: JSON.stringify(topic.options),
    });
}

export function getTopic(store: Store, name: string): Topic | undefined {
  const row = store.db.prepare('SELECT * FROM topics WHERE name = ?').get(name) as TopicRow | undefined;
  return row ? rowToTopic(row) : undefined;
}

export function listTopics(store: Store): Topic[] {
  return (store.db.prepare('SELECT * FROM topics ORDER BY name').all() as TopicRow[]).map(rowToTopic);
}

export function removeTopic(store: Store, name: string): boolean {
  return store.transaction(() => {
    store.db.prepare('DELETE FROM locks WHERE name = ?').run(`refresh:${name}`);
    return store.db.prepare('DELETE FROM topics WHERE name = ?').run(name).changes > 0;
  });
}

/**
 * The last step of a successful refresh: the new state and the watermark in one statement, so a
 * process killed before it leaves the topic exactly as it was (and a rerun redoes the same window).
 */
export function commitTopicRefresh(store: Store, name: string, state: TopicState, refreshedAt: string): void {
  store.db
    .prepare('UPDATE topics SET state_json = ?, last_refresh_at = ? WHERE name = ?')
    .run(JSON.stringify(state), refreshedAt, name);
}

/** Runs of a topic left 'running' by a process that died: marked failed when its lock is taken over. */
export function failInterruptedRuns(store: Store, topic: string, reason: string): number {
  return store.db
    .prepare(
      `UPDATE runs SET status = 'failed', summary_json = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE topic = ? AND status = 'running'`,
    )
    .run(JSON.stringify({ error: reason }), topic).changes;
}
