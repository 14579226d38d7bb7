import { describe, expect, it } from 'vitest';
import { type AnswerPaper, type AssessedClaim, answerQuestion } from '../../../src/synthesize/answer-question.ts';
import { critiqueQuestion } from '../../../src/synthesize/critique/critique-question.ts';
import { tableEvidence } from '../../../src/synthesize/answer/table-evidence.ts';
import { questionFacetRoles } from '../../../src/synthesize/facets/facet-roles.ts';

const seed =
  'What is the impact of English intermediate-task training on non-English code generation, as measured by HumanEval-X?';

function synthesise(question: string, claims: AssessedClaim[], papers: AnswerPaper[]) {
  const facets = questionFacetRoles(question);
  return answerQuestion({ facets, claims, papers, critique: critiqueQuestion(question, facets) });
}

const claim = (n: number, text: string, paperId: string, extra: Partial<AssessedClaim> = {}): AssessedClaim => ({
  n,
  text,
  paperId,
  paperTitle: paperId,
  verdict: 'SUPPORTED',
  confidence: 0.8,
  relevance: 0.5,
  ...extra,
});
const paper = (id: string, authors: string[], title = id): AnswerPaper => ({ id, title, authors });

describe('answerQuestion (seed question)', () => {
  const full =
    'English intermediate-task training raised HumanEval-X pass@1 of non-English code generation by 3.3 points.';

  it('grades direct evidence when an independently corroborated claim covers every facet', () => {
    const { answer } = synthesise(seed, [claim(1, full, 'p1', { independent: 'corroborated' })], [paper('p1', ['A'])]);
    expect(answer.evidence_grade).toBe('direct');
    expect(answer.cited_claims).toContain(1);
    // One paper behind it: the answer says it is a single study.
    expect(answer.single_study).toBe(true);
    expect(answer.summary).toMatch(/single study/);
  });

  it('never grades a finding resting on its own paper’s word as direct, and says it is a single study', () => {
    const { answer } = synthesise(seed, [claim(1, full, 'p1', { independent: 'none' })], [paper('p1', ['A'])]);
    expect(answer.evidence_grade).toBe('indirect');
    expect(answer.summary).toMatch(
      /^A single study addresses the question directly, and its findings rest on its own word/,
    );
    expect(answer.single_study).toBe(true);
  });

  it('says what the partial evidence covers and which facets nothing covers', () => {
    const { answer, gaps } = synthesise(
      seed,
      [claim(1, 'Intermediate-task training helps English code generation in Python.', 'p1')],
      [paper('p1', ['A'])],
    );
    expect(answer.evidence_grade).toBe('indirect');
    expect(answer.summary).toMatch(/^No included paper directly studies the question/);
    expect(answer.summary).toContain('but not "non-English" and "HumanEval-X"');
    expect(answer.not_covered).toEqual(['non-English', 'HumanEval-X']);
    expect(gaps.some((g) => g.includes('HumanEval-X'))).toBe(true);
  });

  it('says plainly when nothing addresses the question, and never cites refuted claims as support', () => {
    const { answer } = synthesise(
      seed,
      [
        claim(1, 'Sepsis is detected early.', 'p1'),
        claim(2, 'HumanEval-X is easy for code generation.', 'p1', { verdict: 'REFUTED' }),
      ],
      [paper('p1', ['A'])],
    );
    expect(answer.evidence_grade).toBe('none');
    expect(answer.summary).toMatch(/^No included paper addresses the question/);
    expect(answer.cited_claims).not.toContain(2);
    expect(answer.findings).toEqual([]);
  });
});

describe('answerQuestion (several papers)', () => {
  const question = 'Does intermediate-task training improve cross-lingual transfer on XNLI?';
  const papers = [
    paper('p1', ['Ada Lovelace', 'Alan Turing'], 'Intermediate-task training for cross-lingual transfer'),
    paper('p2', ['Grace Hopper'], 'Revisiting intermediate-task training'),
    paper('p3', ['Alan Turing'], 'More intermediate-task training'),
  ];
  const claims = [
    claim(1, 'Intermediate-task training improves cross-lingual transfer on XNLI by 1.4 points.', 'p1'),
    claim(2, 'Intermediate-task training does not improve cross-lingual transfer on XNLI.', 'p2'),
    claim(3, 'Intermediate-task training improves cross-lingual transfer on PAWS-X by +2.1 points.', 'p3'),
    claim(4, 'Intermediate-task training improves cross-lingual transfer on PAWS-X by 0.8 points.', 'p1'),
  ];

  it('groups findings by outcome with direction and size, and names the disagreement', () => {
    const { answer } = synthesise(question, claims, papers);
    const xnli = answer.findings.find((f) => f.outcome === 'XNLI')!;
    expect(xnli.direction).toBe('mixed');
    expect(xnli.agreement).toBe('disagree');
    expect(xnli.effects).toEqual([
      expect.objectContaining({ claim: 1, paper_id: 'p1', direction: 'positive', size: 'by 1.4 points' }),
      expect.objectContaining({ claim: 2, paper_id: 'p2', direction: 'null' }),
    ]);
    const pawsx = answer.findings.find((f) => f.outcome === 'PAWS-X')!;
    expect(pawsx).toMatchObject({ direction: 'positive', agreement: 'agree' });
    expect(answer.summary).toContain(
      'On XNLI: mixed results (the papers disagree: p1 reports improvements [1]; p2 reports no effect [2])',
    );
    expect(answer.summary).toMatch(/Null or negative results: no effect \[2\]/);
    expect(answer.summary).toContain('by 1.4 points [1]');
  });

  it('counts papers sharing an author as one independent group, and is not direct while they disagree', () => {
    const { answer } = synthesise(question, claims, papers);
    // p1 and p3 share Alan Turing: two groups, not three.
    expect(answer.independent_papers).toBe(2);
    expect(answer.evidence_grade).toBe('indirect');
    expect(answer.single_study).toBe(false);
  });

  it('is direct when independent groups agree, and gives one evidence row per paper', () => {
    const agreeing = claims.filter((c) => c.n !== 2);
    agreeing.push(claim(2, 'Intermediate-task training improves cross-lingual transfer on XNLI by 0.9 points.', 'p2'));
    const { answer } = synthesise(question, agreeing, papers);
    expect(answer.evidence_grade).toBe('direct');
    expect(answer.summary).toMatch(/two independent groups of authors report them and agree/);
    expect(answer.evidence_table.map((r) => r.paper_id)).toEqual(['p1', 'p2', 'p3']);
    const row = answer.evidence_table[0]!;
    expect(row.data).toEqual(['XNLI', 'PAWS-X']);
    expect(row.effect).toContain('XNLI: better (by 1.4 points)');
    expect(row.claims).toEqual([1, 4]);
  });
});

describe('tableEvidence', () => {
  it('lists a paper’s tables with the metrics their columns report and the benchmarks they name', () => {
    const table = {
      ordinal: 2,
      label: 'Table 2',
      caption: 'Table 2: Zero-shot cross-lingual transfer results on XNLI and PAWS-X for every intermediate task we tried',
      page: 5,
      charStart: null,
      charEnd: null,
      rowHeaderColumns: 1,
      columnHeaders: [['Task'], ['XNLI', 'Acc.'], ['PAWS-X', 'Acc.'], ['UDPOS', 'F1']],
      rows: [],
      source: 'html' as const,
    };
    expect(tableEvidence([table])).toEqual({
      tables: ['Table 2: Zero-shot cross-lingual transfer results on XNLI and PAWS-X for every…'],
      data: ['XNLI', 'PAWS-X'],
      metric: ['accuracy', 'F1'],
    });
  });
});
