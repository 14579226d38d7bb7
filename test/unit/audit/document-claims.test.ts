import { describe, expect, it } from 'vitest';
import { bulletVerdict } from '../../../src/pipeline/audit/find-document-claims.ts';
import { parseAuditDocument } from '../../../src/pipeline/audit/parse-audit-document.ts';

const brief = (text: string) =>
  parseAuditDocument(text).claims.map((c) => ({
    text: c.text,
    origin: c.origin,
    verdict: c.documentVerdict,
    confidence: c.documentConfidence,
    cites: c.cites,
    truncated: c.truncated,
  }));

describe('claim tables', () => {
  it('reads a pipe table with ✓/× and yes/no marks, confidences and a Source column', () => {
    const claims = brief(`# Report on table recognition

## Extracted Claims

| Claim | Source | Verified | Confidence |
|:------|:------:|:--------:|-----------:|
| TableFormer reaches 93.6% TEDS on PubTabNet | [1] | ✓ | 0.91 |
| **DETR** halves training time on FinTabNet | [2] | × | 12% |
| The model needs no OCR at inference | arXiv:2203.01017 | yes | 0.7 |
| Structure errors fall by a third with row headers | 1 | no | n/a |

## References
[1] Nassar, A. (2022). TableFormer: Table Structure Understanding with Transformers. arXiv:2203.01017
[2] Smock, B. (2022). PubTables-1M. arXiv:2110.00061
`);
    expect(claims).toEqual([
      {
        text: 'TableFormer reaches 93.6% TEDS on PubTabNet',
        origin: 'table',
        verdict: 'SUPPORTED',
        confidence: 0.91,
        cites: ['1'],
        truncated: false,
      },
      {
        text: 'DETR halves training time on FinTabNet',
        origin: 'table',
        verdict: 'REFUTED',
        confidence: 0.12,
        cites: ['2'],
        truncated: false,
      },
      {
        text: 'The model needs no OCR at inference',
        origin: 'table',
        verdict: 'SUPPORTED',
        confidence: 0.7,
        cites: ['1'],
        truncated: false,
      },
      {
        text: 'Structure errors fall by a third with row headers',
        origin: 'table',
        verdict: 'REFUTED',
        confidence: null,
        cites: ['1'],
        truncated: false,
      },
    ]);
  });

  it('reads a tab-separated table and an unlabelled claim column', () => {
    const claims = brief(
      [
        'Findings',
        '',
        'No\tStatement\tVerdict\tScore',
        '1\tCodeBridge reaches 71.8% pass@1 on Python\ttrue\t0.88',
        '2\tTranslation improves Lua pass@1 by 6 points\tfalse\t0.3',
      ].join('\n'),
    );
    expect(claims.map((c) => [c.text, c.verdict, c.confidence])).toEqual([
      ['CodeBridge reaches 71.8% pass@1 on Python', 'SUPPORTED', 0.88],
      ['Translation improves Lua pass@1 by 6 points', 'REFUTED', 0.3],
    ]);
    const unlabelled = brief(
      '| # | Text of the result | ✓ |\n|---|---|---|\n| 1 | Pass@1 improves by 9.4 points | ✔ |\n',
    );
    expect(unlabelled).toMatchObject([{ text: 'Pass@1 improves by 9.4 points', verdict: 'SUPPORTED' }]);
  });

  it('ignores tables that are not claim tables', () => {
    expect(
      brief('| Model | Python | Lua |\n|---|---|---|\n| CodeBridge | 71.8 | 40.2 |\n| StarCoder | 64.2 | 31.0 |\n'),
    ).toEqual([]);
  });
});

describe('bullets', () => {
  it('reads bullets in claim sections with their marks', () => {
    const claims = brief(`# Report

## Key findings

- ✓ CodeBridge reaches 71.8% pass@1 on Python [1]
- Translation raises Lua pass@1 by 6 points — ✗ (0.2)
- [x] Training takes 36 hours on eight GPUs
* Larger models gain less from translated data (verified, confidence 0.8)

## References
1. Doe (2024). CodeBridge. arXiv:2401.00001
`);
    expect(claims.map((c) => [c.text, c.origin, c.verdict, c.confidence, c.cites])).toEqual([
      ['CodeBridge reaches 71.8% pass@1 on Python', 'bullet', 'SUPPORTED', null, ['1']],
      ['Translation raises Lua pass@1 by 6 points', 'bullet', 'REFUTED', 0.2, []],
      ['Training takes 36 hours on eight GPUs', 'bullet', 'SUPPORTED', null, []],
      ['Larger models gain less from translated data', 'bullet', 'SUPPORTED', 0.8, []],
    ]);
  });

  it('takes bullets elsewhere only when they read as claims, and none from method sections', () => {
    const claims = brief(`# Notes

## Setup

- Python 3.11
- The queries were run on arXiv
- Dense retrieval improves recall by 4 points over BM25
`);
    expect(claims.map((c) => c.text)).toEqual(['Dense retrieval improves recall by 4 points over BM25']);
    const method = brief(
      `# Notes\n\n## Method\n\n- Python 3.11\n- Our pipeline improves recall by filtering duplicates\n`,
    );
    expect(method).toEqual([]);
  });

  it('splits trailing marks from the bullet text', () => {
    expect(bulletVerdict('X beats Y by 3 points — ✓ 0.93')).toMatchObject({
      text: 'X beats Y by 3 points',
      verdict: 'SUPPORTED',
    });
    expect(bulletVerdict('X beats Y by 3 points (refuted)')).toMatchObject({
      text: 'X beats Y by 3 points',
      verdict: 'REFUTED',
    });
    expect(bulletVerdict('X beats Y on 3 tasks - including 2')).toMatchObject({ verdict: null, confidence: null });
  });
});

describe('prose claims', () => {
  it('takes claim-bearing sentences and leaves the rest', () => {
    const claims = brief(`# Dense retrieval for scientific QA

## Introduction

Question answering over papers is hard. Many systems exist. We describe the field below.

## Results

Dense retrieval improves recall@10 by 7.2 points over BM25 on SciFact [1]. The corpus has many documents. ColBERT outperforms DPR on long queries. Our report retrieved 12 papers for this analysis. Is retrieval the bottleneck?

## References
[1] Wadden, D. (2020). Fact or Fiction: Verifying Scientific Claims. arXiv:2004.14974
`);
    expect(claims.map((c) => [c.text, c.origin, c.cites])).toEqual([
      ['Dense retrieval improves recall@10 by 7.2 points over BM25 on SciFact.', 'prose', ['1']],
      ['ColBERT outperforms DPR on long queries.', 'prose', []],
    ]);
  });

  it('marks a prose claim that stops without its sentence end as truncated', () => {
    const claims = brief('# Notes\n\n## Results\n\nDense retrieval improves recall on SciFact compared with the');
    expect(claims).toMatchObject([{ truncated: true }]);
  });
});

describe('question', () => {
  it('takes the question from a Question line, a section, the title or the abstract', () => {
    expect(parseAuditDocument('# T\n\n**Research question:** Does X help Y?\n').question).toBe('Does X help Y?');
    expect(parseAuditDocument('# T\n\n## Research Question\n\nDoes X help Y?\n').question).toBe('Does X help Y?');
    const titled = parseAuditDocument('# Literature report: Dense retrieval for QA\n\nText.');
    expect([titled.question, titled.questionSource]).toEqual(['Dense retrieval for QA', 'title']);
  });
});

describe('text from PDFs', () => {
  it('splits list items the PDF text ran together and finds an inline question', () => {
    const text =
      'Report on retrieval Question: Does dense retrieval help claim verification?\n\nKey findings - Dense retrieval improves recall by 7 points [1] (verified, confidence 0.9) - BM25 beats dense retrieval on short claims (refuted, 0.2)\n\nReferences\n\n[1] Wadden, D. (2020). Fact or Fiction. arXiv:2004.14974';
    const parsed = parseAuditDocument(text, { inlineBullets: true, title: 'Report on retrieval' });
    expect(parsed.question).toBe('Does dense retrieval help claim verification?');
    expect(parsed.claims.map((c) => [c.text, c.documentVerdict, c.documentConfidence, c.cites])).toEqual([
      ['Dense retrieval improves recall by 7 points', 'SUPPORTED', 0.9, ['1']],
      ['BM25 beats dense retrieval on short claims', 'REFUTED', 0.2, []],
    ]);
  });
});
