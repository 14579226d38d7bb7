/**
 * Runs inside a private mount namespace where the database's folder is bound read-only (see
 * db-hardening.test.ts): `tsx read-only-mount-probe.ts <db> <paper>` runs `papers`, `search` and `add`
 * in this one process and prints each one's exit code and output as JSON.
 */
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
process.stdout.write(JSON.stringify(results));
