/**
 * Search within given papers (`litmus search --paper`, the web library's filters, the API and MCP)
 * against FTS5's own bm25() on the same passages: one `MATCH … AND rowid BETWEEN` per paper, its range
 * bound as an integer so FTS5 seeks to it, the papers' top 10 merged. Scopes: one paper, and a tenth of
 * the papers (at least two). Also whether litmus returns the same ids and scores.
 */
import type { openStore } from '../src/store/db.ts';
import { rankedQuery, searchPassages } from '../src/store/search.ts';
import { percentile, ratio, round } from './measure.ts';

type SqliteStore = ReturnType<typeof openStore>;

export function benchSearchInPapers(store: SqliteStore, texts: string[]): Record<string, number> {
  const papers = store.db
    .prepare('SELECT paper_id AS id, MIN(id) AS lo, MAX(id) AS hi FROM passages GROUP BY paper_id ORDER BY MIN(id)')
    .all() as { id: string; lo: number; hi: number }[];
  const perPaper = store.db.prepare(
    'SELECT rowid AS id, bm25(passages_fts) AS rank FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY 2 LIMIT 10',
  );
  const raw = (text: string, scope: typeof papers) =>
    scope
      .flatMap(
        (paper) =>
          perPaper.all(rankedQuery(text, 'all-then-any'), BigInt(paper.lo), BigInt(paper.hi)) as {
            id: number;
            rank: number;
          }[],
      )
      .sort((a, b) => a.rank - b.rank || a.id - b.id)
      .slice(0, 10);
  const ours = (text: string, scope: typeof papers) =>
    searchPassages(store, text, { paperIds: scope.map((paper) => paper.id), limit: 10 }).map((hit) => ({
      id: hit.passage.id,
      rank: -hit.score,
    }));
  const figures: Record<string, number> = {};
  const tenth = Math.max(2, Math.round(papers.length / 10));
  for (const [label, scope] of [
    ['1_paper', papers.filter((_, i) => i === Math.floor(papers.length / 2))],
    [`${tenth}_papers`, papers.filter((_, i) => i % Math.ceil(papers.length / tenth) === 0).slice(0, tenth)],
  ] as const) {
    const times = { litmus: [] as number[], raw: [] as number[] };
    let same = 0;
    texts.forEach((text, turn) => {
      const order = turn % 2 === 0 ? (['litmus', 'raw'] as const) : (['raw', 'litmus'] as const);
      const results: Record<string, unknown> = {};
      for (const name of order) {
        const start = performance.now();
        results[name] = name === 'litmus' ? ours(text, scope) : raw(text, scope);
        times[name].push(performance.now() - start);
      }
      if (JSON.stringify(results.litmus) === JSON.stringify(results.raw)) same += 1;
    });
    for (const list of Object.values(times)) list.sort((a, b) => a - b);
    figures[`in_${label}_litmus_p50_ms`] = round(percentile(times.litmus, 0.5));
    figures[`in_${label}_litmus_p95_ms`] = round(percentile(times.litmus, 0.95));
    figures[`in_${label}_raw_bm25_p50_ms`] = round(percentile(times.raw, 0.5));
    figures[`in_${label}_raw_bm25_p95_ms`] = round(percentile(times.raw, 0.95));
    figures[`in_${label}_litmus_vs_raw_p50`] = ratio(percentile(times.litmus, 0.5), percentile(times.raw, 0.5));
    figures[`in_${label}_litmus_vs_raw_p95`] = ratio(percentile(times.litmus, 0.95), percentile(times.raw, 0.95));
    figures[`in_${label}_top10_same_as_raw`] = round(same / texts.length, 3);
  }
  return figures;
}
