import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper, ParsedDocument } from '../src/core/types.ts';
import { bm25TopK } from '../src/store/bm25-top-k.ts';
import { openStore } from '../src/store/db.ts';
import { insertDocument, type NewDocument } from '../src/store/documents.ts';
import { upsertPaper } from '../src/store/papers.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, quotedTerms, rankedQuery, searchPassages, toFtsQuery } from '../src/store/search.ts';
import { benchDir, peakRssOf, percentile, ratio, round } from './measure.ts';
import { benchSearchInPapers } from './search-in-papers.ts';

/**
 * The generated corpus's version, part of each database's name. Version 1 multiplied in doubles, whose
 * lost low bits cycled the generator every ~349 passages (a million passages were 349 repeated), and
 * every passage had 30 words (every passage holding a word once tied with every other).
 */
export const CORPUS_VERSION = 3;

/** The C library's LCG step, mod 2^31, in exact 32-bit integer arithmetic. */
function nextSeed(seed: number): number {
  return (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
}

/** Deterministic pseudo-random words (Zipf-like) so passages look like text to BM25. */
export function makeVocabulary(size: number): string[] {
  const syllables = ['ka', 'to', 'ri', 'mu', 'sel', 'gen', 'ver', 'lo', 'pa', 'dex', 'tra', 'no', 'quin', 'zu'];
  const words: string[] = [];
  let seed = 7;
  for (let i = 0; i < size; i += 1) {
    let word = '';
    const length = 2 + (i % 3);
    for (let s = 0; s < length; s += 1) {
      seed = nextSeed(seed);
      word += syllables[seed % syllables.length];
    }
    words.push(`${word}${i}`);
  }
  return words;
}

export function wordSource(seed: number): () => string {
  const vocabulary = makeVocabulary(20_000);
  return () => {
    seed = nextSeed(seed);
    return vocabulary[Math.floor(vocabulary.length * (seed / 2147483648) ** 3)]!; // skewed: common words recur
  };
}

/**
 * The benchmark corpus, one paper of `perDocument` passages of 12–60 words (36 on average, lengths
 * cycling so BM25's length normalisation has work to do) at a time (seeded, so every run and
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
      paragraphs.push(Array.from({ length: 12 + ((p * 37) % 49) }, nextWord).join(' '));
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
 * A database of `count` generated passages (12–60 words, 1000 per document), built once and kept in
 * .tmp/bench/ (building 1M passages takes minutes); delete the file to rebuild.
 */
export function searchBenchDb(count: number): string {
  const path = join(benchDir(), `search-v${CORPUS_VERSION}-${count}.db`);
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
 * litmus's search against raw FTS5 on the same table, interleaved query by query (the order of the
 * cases turning with each query, so neither always meets a cold or a warm cache); plus the peak memory
 * of the `litmus search` process. The comparators run the same FTS5 query litmus runs, at the same
 * limit: `raw` takes ids and BM25 ranks only; `raw_snippet` also takes FTS5's snippet() of each hit,
 * which a search hit carries (litmus on top reads each hit's passage row and paper title, and drops
 * passages of superseded documents). CPU time is summed per case as a second, load-robust figure.
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
    const rawSnippet = store.db.prepare(
      `SELECT rowid, rank, snippet(passages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 24) AS snippet
       FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 10`,
    );
    // litmus's default search ORs in the all-words conjunction (its ranking boost); 'any' mode does not.
    const cases: Record<string, (text: string) => unknown> = {
      raw: (text) => raw.all(rankedQuery(text, 'all-then-any')),
      raw_snippet: (text) => rawSnippet.all(rankedQuery(text, 'all-then-any')),
      litmus: (text) => searchPassages(store, text, { limit: 10 }),
      raw_any: (text) => raw.all(toFtsQuery(text, 'any')),
      litmus_any: (text) => searchPassages(store, text, { limit: 10, match: 'any' }),
    };
    const names = Object.keys(cases);
    const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    const cpuMs: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
    for (const text of texts.slice(0, 20)) for (const run of Object.values(cases)) run(text); // warm the cache
    texts.forEach((text, turn) => {
      for (let i = 0; i < names.length; i += 1) {
        const name = names[(i + turn) % names.length]!;
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        cases[name]!(text);
        samples[name]!.push(performance.now() - start);
        const cpu = process.cpuUsage(cpuStart);
        cpuMs[name]! += (cpu.user + cpu.system) / 1000;
      }
    });
    for (const times of Object.values(samples)) times.sort((a, b) => a - b);
    const p = (name: string, q: number) => percentile(samples[name]!, q);
    const mean = (name: string) => samples[name]!.reduce((sum, t) => sum + t, 0) / samples[name]!.length;
    const versus = (ours: string, theirs: string) => ({
      p50: ratio(p(ours, 0.5), p(theirs, 0.5)),
      p95: ratio(p(ours, 0.95), p(theirs, 0.95)),
      mean: ratio(mean(ours), mean(theirs)),
      cpu: ratio(cpuMs[ours]!, cpuMs[theirs]!),
    });
    const agreement = agreementWithRaw(store, texts, raw);
    const inPapers = benchSearchInPapers(store, texts.slice(0, 40));
    const cli = await peakRssOf(['--db', path, 'search', texts[0]!, '--limit', '10']);
    return {
      passages: count,
      queries,
      db_built_s: round(buildS, 1),
      litmus_p50_ms: round(p('litmus', 0.5)),
      litmus_p95_ms: round(p('litmus', 0.95)),
      raw_fts5_p50_ms: round(p('raw', 0.5)),
      raw_fts5_p95_ms: round(p('raw', 0.95)),
      raw_fts5_snippet_p50_ms: round(p('raw_snippet', 0.5)),
      raw_fts5_snippet_p95_ms: round(p('raw_snippet', 0.95)),
      litmus_vs_raw: versus('litmus', 'raw'),
      litmus_vs_raw_snippet: versus('litmus', 'raw_snippet'),
      litmus_any_vs_raw_any: versus('litmus_any', 'raw_any'),
      ...agreement,
      ...inPapers,
      cpu_ms_per_query: Object.fromEntries(names.map((name) => [name, round(cpuMs[name]! / queries, 3)])),
      cli_search_peak_mib: cli.peakMiB,
      cli_search_wall_s: cli.wallS,
    };
  } finally {
    store.close();
  }
}

/**
 * How far litmus's top 10 is FTS5's own (`ORDER BY rank`): the share of queries with the same ids in
 * the same order, the mean share of FTS5's top 10 litmus returns, and the share of queries litmus
 * answered approximately (every word common: ranked among the newest passages holding them).
 */
function agreementWithRaw(
  store: ReturnType<typeof openStore>,
  texts: string[],
  raw: { all: (query: string | null) => unknown[] },
): Record<string, number> {
  let same = 0;
  let overlap = 0;
  let approximate = 0;
  for (const text of texts) {
    const ours = searchPassages(store, text, { limit: 10 }).map((hit) => hit.passage.id);
    const theirs = (raw.all(rankedQuery(text, 'all-then-any')) as { rowid: number }[]).map((row) => row.rowid);
    if (JSON.stringify(ours) === JSON.stringify(theirs)) same += 1;
    overlap += theirs.length === 0 ? 1 : theirs.filter((id) => ours.includes(id)).length / theirs.length;
    if (bm25TopK(store, quotedTerms(text), true, 10).approximate) approximate += 1;
  }
  return {
    top10_same_as_raw: round(same / texts.length, 3),
    top10_overlap_with_raw: round(overlap / texts.length, 3),
    approximate_share: round(approximate / texts.length, 3),
  };
}

