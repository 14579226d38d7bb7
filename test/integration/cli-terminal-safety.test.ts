import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const ESC = '\u001b';
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const title = `Trojan ${ESC}]0;owned\u0007Paper ${ESC}[2J\u202Eexe.txt`;
const body = `The attack model reaches 93.1% success ${ESC}[8mhidden${ESC}[0m on the benchmark \u2067here\u2069.`;

describe('paper text printed to a terminal', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  let id: string;
  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    db = join(dir, 'litmus.db');
    writeFileSync(join(dir, 'trojan.md'), `# ${title}\n\n## Results\n\n${body}\n`);
    const added = await runLitmus(['--db', db, '--json', 'add', join(dir, 'trojan.md')]);
    id = (JSON.parse(added.stdout) as { paper_id: string }[])[0]!.paper_id;
  });
  afterAll(() => cleanup());

  it('never prints control characters, escapes or bidi overrides from papers, search or show', async () => {
    for (const args of [['papers'], ['show', id], ['search', 'attack benchmark'], ['text', id]]) {
      const result = await runLitmus(['--db', db, ...args]);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).not.toMatch(UNSAFE);
      expect(result.stdout.length).toBeGreaterThan(0);
    }
    expect((await runLitmus(['--db', db, 'search', 'attack benchmark'])).stdout).toContain('93.1% success hidden');
  });

  it('sanitises error lines that echo hostile input', async () => {
    const result = await runLitmus(['--db', db, 'show', `nope${ESC}]0;owned\u0007${ESC}[2J`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no paper nope/);
    expect(result.stderr).not.toMatch(UNSAFE);
  });

  it('keeps the stored text intact: --json gives it exactly', async () => {
    const text = JSON.parse((await runLitmus(['--db', db, '--json', 'text', id])).stdout) as { text: string };
    expect(text.text).toContain(body);
    const shown = JSON.parse((await runLitmus(['--db', db, '--json', 'show', id])).stdout) as { title: string };
    expect(shown.title).toBe(title);
  });
});
