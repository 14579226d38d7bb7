import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell } from '../../../src/report/escape.ts';
import { renderMarkdown } from '../../../src/report/render-markdown.ts';
import { ODD_PAPER_ID, sampleModel } from '../../fixtures/report/sample-model.ts';

const LONG_CLAIM = `${'The model improves pass@1 on every benchmark we tried, including HumanEval and MBPP, '.repeat(7)}and the gain holds at 95% confidence.`;

describe('renderMarkdown', () => {
  it('opens with the notes on the question, then the answer with the grade spelled out and the cited claims', () => {
    const md = renderMarkdown(sampleModel());
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      'Notes on the question',
      'Answer',
      'Method',
      'Claims',
      'Confidence',
      'Contradictions',
      'Evidence gaps',
      'Limitations',
      'Paper integrity and language',
      'Reference list (APA)',
      'References',
      'Provenance',
    ]);
    expect(md).toMatch(/^# Does the CodeGen-7B pass@1 claim hold up\?\n/);
    expect(md).toContain('**Engine:** llm · **Model:** gpt-4o-mini-2024-07-18');
    expect(md).toContain('**Evidence grade:** Direct — ');
    expect(md).toContain('**Cited claims:** [1], [2], [5]');
  });

  it('leaves the notes out when the question fits its evidence', () => {
    const model = sampleModel();
    model.question_notes = [];
    expect([...renderMarkdown(model).matchAll(/^## (.+)$/gm)].map((m) => m[1])[0]).toBe('Answer');
  });

  it('shows how the question was read, findings by outcome, evidence per paper and which claims cover each facet', () => {
    const md = renderMarkdown(sampleModel());
    expect(md).toContain('**How the question was read:** Read as:');
    expect(md).toContain('- **Benchmark does not measure what the question says** (“non-English”)');
    expect(md).toMatch(/\| HumanEval \| mixed \| papers disagree \| .*\[1\\\] better, 71\.3%/);
    expect(md).toContain('| arxiv:2305.01234v2 | CodeGen-7B | HumanEval | HumanEval | pass@k |');
    expect(md).toContain('| HumanEval pass@1 | measure | yes | [1] [2] |');
    expect(md).toContain('| reproducible | outcome | yes | **none: no claim covers it** |');
    expect(md).toContain('partly: covers HumanEval pass@1; misses reproducible');
  });

  it('spells out each evidence grade', () => {
    const model = sampleModel();
    model.answer.evidence_grade = 'none';
    expect(renderMarkdown(model)).toContain('**Evidence grade:** None — no included paper');
    model.answer.evidence_grade = 'indirect';
    expect(renderMarkdown(model)).toContain('**Evidence grade:** Indirect — ');
  });

  it('writes the study flow with numbers that add up to the reference list', () => {
    const md = renderMarkdown(sampleModel());
    expect(md).toContain('| Records identified | 9 |');
    expect(md).toContain('| − Duplicates removed | 1 |');
    expect(md).toContain('| Papers included | 4 |');
    expect(md).toContain('- identified 9 = duplicates 1 + screened 8');
    expect(md).toContain('- screened 8 = excluded 3 + full text unavailable 1 + included 4');
    expect(md).toContain('- included 4 = 4 references listed');
    expect(md).toContain('| Excluded at screening | off-topic | 2 |');
  });

  it('shows ≠ when the flow does not add up', () => {
    const model = sampleModel();
    model.counts.identified = 10;
    expect(renderMarkdown(model)).toContain('- identified 10 ≠ duplicates 1 + screened 8');
  });

  it('never cuts a claim: a 600-character claim appears in full, without an ellipsis', () => {
    const model = sampleModel();
    expect(LONG_CLAIM.length).toBeGreaterThan(600);
    model.claims[0]!.text = LONG_CLAIM;
    const md = renderMarkdown(model);
    expect(md).toContain(LONG_CLAIM);
    const row = md.split('\n').find((line) => line.startsWith('| 1 |'))!;
    expect(row).toContain(LONG_CLAIM);
    expect(row).not.toContain('…');
  });

  it('sorts claims by relevance and says how many unrelated claims were left out', () => {
    const md = renderMarkdown(sampleModel());
    const order = md
      .split('\n')
      .filter((line) => /^\| \d+ \|/.test(line))
      .map((line) => Number(line.split('|')[1]));
    expect(order).toEqual([1, 2, 3, 5, 4, 6, 7, 8]);
    expect(md).toContain('3 other claims were left out as unrelated to the question.');
  });

  it('gives each claim its paper with version, location, verdict, confidence and calibration', () => {
    const md = renderMarkdown(sampleModel());
    const row = md.split('\n').find((line) => line.startsWith('| 2 |'))!;
    expect(row).toContain('| arxiv:2401.00077v1 (v1) | p. 2 | REFUTED | 0.84 | none: rests on its own paper | 0.95 |');
    expect(row).toContain(
      '“We could not reproduce the reported 71.3% pass@1; our re-run measured 64.2% with the released weights.” — arxiv:2401.00077v1 (v1), p. 2',
    );
    expect(row).toContain('claimed 71.3%, found 64.2%');
    const first = md.split('\n').find((line) => line.startsWith('| 1 |'))!;
    expect(first).toContain('NOT\\_REPRODUCED: humaneval-python, pass@1 claimed 71.3 vs measured 64.2');
    expect(first).toContain('contradicted by arxiv:2401.00077v1');
    expect(md).toContain('Calibration: isotonic regression on 400 SciFact dev claims (ECE 0.04)');
  });

  it('escapes table separators, newlines and markup in cells so every row keeps its columns', () => {
    const model = sampleModel();
    model.claims[0]!.text = 'Line one | with a pipe.\nLine two <b>bold</b>.';
    const md = renderMarkdown(model);
    const row = md.split('\n').find((line) => line.startsWith('| 1 |'))!;
    expect(row).toContain('Line one \\| with a pipe.<br>Line two \\<b\\>bold\\</b\\>.');
    const header = md.split('\n').find((line) => line.startsWith('| # | Claim'))!;
    const columns = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const line of md.split('\n').filter((l) => /^\| \d+ \|/.test(l))) expect(columns(line)).toBe(columns(header));
    expect(escapeMarkdownCell('a|b\r\nc')).toBe('a\\|b<br>c');
  });

  it('has a confidence table with counts and mean confidence per verdict', () => {
    const md = renderMarkdown(sampleModel());
    expect(md).toContain('| SUPPORTED (Supported) | 3 | 0.84 |');
    expect(md).toContain('| REFUTED (Refuted) | 2 | 0.80 |');
    expect(md).toContain('| PARTIAL (Partially supported) | 2 | 0.58 |');
    expect(md).toContain('| NOT_ENOUGH_INFO (Not enough information) | 1 | 0.41 |');
    expect(md).toContain('| All | 8 | 0.71 |');
  });

  it('lists exactly the papers in the model as references', () => {
    const model = sampleModel();
    const md = renderMarkdown(model);
    const refs = md.split('## References\n\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(refs).toHaveLength(model.papers.length);
    model.papers.forEach((paper, i) => {
      expect(refs[i]).toContain(`**[${paper.cite_key.replace(/_/g, '\\_')}]**`);
    });
    expect(refs[0]).toContain(
      'Ada Lovelace and Alan M. Turing. *CodeGen-7B: An Open Model for Program Synthesis*. 2023. arXiv:2305.01234v2. <https://arxiv.org/abs/2305.01234v2>',
    );
    expect(refs[1]).toContain('doi:10.1234/scaling\\_laws.2024');
    expect(refs[1]).toContain('*Scaling \\<script\\>window.\\_\\_xss = 1; alert(1)\\</script\\> Laws \\| Revisited*');
    // A javascript: URL is never emitted as a link.
    expect(md).not.toContain('javascript:');
    expect(refs[3]).toContain('n.d. (local:lab "notes" \\& \\<draft\\>)');
    expect(md).not.toContain(ODD_PAPER_ID);
  });

  it('has provenance and the other sections, and links charts only when given', () => {
    const md = renderMarkdown(sampleModel());
    expect(md).toContain('| verify-claim | 3 | sha256:5f2c0b0e |');
    expect(md).toContain('- Corpus snapshot: corpus@2026-11-27T20:58:00Z\\#41 papers');
    expect(md).toContain(
      '- Claim [1] vs arxiv:2401.00077v1: Re-run measured 64.2% instead of 71.3% with the released weights.',
    );
    expect(md).toContain('- No study reports pass@k for k \\> 10.');
    expect(md).not.toContain('charts/');
    const withCharts = renderMarkdown(sampleModel(), { verdicts: '<svg/>', confidence: '<svg/>', years: '<svg/>' });
    expect(withCharts).toContain('![Claims per verdict](charts/verdicts.svg)');
    expect(withCharts).toContain('![Confidence per verdict](charts/confidence.svg)');
    expect(withCharts).toContain('![Included papers by year](charts/years.svg)');
  });

  it('renders an empty report without claims or papers', () => {
    const model = sampleModel();
    model.claims = [];
    model.papers = [];
    model.contradictions = [];
    const md = renderMarkdown(model);
    expect(md).toContain('No claims about the question were found.');
    expect(md).toContain('No papers were included.');
    expect(md).toContain('| All | 0 | — |');
  });
});
