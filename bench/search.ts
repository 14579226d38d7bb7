import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper, ParsedDocument } from '../src/core/types.ts';
import { openStore } from '../src/store/db.ts';
import { insertDocument, type NewDocument } from '../src/store/documents.ts';
import { upsertPaper } from '../src/store/papers.ts';
import { rankedQuery, searchPassages, toFtsQuery } from '../src/store/search.ts';
import { benchDir, peakRssOf, percentile, ratio, round } from './measure.ts';

/** Deterministic pseudo-random words (Zipf-like) so passages look like text to BM25. */
export function makeVocabulary(size: number): string[] {
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

export function wordSource(seed: number): () => string {
  const vocabulary = makeVocabulary(20_000);
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return vocabulary[Math.floor(vocabulary.length * (seed / 2147483648) ** 3)]!; // skewed: common words recur
  };
}

/**
 * The benchmark corpus, one paper of `perDocument` 30-word passages at a time (seeded, so every run and
 * both backends search the same text), in the shape the store writes.
 */
export function* syntheticDocuments(
  count: number,
  perDocument = 1000,
): Generator<{ paper: Paper; document: NewDocument }> {
  const nextWord = wordSource(42);
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
    const paper: Paper = {
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
    };
    yield {
      paper,
      document: {
        paperId: id,
        kind: 'text',
        contentHash: id,
        bytes: fullText.length,
        origin: 'bench',
        parsed,
        passages,
      },
    };
  }
}

/**
 * A database of `count` generated passages (~30 words, 1000 per document), built once and kept in
 * .tmp/bench/ (building 1M passages takes minutes); delete the file to rebuild.
 */
export function searchBenchDb(count: number): string {
  const path = join(benchDir(), `search-${count}.db`);
  if (existsSync(path)) {
    openStore(path).close(); // brings a database kept from an older schema up to date
    return path;
  }
  mkdirSync(benchDir(), { recursive: true });
  const building = `${path}.building-${process.pid}`;
  const store = openStore(building);
  for (const { paper, document } of syntheticDocuments(count)) {
    store.transaction(() => {
      upsertPaper(store, paper);
      insertDocument(store, document);
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
    // Four ways to answer the same text, interleaved query by query so load hits them alike:
    // raw FTS5 (OR of the words, top 10 ids), raw FTS5 with litmus's all-words boost, and litmus's
    // searchPassages in 'any' mode (same query as raw: the cost of join, live check and snippets)
    // and in its default 'all-then-any' mode (the boost included).
    const cases: Record<string, (text: string) => unknown> = {
      raw: (text) => raw.all(toFtsQuery(text, 'any')),
      raw_boost: (text) => raw.all(rankedQuery(text, 'all-then-any')),
      litmus_any: (text) => searchPassages(store, text, { limit: 10, match: 'any' }),
      litmus: (text) => searchPassages(store, text, { limit: 10 }),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    for (const text of texts.slice(0, 20)) for (const run of Object.values(cases)) run(text); // warm the cache
    for (const text of texts) {
      for (const [name, run] of Object.entries(cases)) {
        const start = performance.now();
        run(text);
        samples[name]!.push(performance.now() - start);
      }
    }
    for (const times of Object.values(samples)) times.sort((a, b) => a - b);
    const p = (name: string, q: number) => percentile(samples[name]!, q);
    const mean = (name: string) => samples[name]!.reduce((sum, t) => sum + t, 0) / samples[name]!.length;
    const cli = await peakRssOf(['--db', path, 'search', texts[0]!, '--limit', '10']);
    return {
      passages: count,
      queries,
      db_built_s: round(buildS, 1),
      litmus_p50_ms: round(p('litmus', 0.5)),
      litmus_p95_ms: round(p('litmus', 0.95)),
      raw_fts5_p50_ms: round(p('raw', 0.5)),
      raw_fts5_p95_ms: round(p('raw', 0.95)),
      litmus_vs_raw_p50: ratio(p('litmus', 0.5), p('raw', 0.5)),
      litmus_vs_raw_p95: ratio(p('litmus', 0.95), p('raw', 0.95)),
      litmus_vs_raw_mean: ratio(mean('litmus'), mean('raw')),
      litmus_any_vs_raw_p50: ratio(p('litmus_any', 0.5), p('raw', 0.5)),
      litmus_any_vs_raw_p95: ratio(p('litmus_any', 0.95), p('raw', 0.95)),
      litmus_any_vs_raw_mean: ratio(mean('litmus_any'), mean('raw')),
      raw_boost_vs_raw_mean: ratio(mean('raw_boost'), mean('raw')),
      cli_search_peak_mib: cli.peakMiB,
      cli_search_wall_s: cli.wallS,
    };
  } finally {
    store.close();
  }
}
