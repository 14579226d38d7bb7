import { createRelevanceScorer } from '../core/relevance.ts';
import type { Paper } from '../core/types.ts';

export interface ScreeningDecision {
  id: string;
  title: string;
  score: number;
  included: boolean;
  reason: string;
}

export interface ScreenOptions {
  maxPapers: number;
  threshold: number;
  /** Records the user asked for by name: always included. */
  pinned?: Set<string>;
  pinnedReason?: string;
}

/**
 * Scores each record's relevance to the question from its title and abstract, keeps the best
 * `maxPapers` above the threshold, and gives every exclusion its reason.
 */
export function screenRecords(question: string, records: Paper[], options: ScreenOptions): ScreeningDecision[] {
  const texts = records.map((r) => `${r.title}. ${r.abstract ?? ''}`);
  const scorer = createRelevanceScorer(question, texts);
  const scored = records
    .map((record, index) => ({ record, score: round(scorer.score(texts[index]!)) }))
    .sort((a, b) => b.score - a.score || a.record.id.localeCompare(b.record.id));
  const pinned = options.pinned ?? new Set<string>();
  let kept = [...pinned].filter((id) => records.some((r) => r.id === id)).length;
  return scored.map(({ record, score }) => {
    const base = { id: record.id, title: record.title, score };
    if (pinned.has(record.id)) return { ...base, included: true, reason: options.pinnedReason ?? 'given with --paper' };
    if (record.withdrawn) return { ...base, included: false, reason: 'withdrawn by its authors' };
    if (score < options.threshold) {
      return { ...base, included: false, reason: `relevance ${score} below threshold ${options.threshold}` };
    }
    if (kept >= options.maxPapers) {
      return {
        ...base,
        included: false,
        reason: `relevance ${score} outside the top ${options.maxPapers} (--max-papers)`,
      };
    }
    kept += 1;
    return { ...base, included: true, reason: `relevance ${score}` };
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
