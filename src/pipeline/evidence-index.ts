import type { Passage } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import { Bm25Index } from '../verify/bm25.ts';

export interface RankedPassage {
  passage: Passage;
  /** BM25 over the index's passages (core/words.ts stems), higher is closer. */
  score: number;
}

interface PassageIndex {
  bm25: Bm25Index;
  byKey: Map<string, Passage>;
}

/**
 * BM25 over passages ranked here, in application code, rather than by the store's full-text search:
 * SQLite (FTS5, Porter) and Postgres (tsvector, Snowball) rank and even shortlist passages
 * differently, so evidence taken from either would make verdicts depend on the backend. Each index
 * covers a fixed set of papers' prose passages (their newest documents), so a score depends only on
 * those texts. Built once per paper or paper set and reused for every claim of a run: make one per
 * run (or job) and pass it to `retrieveEvidence`. Ties break by paper id, then the passage's place in
 * its document — never by a row id, which differs between stores and between runs.
 */
export class EvidenceIndex {
  private readonly passagesOf = new Map<string, Promise<Passage[]>>();
  private readonly indexes = new Map<string, Promise<PassageIndex>>();
  private readonly titles = new Map<string, Promise<string | undefined>>();

  constructor(private readonly store: Store) {}

  /** The prose passages of a paper's newest document, in document order. */
  prose(paperId: string): Promise<Passage[]> {
    let passages = this.passagesOf.get(paperId);
    if (!passages) {
      passages = this.store.passages
        .list(paperId, { kind: 'prose' })
        .then((list) => [...list].sort((a, b) => a.ordinal - b.ordinal || a.charStart - b.charStart));
      this.passagesOf.set(paperId, passages);
    }
    return passages;
  }

  title(paperId: string): Promise<string | undefined> {
    let title = this.titles.get(paperId);
    if (!title) this.titles.set(paperId, (title = this.store.papers.get(paperId).then((paper) => paper?.title)));
    return title;
  }

  /**
   * The passages of `paperIds` closest to `text`, best first, at most `limit`, leaving out the papers
   * in `excludePaperIds` (or keeping only `onlyPaperId`'s). The IDF is that of the whole set, so every
   * claim searching the same set sees the same statistics whichever paper it comes from.
   */
  async search(
    text: string,
    paperIds: string[],
    options: { limit: number; excludePaperIds?: string[]; onlyPaperId?: string },
  ): Promise<RankedPassage[]> {
    const index = await this.indexOf(paperIds);
    const excluded = new Set(options.excludePaperIds ?? []);
    const out: RankedPassage[] = [];
    for (const hit of index.bm25.search(text, Number.POSITIVE_INFINITY)) {
      const passage = index.byKey.get(hit.id)!;
      if (excluded.has(passage.paperId)) continue;
      if (options.onlyPaperId !== undefined && passage.paperId !== options.onlyPaperId) continue;
      out.push({ passage, score: hit.score });
      if (out.length >= options.limit) break;
    }
    return out;
  }

  private indexOf(paperIds: string[]): Promise<PassageIndex> {
    const ids = [...new Set(paperIds)].sort();
    const key = ids.join('\n');
    let index = this.indexes.get(key);
    if (!index) {
      index = this.build(ids);
      this.indexes.set(key, index);
    }
    return index;
  }

  private async build(paperIds: string[]): Promise<PassageIndex> {
    const bm25 = new Bm25Index();
    const byKey = new Map<string, Passage>();
    for (const paperId of paperIds) {
      for (const passage of await this.prose(paperId)) {
        const key = passageKey(passage);
        byKey.set(key, passage);
        bm25.add(key, passage.text);
      }
    }
    return { bm25, byKey };
  }
}

/** A key that sorts by paper, then place in the document: the tie-break between equal scores. */
function passageKey(passage: Passage): string {
  return `${passage.paperId}\u0000${String(passage.ordinal).padStart(8, '0')}`;
}
