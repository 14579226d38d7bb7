import { existsSync, readFileSync } from 'node:fs';
import type { RunRecord } from '../core/types.ts';
import type { TopicDiff } from '../pipeline/refresh/diff.ts';
import type { Store, Topic } from '../store/store.ts';

/** Each topic with its refreshes (newest first) and the diff each one wrote, read from the path its run recorded. */
export async function topicsWithHistory(
  store: Store,
): Promise<{ topic: Topic; refreshes: { run: RunRecord; diff: TopicDiff | null }[] }[]> {
  const out: { topic: Topic; refreshes: { run: RunRecord; diff: TopicDiff | null }[] }[] = [];
  for (const topic of await store.topics.list()) {
    const runs = await store.runs.list({ topic: topic.name, limit: 50 });
    out.push({
      topic,
      refreshes: runs.filter((run) => run.command === 'refresh').map((run) => ({ run, diff: diffOf(run) })),
    });
  }
  return out;
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
