import { describe, expect, it } from 'vitest';
import {
  checkFindings,
  checkReportGuards,
  numberTokens,
  stripClaimReferences,
} from '../../../src/report/report-guards.ts';
import type { ReportModel } from '../../../src/report/report-model.ts';
import { SAMPLE_TEXTS, sampleModel } from '../../fixtures/report/sample-model.ts';

const texts = (id: string) => SAMPLE_TEXTS[id];

function failures(change: (model: ReportModel) => void): string[] {
  const model = sampleModel();
  change(model);
  return checkReportGuards(model, texts);
}

describe('checkReportGuards', () => {
  it('passes the sample model (quotes found across line breaks in the stored text)', () => {
    expect(checkReportGuards(sampleModel(), texts)).toEqual([]);
    // The quote of claim 1 spans a line break in the stored text.
    expect(SAMPLE_TEXTS['arxiv:2305.01234v2']).toContain('71.3% on\nHumanEval');
  });

  describe('quotes', () => {
    it('fails on a quote that is not verbatim in its paper', () => {
      expect(
        failures((m) => {
          m.claims[0]!.evidence[0]!.quote = 'Our model reaches a pass@1 of 73.1% on HumanEval';
        }),
      ).toEqual([
        'quote not verbatim: claim 1, quote 1 (arxiv:2305.01234v2, § 4 Results): "Our model reaches a pass@1 of 73.1% on HumanEval" is not in the paper\'s stored text',
      ]);
    });

    it('fails on a quote attributed to the wrong paper', () => {
      const result = failures((m) => {
        m.claims[1]!.evidence[0]!.paper_id = 'arxiv:2305.01234v2';
      });
      expect(result).toHaveLength(1);
      expect(result[0]).toMatch(/^quote not verbatim: claim 2, quote 1 \(arxiv:2305\.01234v2, p\. 2\)/);
    });

    it('fails when the paper has no stored text', () => {
      const model = sampleModel();
      expect(checkReportGuards(model, (id) => (id === 'local:notes' ? undefined : SAMPLE_TEXTS[id]))).toEqual([
        'quote not verifiable: claim 7, quote 1 (local:notes, full text): no stored text for paper local:notes',
      ]);
    });
  });

  describe('numbers in the answer', () => {
    it('fails on a number that no cited claim states', () => {
      expect(
        failures((m) => {
          m.answer.summary = m.answer.summary.replace('64.2%', '62.4%');
        }),
      ).toEqual(['answer number not in a cited claim: 62.4 (cited claims: 1, 2, 5)']);
    });

    it('fails on a number stated only by a claim the answer does not cite', () => {
      expect(
        failures((m) => {
          m.answer.summary += ' Training used 1,104,934 functions.';
        }),
      ).toEqual(['answer number not in a cited claim: 1,104,934 (cited claims: 1, 2, 5)']);
      expect(
        failures((m) => {
          m.answer.summary += ' Training used 1,104,934 functions (claim 6).';
          m.answer.cited_claims.push(6);
        }),
      ).toEqual([]);
    });

    it('compares numbers as written: 71.3 is not 171.3 and not 71', () => {
      expect(
        failures((m) => {
          m.answer.summary = 'The paper reports 171.3 [1].';
        }),
      ).toEqual(['answer number not in a cited claim: 171.3 (cited claims: 1, 2, 5)']);
      expect(
        failures((m) => {
          m.answer.summary = 'The paper reports about 71 [1].';
        }),
      ).toEqual(['answer number not in a cited claim: 71 (cited claims: 1, 2, 5)']);
    });

    it('ignores claim references and years, but not other numbers', () => {
      expect(stripClaimReferences('see claim 3, claims 4 and 5, Claim #6, [7], [8, 9] and [10–12]')).not.toMatch(/\d/);
      expect(numberTokens('71.3% (n=1,104,934) vs 64.2, GPT4, -3.5 and 2024.')).toEqual([
        '71.3',
        '1,104,934',
        '64.2',
        '3.5',
        '2024',
      ]);
      expect(failures((m) => (m.answer.summary = 'In 2023 claims 1 and 2 [5] disagree.'))).toEqual([]);
    });

    it('accepts figures from a cited claim’s experiment and numeric mismatches', () => {
      expect(failures((m) => (m.answer.summary = 'Claimed 71.3, measured 64.2 [1].'))).toEqual([]);
    });

    it('fails when the answer cites a claim that does not exist', () => {
      expect(failures((m) => m.answer.cited_claims.push(42))).toEqual([
        'answer cites claim 42, which is not in the claims table',
      ]);
    });
  });

  describe('counts', () => {
    it('fails when identified ≠ duplicates + screened', () => {
      expect(failures((m) => (m.counts.identified = 10))).toEqual([
        'counts do not add up: identified 10 ≠ duplicates 1 + screened 8',
      ]);
    });

    it('fails when screened ≠ excluded + full text unavailable + included', () => {
      expect(
        failures((m) => {
          m.counts.screened = 9;
          m.counts.identified = 10;
        }),
      ).toEqual(['counts do not add up: screened 9 ≠ excluded 3 + full text unavailable 1 + included 4']);
    });

    it('fails when included ≠ the number of papers', () => {
      expect(
        failures((m) => {
          m.papers.push({ ...m.papers[2]!, id: 'local:extra', cite_key: 'extra' });
        }),
      ).toEqual(['counts do not add up: included 4 ≠ 5 papers in the reference list']);
    });

    it('fails when a stage count has records without a reason', () => {
      expect(
        failures((m) => {
          m.method.exclusions = m.method.exclusions.filter((e) => e.reason !== 'withdrawn');
        }),
      ).toEqual(['exclusion reasons missing: excluded count is 3 but 2 records list a reason']);
    });
  });

  describe('paper ids', () => {
    it('fails on a claim, evidence, corroborating or contradicting paper not in papers', () => {
      const result = failures((m) => {
        m.claims[5]!.corroborating.push('arxiv:9999.99999v1');
        m.claims[0]!.contradicting.push('local:ghost');
        m.contradictions.push({ claim: 2, paper_id: 'local:ghost', detail: 'x' });
      });
      expect(result).toEqual([
        'unknown paper: claim 1 contradicting names local:ghost, which is not in papers',
        'unknown paper: claim 6 corroborating names arxiv:9999.99999v1, which is not in papers',
        'unknown paper: contradiction on claim 2 names local:ghost, which is not in papers',
      ]);
    });

    it('fails when a claim’s own paper is missing from papers', () => {
      const result = failures((m) => {
        m.papers = m.papers.filter((p) => p.id !== 'local:notes');
        m.counts.included = 3;
        m.counts.screened = 7;
        m.counts.identified = 8;
      });
      expect(result).toContain('unknown paper: claim 7 names local:notes, which is not in papers');
      expect(result).toContain('unknown paper: claim 7 evidence names local:notes, which is not in papers');
      expect(result).toContain('unknown paper: claim 6 corroborating names local:notes, which is not in papers');
    });

    it('fails on duplicate paper ids, cite keys and claim numbers', () => {
      const result = failures((m) => {
        m.papers[3]!.cite_key = m.papers[0]!.cite_key;
        m.claims[7]!.n = 7;
      });
      expect(result).toContain('cite key used twice: lovelace2023codegen (local:lab "notes" & <draft>)');
      expect(result).toContain('claim number used twice: 7');
    });
  });

  describe('claim text', () => {
    it('fails on a claim that stops mid-sentence or ends in an ellipsis', () => {
      const cut = failures((m) => (m.claims[2]!.text = 'Data contamination explains the whole gap between'));
      expect(cut).toHaveLength(1);
      expect(cut[0]).toMatch(
        /^claim text truncated: claim 3 ends "….*the whole gap between": ends on "between", which needs a continuation$/,
      );
      expect(failures((m) => (m.claims[2]!.text = 'Data contamination explains the whole gap…'))).toHaveLength(1);
      expect(failures((m) => (m.claims[2]!.text = 'Data contamination explains the whole gap...'))).toHaveLength(1);
    });

    it('accepts terminal punctuation followed by a closing quote or bracket', () => {
      expect(failures((m) => (m.claims[2]!.text = 'The authors call it “the whole gap.”'))).toEqual([]);
      expect(failures((m) => (m.claims[2]!.text = 'Does contamination explain the gap (fully)?'))).toEqual([]);
    });
  });
});

describe('checkFindings', () => {
  it('passes the sample, and fails a size not written in its claim, an uncited finding or an unknown claim', () => {
    expect(checkFindings(sampleModel())).toEqual([]);
    const model = sampleModel();
    model.answer.findings[0]!.effects[0]!.size = '99.9%';
    model.answer.cited_claims = [1, 5];
    model.facets[0]!.covered_by.push(42);
    const failures = checkFindings(model);
    expect(failures).toContain('finding on "HumanEval": size "99.9%" is not written in claim 1');
    expect(failures).toContain('finding on "HumanEval": claim 2 is not cited by the answer');
    expect(failures).toContain('facet "HumanEval pass@1" names claim 42, which is not in the claims table');
  });
});
