import { existsSync, readFileSync } from 'node:fs';
import type { RunRecord } from '../core/types.ts';
import type { TopicDiff } from '../pipeline/refresh/diff.ts';
import type { Store } from '../store/db.ts';
import { listRuns } from '../store/runs.ts';
import { listTopics, type Topic } from '../store/topics.ts';

/** Each topic with its refreshes (newest first) and the diff each one wrote, read from the path its run recorded. */
export function topicsWithHistory(
  store: Store,
): { topic: Topic; refreshes: { run: RunRecord; diff: TopicDiff | null }[] }[] {
  return listTopics(store).map((topic) => ({
    topic,
    refreshes: listRuns(store, { topic: topic.name, limit: 50 })
      .filter((run) => run.command === 'refresh')
      .map((run) => ({ run, diff: diffOf(run) })),
  }));
}

function diffOf(run: RunRecord): TopicDiff | null {
  const files = (run.summary as { diff?: string[] | null } | null)?.diff ?? [];
  const path = Array.isArray(files) ? files.find((f) => typeof f === 'string' && f.endsWith('diff.json')) : undefined;
  if (!path || !existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TopicDiff;
  } catch {
    return null;
  }
}
