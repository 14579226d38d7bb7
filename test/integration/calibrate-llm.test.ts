import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAiServer, type RecordedRequest, reply, startFakeOpenAiServer } from '../support/fake-openai-server.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);

/**
 * An overconfident model: it answers SUPPORTED to everything (three agreeing samples), quoting the
 * passage sentence that shares most words with the claim. Its configured confidence is high; on
 * SciFact it is right far less often, which calibration must discover.
 */
function overconfident(request: RecordedRequest) {
  const all = (request.body.messages as { content: string }[]).map((m) => m.content).join('\n');
  const fenced = [...all.matchAll(/<<<PAPER_TEXT ([^\n]*?) nonce=(\w+)>>>\n([\s\S]*?)\n<<<END nonce=\2>>>/g)];
  const claim = fenced.find((m) => m[1] === 'claim')?.[3] ?? '';
  const passage = fenced.find((m) => m[1]!.startsWith('passage'));
  const claimWords = words(claim);
  const sentences = (passage?.[3] ?? '').split(/(?<=\.)\s+/);
  const best = sentences.map((s) => ({ s, n: [...words(s)].filter((w) => claimWords.has(w)).length })).sort((a, b) => b.n - a.n)[0];
  const answer = { verdict: 'SUPPORTED', rationale: 'Looks right.', quotes: best ? [{ passage: 1, quote: best.s }] : [] };
  return reply.content(answer, answer, answer);
}

describe('litmus calibrate', () => {
  let server: FakeOpenAiServer;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    server = await startFakeOpenAiServer({ handler: overconfident });
    ({ dir, cleanup } = makeTempDir());
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('fits llm.calibration on labelled SciFact pairs and lowers the calibration error on held-out halves', async () => {
    const claims = readFileSync(sharedData('scifact', 'claims_train.jsonl'), 'utf8').trim().split('\n').slice(0, 60);
    const cited = new Set(claims.flatMap((l) => (JSON.parse(l) as { cited_doc_ids: number[] }).cited_doc_ids.map(String)));
    const corpus = readFileSync(sharedData('scifact', 'corpus.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => cited.has(String((JSON.parse(l) as { doc_id: number }).doc_id)));
    writeFileSync(join(dir, 'claims.jsonl'), `${claims.join('\n')}\n`);
    writeFileSync(join(dir, 'corpus.jsonl'), `${corpus.join('\n')}\n`);
    const env = { OPENAI_BASE_URL: server.baseUrl, LITMUS_MODEL: 'fake-model', LITMUS_DB: join(dir, 'litmus.db') };
    const result = await runLitmus(['--json', '--quiet', 'calibrate', '--claims', join(dir, 'claims.jsonl'), '--corpus', join(dir, 'corpus.jsonl')], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { pairs: number; accuracy: number; ece_before: number; ece_after_held_out: number; config: { llm: { calibration: { a: number; b: number } } } };
    expect(report.pairs).toBeGreaterThan(40);
    // Always answering SUPPORTED is right only on the SUPPORTED pairs; the configured mapping claims far more.
    expect(report.accuracy).toBeLessThan(0.7);
    expect(report.ece_before).toBeGreaterThan(0.2);
    expect(report.ece_after_held_out).toBeLessThan(report.ece_before - 0.1);
    // Applied to this model's usual score (full agreement, quoted evidence = 1), the fitted mapping gives about its accuracy.
    const { a, b } = report.config.llm.calibration;
    const confidence = 1 / (1 + Math.exp(-(a * 1 + b)));
    expect(Math.abs(confidence - report.accuracy)).toBeLessThan(0.1);
  });
});
