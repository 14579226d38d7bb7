import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedDocument } from '../src/core/types.ts';
import { openStore } from '../src/store/db.ts';
import { insertDocument } from '../src/store/documents.ts';
import { upsertPaper } from '../src/store/papers.ts';
import { searchPassages } from '../src/store/search.ts';

/** Deterministic pseudo-random words (Zipf-like) so passages look like text to BM25. */
function makeVocabulary(size: number): string[] {
  const syllables = ['ka', 'to', 'ri', 'mu', 'sel', 'gen', 'ver', 'lo', 'pa', 'dex', 'tra', 'no', 'quin', 'zu'];
  const words: string[] = [];
  let seed = 7;
  for (let i = 0; i < size; i += 1) {
    let word = '';
    const length = 2 + (i % 3);
    for (let s = 0; s < length; s += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      word += syllables[seed % syllables.length];
    }
    words.push(`${word}${i}`);
  }
  return words;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** FTS5 BM25 search latency (p50/p95, ms) over `count` generated passages of ~30 words. */
export async function benchSearchAt(count: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'litmus-bench-'));
  const store = openStore(join(dir, 'bench.db'));
  try {
    const vocabulary = makeVocabulary(20_000);
    let seed = 42;
    const nextWord = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const u = seed / 2147483648;
      return vocabulary[Math.floor(vocabulary.length * u ** 3)]!; // skewed: common words recur
    };
    const perDocument = 1000;
    const insertStart = performance.now();
    for (let d = 0; d * perDocument < count; d += 1) {
      const paragraphs: string[] = [];
      for (let p = 0; p < Math.min(perDocument, count - d * perDocument); p += 1) {
        paragraphs.push(Array.from({ length: 30 }, nextWord).join(' '));
      }
      const fullText = paragraphs.join('\n\n');
      const parsed: ParsedDocument = { kind: 'text', title: null, abstract: null, authors: [], fullText, pages: [], sections: [], tables: [], references: [], warnings: [] };
      let offset = 0;
      const passages = paragraphs.map((text, ordinal) => {
        const draft = { ordinal, charStart: offset, charEnd: offset + text.length, page: null, sectionPath: [] };
        offset += text.length + 2;
        return draft;
      });
      const id = `bench:${d}`;
      store.transaction(() => {
        upsertPaper(store, { id, workId: id, source: 'local', externalId: id, version: null, title: id, authors: [], published: null, updated: null, categories: [], licence: null, abstract: null });
        insertDocument(store, { paperId: id, kind: 'text', contentHash: id, bytes: fullText.length, origin: 'bench', parsed, passages });
      });
    }
    const insertMs = performance.now() - insertStart;
    const timings: number[] = [];
    for (let q = 0; q < 200; q += 1) {
      const query = `${nextWord()} ${nextWord()}`;
      const start = performance.now();
      searchPassages(store, query, { limit: 10 });
      timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    return {
      passages: count,
      insert_passages_per_s: Math.round(count / (insertMs / 1000)),
      search_p50_ms: Number(percentile(timings, 0.5).toFixed(2)),
      search_p95_ms: Number(percentile(timings, 0.95).toFixed(2)),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
