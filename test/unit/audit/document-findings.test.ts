import { describe, expect, it } from 'vitest';
import { parseAuditDocument } from '../../../src/pipeline/audit/parse-audit-document.ts';

const findings = (text: string, kind: string) =>
  parseAuditDocument(text)
    .findings.filter((f) => f.kind === kind)
    .map((f) => f.claim ?? f.detail);

const references = (n: number) =>
  `## References\n${Array.from({ length: n }, (_, i) => `[${i + 1}] Author${i} (2024). Paper number ${i + 1} on retrieval. arXiv:2401.0000${i + 1}`).join('\n')}\n`;

describe('count mismatches', () => {
  it('flags a paper count that disagrees with the reference list', () => {
    const text = `# Dense retrieval report\n\nWe summarise 12 papers retrieved from arXiv.\n\n${references(4)}`;
    expect(findings(text, 'count_mismatch')).toEqual(['the document states "12 papers" but lists 4 references']);
    expect(findings(`# R\n\nThis review covers twelve studies.\n\n${references(4)}`, 'count_mismatch')).toHaveLength(1);
    expect(findings(`# R\n\nPapers included: 7\n\n${references(4)}`, 'count_mismatch')).toHaveLength(1);
  });

  it('accepts counts that agree', () => {
    expect(
      findings(`# R\n\nWe summarise 4 papers retrieved from arXiv.\n\n${references(4)}`, 'count_mismatch'),
    ).toEqual([]);
    expect(findings(`# R\n\nWe summarise four recent papers.\n\n${references(4)}`, 'count_mismatch')).toEqual([]);
  });

  it('does not read a numbered heading as a count of claims', () => {
    const text = `# R\n\n## 4 Extracted Claims\n\n| Claim | Verified |\n|---|---|\n| Dense retrieval improves recall by 7 points | ✓ |\n| ColBERT outperforms DPR on long queries | ✗ |\n\n3 Key Claims\n\nColBERT is fast.\n`;
    expect(findings(text, 'count_mismatch')).toEqual([]);
  });

  it('does not read a figure a cited paper reports as the document’s own count of references', () => {
    const own = 'We summarise 2 papers retrieved from arXiv.';
    const cited = [
      'Lo et al. (2020) build on a survey of 162 papers on citation analysis.',
      'The S2ORC corpus links 81 papers per query on average [1].',
      'A meta-analysis of 40 studies found the same effect.',
    ];
    expect(findings(`# R\n\n${own} ${cited.join(' ')}\n\n${references(2)}`, 'count_mismatch')).toEqual([]);
    expect(findings(`# R\n\n${cited.join(' ')} We summarise 3 papers.\n\n${references(2)}`, 'count_mismatch')).toEqual([
      'the document states "3 papers" but lists 2 references',
    ]);
  });

  it('checks claim counts and verified counts against the claims table', () => {
    const text = `# R\n\nWe extracted 3 claims; 3 of 3 claims were verified.\n\n| Claim | Verified |\n|---|---|\n| Dense retrieval improves recall by 7 points | ✓ |\n| ColBERT outperforms DPR on long queries | ✗ |\n`;
    expect(findings(text, 'count_mismatch')).toEqual([
      'the document states "3 claims" but presents 2 claims',
      'the document states "3 of 3 claims were verified" but marks 1 of 2 claims as verified',
    ]);
  });
});

describe('confidence figures', () => {
  const table = (rows: [string, string][]) =>
    `# Retrieval report\n\n| Claim | Verified | Confidence |\n|---|---|---|\n${rows
      .map(([mark, conf], i) => `| Dense retrieval improves recall by ${i + 2} points on SciFact | ${mark} | ${conf} |`)
      .join('\n')}\n`;

  it('flags a ✓ with a low confidence and a ✗ with a high one', () => {
    expect(
      findings(
        table([
          ['✓', '0.1'],
          ['✗', '0.95'],
          ['✓', '0.9'],
          ['✗', '0.2'],
        ]),
        'confidence_contradiction',
      ),
    ).toEqual([1, 2]);
    expect(
      findings(
        table([
          ['yes', '10%'],
          ['no', '95%'],
        ]),
        'confidence_contradiction',
      ),
    ).toEqual([1, 2]);
  });

  it('flags figures that are no probability and figures that never vary', () => {
    expect(findings(table([['✓', '140%']]), 'invalid_confidence')).toEqual([1]);
    expect(
      findings(
        table([
          ['✓', '0.9'],
          ['✗', '0.9'],
          ['✓', '0.9'],
          ['✗', '0.9'],
        ]),
        'uniform_confidence',
      ),
    ).toHaveLength(1);
    expect(
      findings(
        table([
          ['✓', '0.9'],
          ['✗', '0.2'],
          ['✓', '0.8'],
          ['✗', '0.1'],
        ]),
        'uniform_confidence',
      ),
    ).toEqual([]);
  });
});

describe('unrelated claims', () => {
  it('flags claims off the stated question and keeps the on-topic ones', () => {
    const text = `# Literature report: dense retrieval for scientific claim verification

Question: Does dense retrieval improve evidence retrieval for scientific claim verification?

## Claims

| Claim | Verified |
|---|---|
| Dense retrieval improves recall@10 of evidence on SciFact by 7 points | ✓ |
| VeriSci retrieves rationale sentences for scientific claims | ✓ |
| Regular coffee consumption lowers the risk of type 2 diabetes | ✓ |
| The Eiffel Tower is repainted every seven years | ✗ |
`;
    expect(findings(text, 'unrelated_claim')).toEqual([3, 4]);
  });
});

describe('truncated claims and unresolved references', () => {
  it('reports each cut-off claim and each citation that leads nowhere', () => {
    const text = `# Code generation report

Question: Does translation help code generation?

| Claim | Source | Verified |
|---|---|---|
| Translation improves the pass@1 of code models on Lua by 6 points | [1] | ✓ |
| Fine-tuning with translated problems improves the accura | [1] | ✓ |
| Translated benchmarks help code generation in OCaml and | [4] | ✓ |
| Translation raises the average pass@1 on Racket by 12 | [1] | ✓ |

## References
[1] Roe, A. (2024). Translating code generation benchmarks. arXiv:2402.00002
[2] ???
`;
    const parsed = parseAuditDocument(text);
    expect(parsed.claims.map((c) => c.truncation?.kind ?? null)).toEqual([
      null,
      'mid-word',
      'mid-sentence',
      'dangling-number',
    ]);
    expect(findings(text, 'truncated_claim')).toEqual([2, 3, 4]);
    const details = parsed.findings.filter((f) => f.kind === 'truncated_claim').map((f) => f.detail);
    expect(details[0]).toBe(
      'claim 2 is cut off (ends mid-word ("accura")): "Fine-tuning with translated problems improves the accura"',
    );
    expect(details[2]).toContain('(ends on a number without its unit ("by 12"))');
    const unresolved = parsed.findings.filter((f) => f.kind === 'unresolved_reference');
    expect(unresolved.map((f) => f.claim ?? f.reference)).toEqual([3, '2']);
    expect(unresolved[0]!.detail).toContain('[4]');
  });

  it('reports a document without claims', () => {
    expect(findings('# Notes\n\nNothing to see here.\n', 'no_claims')).toHaveLength(1);
  });
});
