import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVerbatim } from '../../src/core/text.ts';
import type { AuditClaimJson, AuditJson } from '../../src/report/audit/audit-json.ts';
import { validateAudit } from '../../src/report/audit/validate-audit.ts';
import { repoRoot, sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/**
 * `litmus audit` on a report whose claims table cites real ML/NLP papers the way reports do: an ACL
 * Anthology URL (with and without scheme) for a paper whose reference entry gives its ACL DOI, an
 * arXiv id, and an Anthology URL for a LaTeXML HTML paper. The papers are given offline with
 * `--paper ID=FILE`, each id written differently from the document.
 */
const report = join(repoRoot, 'test', 'fixtures', 'audit', 'ml-papers-report.md');
const s2orc = sharedData('pdfs', '2020.acl-main.447.pdf');
const expository = sharedData('pdfs', '2304.02623v1.pdf');
const paraphrasing = sharedData('html', 'acl-P14-1133.latexml-0.8.0.html');

describe('litmus audit on a report citing real papers by arXiv id and ACL Anthology URL', () => {
  let dir: string;
  let cleanup: () => void;
  let out: string;
  let audit: AuditJson;
  const claim = (n: number): AuditClaimJson => audit.claims.find((c) => c.n === n)!;
  const reference = (key: string) => audit.references.find((r) => r.key === key)!;

  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    out = join(dir, 'audit-out');
    const result = await runLitmus([
      '--db',
      join(dir, 'litmus.db'),
      '--offline',
      '--json',
      'audit',
      report,
      '--paper',
      `2020.acl-main.447=${s2orc}`,
      '--paper',
      `2304.02623=${expository}`,
      '--paper',
      `https://aclanthology.org/P14-1133.pdf=${paraphrasing}`,
      '--out',
      out,
    ]);
    if (result.code !== 0) throw new Error(`audit failed (${result.code}): ${result.stderr}`);
    audit = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
  });
  afterAll(() => cleanup());

  it('writes audit.json with text, truncation, verdict, confidence and evidence for every claim', () => {
    expect(validateAudit(audit)).toEqual({ valid: true, errors: [] });
    expect(audit.claims).toHaveLength(6);
    for (const c of audit.claims) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['text', 'truncated', 'truncation_reason', 'verdict', 'confidence', 'evidence']),
      );
    }
  });

  it('resolves the ACL Anthology URL in the Source cell to the file given for its Anthology id', () => {
    const s2orcRef = reference('1');
    expect(s2orcRef).toMatchObject({ doi: '10.18653/v1/2020.acl-main.447', resolved_by: 'file', error: null });
    expect(s2orcRef.paper_id).toMatch(/^local:/);
    // "https://aclanthology.org/2020.acl-main.447" and "aclanthology.org/2020.acl-main.447.pdf" both cite [1].
    expect(claim(1).cited).toEqual([{ reference: '1', paper_id: s2orcRef.paper_id }]);
    expect(claim(2).cited).toEqual([{ reference: '1', paper_id: s2orcRef.paper_id }]);
    expect(claim(4).cited).toEqual([{ reference: '3', paper_id: reference('3').paper_id }]);
    expect(reference('3')).toMatchObject({ resolved_by: 'file' });
    expect(claim(5).cited).toEqual([{ reference: '2', paper_id: reference('2').paper_id }]);
    expect(audit.findings.filter((f) => f.kind === 'unresolved_reference')).toEqual([]);
  });

  it('checks a claim against the paper it cites only, quoting that paper verbatim', () => {
    const c = claim(1);
    expect(c).toMatchObject({ verdict: 'SUPPORTED', basis: 'cited', status: 'upheld' });
    expect(c.evidence.length).toBeGreaterThan(0);
    for (const e of c.evidence) expect(e.paper_id).toBe(reference('1').paper_id);
    expect(c.evidence.some((e) => e.quote.includes('81.1M English-language academic papers'))).toBe(true);
    expect(c.rationale).toMatch(/^Checked against the cited paper only/);
  });

  it('flags the claim cut mid-word and the claim ending on a number without its unit', () => {
    expect(claim(3)).toMatchObject({ truncated: true, truncation_reason: 'ends mid-word ("informa")' });
    expect(claim(4)).toMatchObject({
      truncated: true,
      truncation_reason: 'ends on a number without its unit ("by 12")',
    });
    expect(audit.claims.filter((c) => c.truncated).map((c) => c.n)).toEqual([3, 4]);
    expect(audit.findings.filter((f) => f.kind === 'truncated_claim').map((f) => f.claim)).toEqual([3, 4]);
  });

  it('finds not enough information for a claim the cited paper does not address', () => {
    expect(claim(5)).toMatchObject({ verdict: 'NOT_ENOUGH_INFO', status: 'unverifiable', basis: 'cited' });
  });

  it('reads neither the numbered heading nor a figure from a cited paper as the document’s own count', () => {
    expect(audit.findings.filter((f) => f.kind === 'count_mismatch')).toEqual([]);
  });

  it('shows what the cited paper states apart from independent support, and evidence from the paper text', () => {
    const md = readFileSync(join(out, 'audit.md'), 'utf8');
    expect(md).toContain('| Stated by (cited paper) | Independent support (other papers) |');
    expect(md).toMatch(/- Independent support: \d+ claims? backed by another paper, \d+ claims? resting on/);
    expect(audit.summary).toMatchObject({ truncated: 2 });
    expect(md).toContain('*(cut off: ends mid-word ("informa"))*');
    const html = readFileSync(join(out, 'audit.html'), 'utf8');
    expect(html).toContain('<th>Stated by (cited paper)</th>');
    expect(html).not.toMatch(/<script|<link |src="http/i);
    // Other papers are judged apart from the cited one, never mixed into its verdict.
    for (const c of audit.claims) {
      for (const other of c.independent) expect(c.cited.map((x) => x.paper_id)).not.toContain(other.paper_id);
    }
    expect(findVerbatim(md.replace(/\\/g, ''), claim(1).evidence[0]!.quote)).not.toBeNull();
  });
});
