import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import { validateReport } from '../../src/report/validate-report.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

// Several shared papers on one topic (CiteSee, Paper Plain, Beyond Summarization: scholarly reading
// and writing tools), served by the arXiv stand-in; and the project's seed question, whose benchmark
// (HumanEval-X) varies programming languages with English prompts.
const multiPaper = 'How do AI reading tools help readers of research papers?';
const seed =
  'What is the impact of English intermediate-task training on non-English code generation, as measured by HumanEval-X?';

describe('litmus report: facets, question critique and a synthesised answer', () => {
  let standIn: ReportStandIn;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  beforeAll(async () => {
    standIn = await startReportStandIn(multiPaper, ['all:summarization']);
    ({ dir, cleanup } = makeTempDir());
    env = standInEnv(standIn.arxiv, dir);
  });
  afterAll(async () => {
    await standIn.close();
    cleanup();
  });

  async function report(question: string, out: string, extra: string[]): Promise<{ model: ReportModel; md: string }> {
    const result = await runLitmus(['--json', '--quiet', 'report', question, '--out', out, ...extra], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(validateReport(model).errors).toEqual([]);
    return { model, md: readFileSync(join(out, 'report.md'), 'utf8') };
  }

  it('groups a multi-paper answer by outcome with direction and size, and grades single-study evidence as such', async () => {
    const { model, md } = await report(multiPaper, join(dir, 'multi'), ['--max-papers', '4', '--claim-threshold', '0']);
    expect(model.papers.length).toBeGreaterThanOrEqual(3);
    const a = model.answer;
    const byNumber = new Map(model.claims.map((c) => [c.n, c]));
    // Findings come from more than one paper, each grouped under an outcome with a direction.
    expect(new Set(a.findings.flatMap((f) => f.papers)).size).toBeGreaterThanOrEqual(2);
    expect(a.findings.map((f) => f.outcome)).toEqual(
      expect.arrayContaining(['ease of reading', 'confidence', 'comprehension']),
    );
    expect(a.findings.find((f) => f.outcome === 'comprehension')!.direction).toBe('null');
    for (const f of a.findings) {
      for (const e of f.effects) {
        const claim = byNumber.get(e.claim)!;
        expect(claim.paper_id).toBe(e.paper_id);
        if (e.size) expect(claim.text).toContain(e.size);
        expect(a.cited_claims).toContain(e.claim);
      }
      // Agreement follows the papers behind the outcome: one paper is a single study; several
      // papers disagree exactly when one reports a direction no other paper's claims share.
      const perPaper = f.papers.map((p) => new Set(f.effects.filter((e) => e.paper_id === p).map((e) => e.direction)));
      const disagree = perPaper.some((x, i) => perPaper.some((y, j) => j > i && ![...x].some((d) => y.has(d))));
      expect(f.agreement).toBe(f.papers.length === 1 ? 'single_paper' : disagree ? 'disagree' : 'agree');
      if (f.agreement === 'single_paper') expect(a.summary).toContain(`On ${f.outcome}:`);
      if (f.agreement === 'disagree') expect(a.summary).toMatch(new RegExp(`On ${f.outcome}: [^.]*the papers disagree`));
    }
    expect(a.findings.some((f) => f.effects.some((e) => e.size !== null))).toBe(true);
    expect(a.summary).toMatch(/a single study, arxiv:2203\.00130v1/);
    expect(a.summary).toMatch(/Null or negative results: no effect \[\d+\]/);
    // The papers share authors: not independent studies, and the grade is not direct.
    expect(a.independent_papers).toBe(1);
    expect(a.evidence_grade).not.toBe('direct');
    // An evidence row per paper with claims, and the Markdown shows the structure.
    expect(a.evidence_table.map((r) => r.paper_id).sort()).toEqual(
      [...new Set(model.claims.map((c) => c.paper_id))].sort(),
    );
    expect(a.evidence_table.find((r) => r.paper_id === 'arxiv:2203.00130v1')!.effect).toMatch(/ease of reading: better/);
    expect(md).toContain('### Findings by outcome');
    expect(md).toContain('### Evidence per paper');
    expect(md).toContain('**How the question was read:** Read as: the effect of "AI reading tools"');
  });

  it('opens the seed question’s report with the critique, and says which facets no claim covers', async () => {
    const { model, md } = await report(seed, join(dir, 'seed'), [
      '--max-papers',
      '3',
      '--query',
      'all:summarization',
      '--threshold',
      '0',
      '--claim-threshold',
      '0',
    ]);
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections.slice(0, 2)).toEqual(['Notes on the question', 'Answer']);
    const mismatch = model.question_notes.find((n) => n.kind === 'benchmark_mismatch')!;
    expect(mismatch.facet).toBe('non-English');
    expect(mismatch.note).toMatch(/HumanEval-X does not measure non-English code generation/);
    expect(model.answer.reading).toMatch(/HumanEval-X cannot measure "non-English"/);
    // No included paper is about code generation: the facet lists no claim, and no claim is scored as covering it.
    const codeGeneration = model.facets.find((f) => f.label === 'code generation')!;
    expect(codeGeneration).toMatchObject({ role: 'outcome', required: true, covered_by: [] });
    expect(model.claims.length).toBeGreaterThan(0);
    for (const claim of model.claims) {
      expect(claim.facets).not.toContain(codeGeneration.id);
      expect(claim.about_question).toBe(false);
      expect(claim.relevance).toBeLessThan(0.5);
    }
    expect(model.question_notes).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'facet_not_addressed', facet: 'code generation' })]),
    );
    expect(model.answer.not_covered).toContain('code generation');
    expect(model.answer.evidence_grade).toBe('none');
    expect(md).toContain('| code generation | outcome | yes | **none: no claim covers it** |');
    const html = readFileSync(join(dir, 'seed', 'report.html'), 'utf8');
    expect(html.indexOf('id="question-notes"')).toBeLessThan(html.indexOf('id="answer"'));
    expect(html).toContain('none: no claim covers it');
  });
});
