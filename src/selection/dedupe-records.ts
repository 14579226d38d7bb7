import { normalizeForMatch } from '../core/text.ts';
import type { Paper } from '../core/types.ts';

export interface DuplicateRecord {
  id: string;
  title: string;
  duplicateOf: string;
  reason: string;
}

/**
 * One record per work: the same arXiv work (any version), the same DOI, or the same normalised title
 * is a duplicate. The first record seen wins, except that a pinned one (given by the user) always wins.
 */
export function dedupeRecords(
  records: Paper[],
  pinned: Set<string> = new Set(),
): { unique: Paper[]; duplicates: DuplicateRecord[] } {
  const ordered = [...records.filter((r) => pinned.has(r.id)), ...records.filter((r) => !pinned.has(r.id))];
  const byKey = new Map<string, Paper>();
  const unique: Paper[] = [];
  const duplicates: DuplicateRecord[] = [];
  for (const record of ordered) {
    const keys = [
      ['arXiv id', `work:${record.workId}`],
      ['DOI', record.doi ? `doi:${record.doi.toLowerCase()}` : null],
      ['title', `title:${normalizeForMatch(record.title)}`],
    ] as const;
    const hit = keys.find(([, key]) => key !== null && byKey.has(key));
    if (hit) {
      const original = byKey.get(hit[1]!)!;
      duplicates.push({
        id: record.id,
        title: record.title,
        duplicateOf: original.id,
        reason: `same ${hit[0]} as ${original.id}`,
      });
      continue;
    }
    for (const [, key] of keys) if (key) byKey.set(key, record);
    unique.push(record);
  }
  return { unique, duplicates };
}
