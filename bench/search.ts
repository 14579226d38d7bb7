import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedDocument } from '../src/core/types.ts';
import { openStore } from '../src/store/db.ts';
import { insertDocument } from '../src/store/documents.ts';
import { upsertPaper } from '../src/store/papers.ts';
import { searchPassages, toFtsQuery } from '../src/store/search.ts';
import { benchDir, peakRssOf, percentile, ratio, round } from './measure.ts';

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

function wordSource(seed: number): () => string {
  const vocabulary = makeVocabulary(20_000);
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return vocabulary[Math.floor(vocabulary.length * (seed / 2147483648) ** 3)]!; // skewed: common words recur
  };
}

/**
 * A database of `count` generated passages (~30 words, 1000 per document), built once and kept in
 * .tmp/bench/ (building 1M passages takes minutes); delete the file to rebuild.
 */
export function searchBenchDb(count: number): string {
  const path = join(benchDir(), `search-${count}.db`);
  if (existsSync(path)) return path;
  mkdirSync(benchDir(), { recursive: true });
  const building = `${path}.building-${process.pid}`;
  const store = openStore(building);
  const nextWord = wordSource(42);
  const perDocument = 1000;
  for (let d = 0; d * perDocument < count; d += 1) {
    const paragraphs: string[] = [];
    for (let p = 0; p < Math.min(perDocument, count - d * perDocument); p += 1) {
      paragraphs.push(Array.from({ length: 30 }, nextWord).join(' '));
    }
    const fullText = paragraphs.join('\n\n');
    const parsed: ParsedDocument = {
      kind: 'text',
      title: null,
      abstract: null,
      authors: [],
      fullText,
      pages: [],
      sections: [],
      tables: [],
      references: [],
      warnings: [],
    };
    let offset = 0;
    const passages = paragraphs.map((text, ordinal) => {
      const draft = { ordinal, charStart: offset, charEnd: offset + text.length, page: null, sectionPath: [] };
      offset += text.length + 2;
      return draft;
    });
    const id = `bench:${d}`;
    store.transaction(() => {
      upsertPaper(store, {
        id,
        workId: id,
        source: 'local',
        externalId: id,
        version: null,
        title: id,
        authors: [],
        published: null,
        updated: null,
        categories: [],
        licence: null,
        abstract: null,
      });
      insertDocument(store, {
        paperId: id,
        kind: 'text',
        contentHash: id,
        bytes: fullText.length,
        origin: 'bench',
        parsed,
        passages,
      });
    });
  }
  store.db.exec("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')");
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  renameSync(building, path);
  rmSync(`${building}-wal`, { force: true });
  rmSync(`${building}-shm`, { force: true });
  return path;
}

/**
 * litmus's search against raw FTS5 (the same OR query, top 10 by bm25, ids only) on the same table,
 * interleaved query by query; plus the peak memory of the `litmus search` process.
 */
export async function benchSearchAt(count: number, queries = 200): Promise<Record<string, unknown>> {
  const buildStart = performance.now();
  const path = searchBenchDb(count);
  const buildS = (performance.now() - buildStart) / 1000;
  const store = openStore(path, { readonly: true });
  try {
    const nextWord = wordSource(4242);
    const texts = Array.from({ length: queries }, () => `${nextWord()} ${nextWord()}`);
    const raw = store.db.prepare(
      'SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 10',
    );
    // Warm the page cache for both sides alike.
    for (const text of texts.slice(0, 20)) {
      raw.all(toFtsQuery(text, 'any'));
      searchPassages(store, text, { limit: 10 });
    }
    const litmusMs: number[] = [];
    const rawMs: number[] = [];
    for (const text of texts) {
      let start = performance.now();
      raw.all(toFtsQuery(text, 'any'));
      rawMs.push(performance.now() - start);
      start = performance.now();
      searchPassages(store, text, { limit: 10 });
      litmusMs.push(performance.now() - start);
    }
    litmusMs.sort((a, b) => a - b);
    rawMs.sort((a, b) => a - b);
    const cli = await peakRssOf(['--db', path, 'search', texts[0]!, '--limit', '10']);
    const p50 = percentile(litmusMs, 0.5);
    const p95 = percentile(litmusMs, 0.95);
    return {
      passages: count,
      db_built_s: round(buildS, 1),
      litmus_p50_ms: round(p50, 2),
      litmus_p95_ms: round(p95, 2),
      raw_fts5_p50_ms: round(percentile(rawMs, 0.5), 2),
      raw_fts5_p95_ms: round(percentile(rawMs, 0.95), 2),
      ratio_p50: ratio(p50, percentile(rawMs, 0.5)),
      ratio_p95: ratio(p95, percentile(rawMs, 0.95)),
      cli_search_peak_mib: cli.peakMiB,
      cli_search_wall_s: cli.wallS,
    };
  } finally {
    store.close();
  }
}
