import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const paper = join(repoRoot, 'test', 'fixtures', 'papers', 'intermediate-training.md');

describe('litmus claims and litmus verify', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  let paperId: string;
  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    db = join(dir, 'litmus.db');
    const added = await runLitmus(['--db', db, '--json', 'add', paper]);
    paperId = (JSON.parse(added.stdout) as { paper_id: string }[])[0]!.paper_id;
  });
  afterAll(() => cleanup());

  it('extracts complete, self-contained claims with their spans', async () => {
    const result = await runLitmus(['--db', db, '--json', 'claims', paperId, '--question', 'Does intermediate-task training help C++ code generation?']);
    expect(result.code).toBe(0);
    const claims = JSON.parse(result.stdout) as { text: string; char_start: number; char_end: number; relevance: number; numbers: unknown[] }[];
    expect(claims.length).toBeGreaterThan(0);
    const text = (await runLitmus(['--db', db, 'text', paperId])).stdout;
    for (const claim of claims) {
      expect(claim.text).toMatch(/[.!?]$/);
      expect(claim.text).not.toMatch(/^(We|Our|This|It)\b/);
      expect(text.slice(claim.char_start, claim.char_end).length).toBeGreaterThan(10);
    }
    expect(claims.some((c) => c.text.includes('31.2%'))).toBe(true);
  });

  it("verifies stored claims against the paper's own text with verbatim quotes", async () => {
    const result = await runLitmus(['--db', db, '--json', 'verify', paperId]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { text: string; verdict: string; confidence: number; evidence: { quote: string }[] }[];
    const text = (await runLitmus(['--db', db, 'text', paperId])).stdout.replace(/\s+/g, ' ');
    for (const row of rows) {
      expect(row.confidence).toBeGreaterThanOrEqual(0);
      expect(row.confidence).toBeLessThanOrEqual(1);
      for (const e of row.evidence) expect(text).toContain(e.quote.replace(/\s+/g, ' '));
    }
    // Claims taken from the paper are supported by the paper itself.
    const headline = rows.find((r) => r.text.includes('31.2%'));
    expect(headline?.verdict).toBe('SUPPORTED');
    // A second run reuses every verdict.
    const again = JSON.parse((await runLitmus(['--db', db, '--json', 'verify', paperId])).stdout) as { reused: boolean }[];
    expect(again.every((r) => r.reused)).toBe(true);
  });

  it('runs batch mode over SciFact claims and reports a malformed line by file and line', async () => {
    const claimsFile = join(dir, 'claims.jsonl');
    const corpusFile = join(dir, 'corpus.jsonl');
    const out = join(dir, 'predictions.jsonl');
    const claims = readFileSync(sharedData('scifact', 'claims_train.jsonl'), 'utf8').trim().split('\n').slice(0, 30);
    writeFileSync(claimsFile, `${claims.join('\n')}\n`);
    const cited = new Set(claims.flatMap((line) => (JSON.parse(line) as { cited_doc_ids: number[] }).cited_doc_ids.map(String)));
    const corpus = readFileSync(sharedData('scifact', 'corpus.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(corpusFile, `${corpus.filter((line, i) => i < 300 || cited.has(String((JSON.parse(line) as { doc_id: number }).doc_id))).join('\n')}\n`);
    const result = await runLitmus(['--db', db, '--json', 'verify', '--claims', claimsFile, '--corpus', corpusFile, '--out', out]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { claims: number; pairs: number };
    expect(summary.claims).toBe(30);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.pairs);
    for (const line of lines) {
      const p = JSON.parse(line) as { verdict: string; confidence: number };
      expect(['SUPPORTED', 'REFUTED', 'PARTIAL', 'NOT_ENOUGH_INFO']).toContain(p.verdict);
    }
    writeFileSync(claimsFile, `${claims[0]}\n{"id": 5, "claim": \n`);
    const bad = await runLitmus(['--db', db, 'verify', '--claims', claimsFile, '--corpus', corpusFile, '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/claims\.jsonl:2: not valid JSON/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
