/**
 * Runs inside a private mount namespace where the database's folder is bound read-only (see
 * db-hardening.test.ts): `tsx read-only-mount-probe.ts <db> <paper>` runs `papers`, `search` and `add`
 * in this one process and prints each one's exit code and output as JSON, then reads a word's postings
 * from the index through a read-only store (the count, or null).
 */
import { openStore } from '../../src/store/db.ts';
import { termPostings } from '../../src/store/fts5-postings.ts';
import { runLitmus } from './workspace.ts';

const [db, paper] = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const [name, args] of [
  ['papers', ['--json', 'papers']],
  ['search', ['search', 'accuracy']],
  ['add', ['add', paper!]],
] as const) {
  results[name] = await runLitmus(['--db', db!, ...args]);
}
// The index read behind large searches (fts5-postings.ts) sets up a temporary table on the connection:
// it must work on the immutable connection too, and write nothing.
const store = openStore(db!, { onlyReads: true });
try {
  results['postings'] = termPostings(store, '"accuracy"')?.ids.length ?? null;
} finally {
  store.close();
}
process.stdout.write(JSON.stringify(results));
