import Database from 'better-sqlite3';
import { prepared, type SearchableStore } from './statement-cache.ts';

/**
 * A word's passages, how often it occurs in each and each one's length, read from FTS5's own index
 * rather than through bm25(). bm25() of one word costs about 1.5 µs a passage (row by row, FTS5 hands
 * the function each passage's size record and instances, and each result comes back as a JavaScript
 * row of its own); here one statement walks the word's instances through an fts5vocab 'instance'
 * table, joins each to its passage's size record, and concatenates the results, so no passage costs a
 * JavaScript value of its own: about 0.5–0.9 µs a passage. A million-passage search spends most of its
 * time on such words (one in 10,000–16,000 passages beside a common one).
 *
 * The index holds stems, not words, and JavaScript cannot reproduce FTS5's tokenizer (Porter over
 * unicode61 with diacritics removed) reliably, so the stem comes from FTS5 itself: the word is written
 * into a one-row FTS5 table with the store's tokenizer in a private in-memory database, whose
 * vocabulary then holds exactly what FTS5 would look up. (Private, so the store's connection sees no
 * write.)
 */

/** The passages holding a word, ascending, with its count in each and each one's bm25() length. */
export interface Postings {
  ids: number[];
  frequencies: number[];
  lengths: number[];
}

const INSTANCES = 'litmus_passages_fts_instance';
const instancesReady = new WeakMap<SearchableStore['db'], boolean>();

/**
 * The word's postings, or null when FTS5 would not look it up as one stem, or the index does not read
 * as expected (the caller then asks bm25()).
 */
export function termPostings(store: SearchableStore, quoted: string): Postings | null {
  const stems = stemsOf(store, quoted);
  if (stems?.length !== 1) return null;
  if (!instancesReady.get(store.db)) {
    // Made outside any transaction only: one rolled back would take the table with it.
    if (store.db.inTransaction) return null;
    try {
      store.db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${INSTANCES} USING fts5vocab(main, passages_fts, 'instance')`,
      );
    } catch {
      return null; // e.g. the connection is busy with a statement that forbids a schema change: bm25() instead
    }
    instancesReady.set(store.db, true);
  }
  // One row in all: each instance's passage id and that passage's size record (one varint, as the
  // index has one column), concatenated in the same row order, so the two lists pair up.
  const [sizes, docs] = prepared(
    store,
    `SELECT CAST(group_concat(d.sz, '') AS BLOB), group_concat(v.doc)
     FROM temp.${INSTANCES} v CROSS JOIN passages_fts_docsize d ON d.id = v.doc WHERE v.term = ?`,
  )
    .raw()
    .get(stems[0]) as [Buffer | null, string | null];
  const instances = docs === null ? [] : docs.split(',').map(Number);
  const lengths = sizes === null ? [] : readVarints(sizes);
  if (lengths.length !== instances.length) return null;
  const postings: Postings = { ids: [], frequencies: [], lengths: [] };
  let last = -1;
  for (let i = 0; i < instances.length; i += 1) {
    const id = instances[i]!;
    if (id === last) postings.frequencies[postings.frequencies.length - 1]! += 1;
    else if (id > last) {
      postings.ids.push(id);
      postings.frequencies.push(1);
      postings.lengths.push(lengths[i]!);
      last = id;
    } else return null; // FTS5 lists a term's instances passage by passage, ascending; anything else is not read
  }
  return postings;
}

/** bm25()'s length of each of the passages that has a size record. */
export function passageLengths(store: SearchableStore, ids: number[]): Map<number, number> {
  const [sizes, found] = prepared(
    store,
    `SELECT CAST(group_concat(d.sz, '') AS BLOB), group_concat(d.id)
     FROM json_each(?) j CROSS JOIN passages_fts_docsize d ON d.id = j.value`,
  )
    .raw()
    .get(JSON.stringify(ids)) as [Buffer | null, string | null];
  const lengths = sizes === null ? [] : readVarints(sizes);
  const passages = found === null ? [] : found.split(',').map(Number);
  if (lengths.length === passages.length) return new Map(passages.map((id, i) => [id, lengths[i]!]));
  // More than one varint a record (an index of several columns): each record read and summed alone.
  const records = prepared(
    store,
    'SELECT id, sz FROM passages_fts_docsize WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as { id: number; sz: Buffer }[];
  return new Map(records.map(({ id, sz }) => [id, readVarints(sz).reduce((sum, n) => sum + n, 0)]));
}

/** SQLite's varints (1–9 bytes, big-endian, 7 bits a byte and all 8 in the ninth), as FTS5 writes them. */
export function readVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    for (let n = 0; ; n += 1) {
      const byte = bytes[i++] ?? 0;
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80 || i >= bytes.length) break;
    }
    values.push(value);
  }
  return values;
}

interface Stemmer {
  write: Database.Statement<[string]>;
  read: Database.Statement<[]>;
  clear: Database.Statement<[]>;
  stems: Map<string, string[]>;
}

/** One stemmer per tokenizer definition, for the life of the process. */
const stemmers = new Map<string, Stemmer>();
const STEMS_KEPT = 10_000;

/** The terms FTS5 looks up for the quoted word, through the store's own tokenizer definition. */
function stemsOf(store: SearchableStore, quoted: string): string[] | null {
  const definition = prepared(store, "SELECT sql FROM sqlite_schema WHERE name = 'passages_fts'").pluck().get() as
    | string
    | undefined;
  const tokenizer = definition?.match(/tokenize\s*=\s*'([^']*)'/i)?.[1];
  if (!tokenizer) return null;
  let stemmer = stemmers.get(tokenizer);
  if (!stemmer) {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE words USING fts5(word, tokenize='${tokenizer}');
             CREATE VIRTUAL TABLE terms USING fts5vocab(words, 'row');`);
    stemmer = {
      write: db.prepare('INSERT INTO words(rowid, word) VALUES (1, ?)'),
      read: db.prepare('SELECT term FROM terms').pluck() as Database.Statement<[]>,
      clear: db.prepare('DELETE FROM words'),
      stems: new Map(),
    };
    stemmers.set(tokenizer, stemmer);
  }
  const word = quoted.slice(1, -1);
  let stems = stemmer.stems.get(word);
  if (!stems) {
    stemmer.write.run(word);
    stems = stemmer.read.all() as string[];
    stemmer.clear.run();
    if (stemmer.stems.size >= STEMS_KEPT) stemmer.stems.clear();
    stemmer.stems.set(word, stems);
  }
  return stems;
}
