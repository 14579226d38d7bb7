import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import { atomFeed, atomReply } from '../support/arxiv-stand-in.ts';
import {
  type FakeOpenAiServer,
  type RecordedRequest,
  reply,
  startFakeOpenAiServer,
} from '../support/fake-openai-server.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/** Fenced blocks of a request, label → text. */
function blocks(request: RecordedRequest): Map<string, string> {
  const all = (request.body.messages as { content: string }[]).map((m) => m.content).join('\n');
  const out = new Map<string, string>();
  for (const m of all.matchAll(/<<<PAPER_TEXT ([^\n]*?) nonce=(\w+)>>>\n([\s\S]*?)\n<<<END nonce=\2>>>/g))
    out.set(m[1]!, m[3]!);
  return out;
}

/**
 * A literal-minded model behind a loopback OpenAI-compatible server: it plans one query, extracts
 * the first complete sentence of each passage that names CiteSee, supports a claim when a passage
 * holds it word for word, and writes an answer citing claim 1.
 */
function model(request: RecordedRequest) {
  const schema = request.body.response_format?.json_schema?.name as string | undefined;
  const n = (request.body.n as number | undefined) ?? 1;
  const many = (value: object) => reply.content(...Array.from({ length: n }, () => value));
  const fenced = blocks(request);
  if (schema === 'PlanQueriesOutput') return many({ queries: [{ query: 'all:CiteSee', purpose: 'the tool itself' }] });
  if (schema === 'ExtractClaimsOutput') {
    const claims = [];
    for (const [label, text] of fenced) {
      if (!label.startsWith('passage')) continue;
      const sentence = text.split(/(?<=\.)\s+/).find((s) => /^CiteSee\b[^.]{30,}\.$/.test(s));
      if (sentence)
        claims.push({
          text: sentence,
          type: 'result',
          passage_index: Number(label.split(' ')[1]),
          source_sentence: sentence,
          relevance: 0.9,
        });
    }
    return many({ claims: claims.slice(0, 3) });
  }
  if (schema === 'VerifyClaimOutput') {
    const claim = fenced.get('claim') ?? '';
    const hit = [...fenced].find(
      ([label, text]) => label.startsWith('passage') && text.replace(/\s+/g, ' ').includes(claim),
    );
    return many(
      hit
        ? {
            verdict: 'SUPPORTED',
            rationale: 'Stated verbatim.',
            quotes: [{ passage: Number(hit[0].split(' ')[1]!.replace(/\D.*$/, '')), quote: claim }],
          }
        : { verdict: 'NOT_ENOUGH_INFO', rationale: 'Not stated.', quotes: [] },
    );
  }
  if (schema === 'AnswerQuestionOutput')
    return many({
      answer: 'CiteSee is the only reading tool studied here [1].',
      cited_claims: [1],
      open_questions: ['Writing support?'],
    });
  if (schema === 'CritiqueQuestionOutput')
    return many({
      reading: 'Read as: how reading tools change the way researchers read papers.',
      notes: [],
    });
  return reply.error(400, {}, `unexpected request ${schema}`);
}

describe('litmus report --engine llm', () => {
  let standIn: ReportStandIn;
  let llm: FakeOpenAiServer;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  const question = 'How do reading tools help researchers read scientific papers?';

  beforeAll(async () => {
    standIn = await startReportStandIn(question);
    standIn.arxiv.atom.set('search:all:CiteSee', atomReply(atomFeed([standIn.arxiv.entries.get('2302.07302v1')!])));
    llm = await startFakeOpenAiServer({ handler: model });
    ({ dir, cleanup } = makeTempDir());
    env = {
      ...standInEnv(standIn.arxiv, dir),
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'test-key',
      LITMUS_MODEL: 'fake-model',
    };
  });
  afterAll(async () => {
    await standIn.close();
    await llm.close();
    cleanup();
  });

  it('plans with the model, records prompts and usage, and makes no LLM call on a rerun', async () => {
    const out = join(dir, 'report');
    const first = await runLitmus(['--json', '--quiet', 'report', question, '--out', out, '--threshold', '0'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(model.engine).toBe('llm');
    expect(model.model).toBe('fake-model');
    expect(model.method.queries).toEqual(['all:CiteSee']);
    expect(model.papers.map((p) => p.id)).toEqual(['arxiv:2302.07302v1']);
    expect(model.claims.length).toBeGreaterThan(0);
    expect(model.claims[0]!.verdict).toBe('SUPPORTED');
    expect(model.answer.summary).toContain('CiteSee is the only reading tool studied here [1].');
    // The model's reading of the question replaces the rule-based one; the report shows it.
    expect(model.answer.reading).toBe('Read as: how reading tools change the way researchers read papers.');
    expect(model.provenance.prompts.map((p) => p.id).sort()).toEqual([
      'answer-question',
      'complete-code',
      'critique-question',
      'extract-claims',
      'plan-queries',
      'verify-claim',
    ]);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.llm.calls).toBeGreaterThan(0);
    expect(run.llm.promptTokens).toBeGreaterThan(0);
    for (const request of llm.completions()) expect(request.headers.authorization).toBe('Bearer test-key');

    const calls = llm.completions().length;
    const again = await runLitmus(['--json', '--quiet', 'report', question, '--out', out, '--threshold', '0'], env);
    expect(again.code).toBe(0);
    expect(llm.completions().length).toBe(calls);
  });

  it('falls back to the embedded plan when the model plans invalidly, and says so in the report', async () => {
    const invalid = await startFakeOpenAiServer({
      handler: (request) =>
        request.body.response_format?.json_schema?.name === 'PlanQueriesOutput'
          ? reply.content({ queries: 'all of them' })
          : model(request),
    });
    try {
      const out = join(dir, 'fallback');
      const args = ['--json', 'report', question, '--out', out, '--threshold', '0', '--max-papers', '1'];
      const result = await runLitmus(args, {
        ...env,
        LITMUS_DB: join(dir, 'fallback.db'),
        OPENAI_BASE_URL: invalid.baseUrl,
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        "warning: The query plan of fake-model was invalid; the embedded planner's queries were used instead.",
      );
      const plan = JSON.parse(readFileSync(join(out, 'stages', '01-plan.json'), 'utf8'));
      expect(plan.planner).toBe('embedded keyphrases (fallback: invalid LLM plan)');
      expect(plan.queries.length).toBeGreaterThan(0);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
      expect(report.method.queries).toEqual(plan.queries);
      expect(report.counts.identified).toBeGreaterThan(0);
      expect(report.limitations).toContain(
        "The query plan of fake-model was invalid; the embedded planner's queries were used instead.",
      );
    } finally {
      await invalid.close();
    }
  });

  it('refuses the LLM engine offline with a non-local server, in one line', async () => {
    const result = await runLitmus(['--offline', 'report', question, '--engine', 'llm', '--out', join(dir, 'x')], {
      ...env,
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/offline/);
  });
});
