import { describe, expect, it } from 'vitest';
import type { AuditJson } from '../../../src/report/audit/audit-json.ts';
import { renderAuditHtml } from '../../../src/report/audit/render-audit-html.ts';
import { renderAuditMarkdown } from '../../../src/report/audit/render-audit-markdown.ts';
import { validateAudit } from '../../../src/report/audit/validate-audit.ts';

const hostile = '<img src=x onerror=alert(1)> | **bold** [link](javascript:alert(1))';

function audit(): AuditJson {
  return {
    document: 'reports/x.md',
    document_title: `Report ${hostile}`,
    document_kind: 'markdown',
    question: 'Does X help Y?',
    question_source: 'question',
    claims: [
      {
        n: 1,
        text: `CodeBridge reaches 71.3% ${hostile}`,
        origin: 'table',
        line: 9,
        truncated: true,
        truncation_reason: 'ends on a number without its unit ("by 3.")',
        document_verdict: 'SUPPORTED',
        document_mark: '✓',
        document_confidence: 0.94,
        verdict: 'REFUTED',
        confidence: 0.5,
        basis: 'cited',
        agrees_with_document: false,
        status: 'overturned',
        cited: [{ reference: '1', paper_id: 'local:codebridge' }],
        evidence: [
          { paper_id: 'local:codebridge', quote: `pass@1 of 71.8% <script>alert(1)</script>`, location: '§ 3 Results' },
        ],
        numeric: [{ claimed: '71.3%', found: '71.8%' }],
        independent: [],
        rationale: 'Evidence states the same quantity with a different value.',
      },
      {
        n: 2,
        text: 'Intermediate training on SQuAD improves the average by 8.4 points.',
        origin: 'table',
        line: 10,
        truncated: false,
        truncation_reason: null,
        document_verdict: 'SUPPORTED',
        document_mark: '✓',
        document_confidence: 0.9,
        verdict: 'SUPPORTED',
        confidence: 0.81,
        basis: 'cited',
        agrees_with_document: true,
        status: 'upheld',
        cited: [{ reference: '1', paper_id: 'local:codebridge' }],
        evidence: [
          {
            paper_id: 'local:codebridge',
            quote: 'SQuAD 8.4',
            location: 'Table 2',
            cell: {
              table: 'Table 2',
              row: ['SQuAD'],
              column: ['Avg'],
              text: '8.4',
              address: 'Table 2, row SQuAD, column Avg: 8.4',
            },
          },
        ],
        numeric: [],
        independent: [
          {
            paper_id: 'arxiv:2005.13013v2',
            reference: '2',
            verdict: 'REFUTED',
            confidence: 0.7,
            evidence: [{ paper_id: 'arxiv:2005.13013v2', quote: 'SQuAD does not help.', location: '§ 4' }],
          },
        ],
        rationale: 'The table states it.',
      },
    ],
    references: [
      {
        key: '1',
        text: hostile,
        arxiv_id: '2401.00001v2',
        doi: null,
        title: 'CodeBridge',
        paper_id: 'local:codebridge',
        resolved_by: 'file',
        error: null,
      },
      {
        key: '2',
        text: 'Pruksachatkun et al. (2020). arXiv:2005.13013',
        arxiv_id: '2005.13013',
        doi: null,
        title: null,
        paper_id: 'arxiv:2005.13013v2',
        resolved_by: 'file',
        error: null,
      },
    ],
    findings: [{ kind: 'truncated_claim', claim: 1, detail: `claim 1 is cut off: ${hostile}` }],
    summary: {
      claims: 1,
      upheld: 0,
      overturned: 1,
      unverifiable: 0,
      findings: 1,
      references: 1,
      references_resolved: 1,
      independently_supported: 0,
      source_only: 1,
      contradicted_elsewhere: 1,
      truncated: 1,
    },
    engine: 'embedded@1',
    calibration: 'calibrated on SciFact dev',
    generated_at: '2026-01-01T00:00:00.000Z',
    litmus_version: '0.0.0',
  };
}

describe('audit renderers', () => {
  it('escapes document and paper text in HTML and keeps the page self-contained', () => {
    const html = renderAuditHtml(audit());
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<link |src="http|<script/i);
    expect(html).toContain('claimed 71.3%, paper: 71.8%');
  });

  it('escapes Markdown and keeps each claim on one table row', () => {
    const md = renderAuditMarkdown(audit());
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\| \\*\\*bold\\*\\* \\[link\\](javascript:alert(1))');
    const row = md.split('\n').find((line) => line.startsWith('| 1 |'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(9);
    expect(md).toContain('claimed 71.3%, paper says 71.8%');
    expect(md).toContain('upheld 0, overturned 1, unverifiable 0');
  });
});

describe('stated by, independent support and table cells', () => {
  it('shows what the cited paper states apart from what other papers say', () => {
    const md = renderAuditMarkdown(audit());
    expect(md).toContain(
      '| # | Claim | Document | Stated by (cited paper) | Independent support (other papers) | Agrees | Evidence |',
    );
    const row = md.split('\n').find((line) => line.startsWith('| 2 |'))!;
    expect(row).toContain('| SUPPORTED (0.81) | REFUTED by \\[2\\] arxiv:2005.13013v2 (0.70) |');
    expect(md.split('\n').find((line) => line.startsWith('| 1 |'))).toContain('| none found |');
    const html = renderAuditHtml(audit());
    expect(html).toContain('<th>Stated by (cited paper)</th><th>Independent support (other papers)</th>');
    expect(html).toContain('REFUTED by [2] arxiv:2005.13013v2 (0.70)');
  });

  it('counts the claims that rest on their source alone', () => {
    const line =
      "Independent support: 0 claims backed by another paper, 1 claim resting on their cited paper's word alone, 1 claim contradicted by another paper";
    expect(renderAuditMarkdown(audit())).toContain(`- ${line}`);
    expect(renderAuditHtml(audit())).toContain(line.replace("'", '&#39;'));
  });

  it('shows numeric evidence as the cell with its row and column headers', () => {
    const md = renderAuditMarkdown(audit());
    expect(md).toContain('local:codebridge: Table 2, row SQuAD, column Avg: 8.4 (row SQuAD; column Avg)');
    const html = renderAuditHtml(audit());
    expect(html).toContain('<tr><th></th><th>Avg</th></tr><tr><th>SQuAD</th><td>8.4</td></tr>');
    expect(html).toContain('local:codebridge, Table 2, row SQuAD, column Avg: 8.4');
  });

  it('says why a claim is cut off', () => {
    expect(renderAuditMarkdown(audit())).toContain('*(cut off: ends on a number without its unit ("by 3.")');
    expect(renderAuditHtml(audit())).toContain('(cut off: ends on a number without its unit (&quot;by 3.&quot;))');
  });

  it('keeps one verdict column when only one paper is in play', () => {
    const single = audit();
    single.references = single.references.slice(0, 1);
    single.claims[1]!.independent = [];
    expect(renderAuditMarkdown(single)).toContain('| # | Claim | Document | litmus | Agrees | Evidence |');
  });
});

describe('audit schema', () => {
  it('accepts a full audit and the minimal shape', () => {
    expect(validateAudit(audit())).toEqual({ valid: true, errors: [] });
    expect(
      validateAudit({
        document: 'x.md',
        claims: [],
        findings: [],
        summary: { claims: 0, upheld: 0, overturned: 0, unverifiable: 0 },
      }).valid,
    ).toBe(true);
  });

  it('rejects wrong verdicts, confidences out of range and unknown finding kinds', () => {
    const bad = audit();
    (bad.claims[0] as unknown as Record<string, unknown>)['verdict'] = 'MAYBE';
    bad.claims[0]!.confidence = 1.5;
    bad.findings[0]!.kind = 'vibes';
    const result = validateAudit(bad);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/claims\/0\/verdict/);
    expect(result.errors.join('\n')).toMatch(/\/claims\/0\/confidence/);
    expect(result.errors.join('\n')).toMatch(/\/findings\/0\/kind/);
  });
});

describe('a retracted reference in the audit', () => {
  function retractedAudit(): AuditJson {
    const a = audit();
    a.references[0] = {
      ...a.references[0]!,
      integrity: {
        status: 'retracted',
        notices: [{ kind: 'retraction', label: 'Retraction', doi: '10.5555/x.retraction', date: '2024-04-30', source: 'retraction-watch' }],
        unchecked_reason: null,
      },
    };
    a.findings.push({
      kind: 'retracted_reference',
      reference: a.references[0]!.key,
      detail: 'reference [1] is retracted: Retraction (2024-04-30), notice doi:10.5555/x.retraction, per Retraction Watch; claim(s) 1 rest on it',
    });
    a.summary.retracted_references = 1;
    return a;
  }

  it('is valid, counted in the summary, a finding, and marked in the reference table', () => {
    const a = retractedAudit();
    expect(validateAudit(a).errors).toEqual([]);
    const md = renderAuditMarkdown(a);
    expect(md).toContain('**Retracted or withdrawn references: 1');
    expect(md).toContain('- **retracted reference**: reference \\[1\\] is retracted');
    expect(md).toMatch(/\| RETRACTED: retracted: Retraction \(2024-04-30\), notice doi:10\.5555\/x\.retraction, per Retraction Watch/);
    const html = renderAuditHtml(a);
    expect(html).toContain('<strong>Retracted or withdrawn references: 1');
    expect(html).toContain('RETRACTED: retracted: Retraction (2024-04-30)');
  });
});
