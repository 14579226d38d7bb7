import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../src/pipeline/audit/references.ts';
import { fileMatches, parsePaperFile } from '../../../src/pipeline/audit/resolve-references.ts';
import { defaultAuditDir, independenceCounts } from '../../../src/pipeline/audit/run-audit.ts';
import type { AuditClaimJson } from '../../../src/report/audit/audit-json.ts';
import { agreement, statusOf } from '../../../src/pipeline/audit/verify-document-claims.ts';

describe('agreement with the document', () => {
  it('✓ agrees with SUPPORTED or PARTIAL, ✗ with REFUTED, and nothing is known without a verdict', () => {
    expect(agreement('SUPPORTED', 'SUPPORTED')).toBe(true);
    expect(agreement('SUPPORTED', 'PARTIAL')).toBe(true);
    expect(agreement('SUPPORTED', 'REFUTED')).toBe(false);
    expect(agreement('REFUTED', 'REFUTED')).toBe(true);
    expect(agreement('REFUTED', 'SUPPORTED')).toBe(false);
    expect(agreement('SUPPORTED', 'NOT_ENOUGH_INFO')).toBeNull();
    expect(agreement(null, 'SUPPORTED')).toBeNull();
  });

  it('sums claims up as upheld, overturned or unverifiable (an unmarked claim is asserted)', () => {
    expect(statusOf('SUPPORTED', 'SUPPORTED')).toBe('upheld');
    expect(statusOf('REFUTED', 'SUPPORTED')).toBe('overturned');
    expect(statusOf(null, 'REFUTED')).toBe('overturned');
    expect(statusOf(null, 'SUPPORTED')).toBe('upheld');
    expect(statusOf('REFUTED', 'NOT_ENOUGH_INFO')).toBe('unverifiable');
  });
});

describe('--paper <id>=<file>', () => {
  const v2 = parseEntry('Doe (2024). CodeBridge. https://arxiv.org/abs/2401.00001v2', '1', 1);
  const doi = parseEntry('Smith (2023). Coffee. https://doi.org/10.1234/coffee.2023.001', '3', 3);

  it('parses the flag and rejects values without a file', () => {
    expect(parsePaperFile('2401.00001=papers/a.pdf')).toEqual({ id: '2401.00001', file: 'papers/a.pdf' });
    expect(() => parsePaperFile('2401.00001')).toThrow(/<id>=<file>/);
    expect(() => parsePaperFile('2401.00001=')).toThrow(/<id>=<file>/);
  });

  it('an id without a version stands for every version; a version must match', () => {
    expect(fileMatches('2401.00001', v2)).toBe(true);
    expect(fileMatches('arxiv:2401.00001v2', v2)).toBe(true);
    expect(fileMatches('https://arxiv.org/pdf/2401.00001v2', v2)).toBe(true);
    expect(fileMatches('2401.00001v1', v2)).toBe(false);
    expect(fileMatches('2401.00002', v2)).toBe(false);
  });

  it('matches ACL Anthology, OpenReview and DOI URLs, and ids written bare', () => {
    const acl = parseEntry('Lo, K. (2020). S2ORC. ACL 2020. https://aclanthology.org/2020.acl-main.447/', '4', 4);
    const openreview = parseEntry('Chang (2023). CiteSee. https://openreview.net/forum?id=AbC-12x', '5', 5);
    expect(fileMatches('2020.acl-main.447', acl)).toBe(true);
    expect(fileMatches('https://aclanthology.org/2020.acl-main.447.pdf', acl)).toBe(true);
    expect(fileMatches('10.18653/v1/2020.acl-main.447', acl)).toBe(true);
    expect(fileMatches('acl:2020.acl-main.448', acl)).toBe(false);
    expect(parsePaperFile('https://openreview.net/forum?id=AbC-12x=papers/citesee.pdf')).toEqual({
      id: 'https://openreview.net/forum?id=AbC-12x',
      file: 'papers/citesee.pdf',
    });
    expect(fileMatches('https://openreview.net/pdf?id=AbC-12x', openreview)).toBe(true);
    expect(fileMatches('2401.00001', acl)).toBe(false);
  });

  it('matches DOIs and reference numbers', () => {
    expect(fileMatches('10.1234/COFFEE.2023.001', doi)).toBe(true);
    expect(fileMatches('doi:10.1234/coffee.2023.001', doi)).toBe(true);
    expect(fileMatches('3', doi)).toBe(true);
    expect(fileMatches('[3]', doi)).toBe(true);
    expect(fileMatches('1', doi)).toBe(false);
  });

  it('puts the audit under reports/audit-<document-slug> by default', () => {
    expect(defaultAuditDir('drafts/My Report (v2).md')).toBe('reports/audit-my-report-v2');
  });
});

describe('independent support counts', () => {
  const claim = (
    verdict: AuditClaimJson['verdict'],
    basis: AuditClaimJson['basis'],
    others: AuditClaimJson['verdict'][],
  ) =>
    ({
      verdict,
      basis,
      independent: others.map((v, i) => ({
        paper_id: `p${i}`,
        reference: null,
        verdict: v,
        confidence: 0.7,
        evidence: [],
      })),
    }) as unknown as AuditClaimJson;

  it('tells claims backed elsewhere from claims resting on their cited paper alone', () => {
    expect(
      independenceCounts([
        claim('SUPPORTED', 'cited', ['SUPPORTED']),
        claim('SUPPORTED', 'cited', []),
        claim('PARTIAL', 'cited', ['REFUTED']),
        claim('NOT_ENOUGH_INFO', 'cited', []),
        claim('SUPPORTED', 'corpus', []),
      ]),
    ).toEqual({ independently_supported: 1, source_only: 2, contradicted_elsewhere: 1 });
  });
});
