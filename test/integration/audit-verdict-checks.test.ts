import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditClaimJson, AuditJson } from '../../src/report/audit/audit-json.ts';
import { validateAudit } from '../../src/report/audit/validate-audit.ts';
import { repoRoot, sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/**
 * The verdict checks as `litmus audit` shows them, on real papers: each claim is one of the papers'
 * own sentences altered the way machine-written reports get them wrong — direction flipped
 * ("improves" → "lowers", "more" → "fewer"), negation inserted, scope over-strengthened ("many
 * tasks" → "all tasks"). The check that decided is recorded and shown.
 */
const report = join(repoRoot, 'test', 'fixtures', 'audit', 'ml-papers-checks-report.md');

describe('litmus audit: negation, direction and strength on real papers', () => {
  let dir: string;
  let cleanup: () => void;
  let audit: AuditJson;
  let out: string;
  const claim = (n: number): AuditClaimJson => audit.claims.find((c) => c.n === n)!;

  beforeAll(async () => {
    ({ dir, cleanup } = makeTempDir());
    out = join(dir, 'audit-out');
    const result = await runLitmus([
      '--db',
      join(dir, 'litmus.db'),
      '--offline',
      'audit',
      report,
      '--paper',
      `P14-1133=${sharedData('html', 'acl-P14-1133.latexml-0.8.0.html')}`,
      '--paper',
      `10.18653/v1/2020.acl-main.447=${sharedData('pdfs', '2020.acl-main.447.pdf')}`,
      '--out',
      out,
    ]);
    if (result.code !== 0) throw new Error(`audit failed (${result.code}): ${result.stderr}`);
    audit = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
  });
  afterAll(() => cleanup());

  it('refutes direction-flipped claims against the sentence they alter', () => {
    expect(validateAudit(audit)).toEqual({ valid: true, errors: [] });
    expect(claim(1)).toMatchObject({ verdict: 'REFUTED', status: 'overturned', basis: 'cited' });
    expect(claim(1).evidence[0]!.quote).toContain('ParaSempre improves state-of-the-art accuracies');
    expect(claim(3).verdict).toBe('REFUTED');
    expect(claim(3).evidence[0]!.quote).toContain('three times more full text papers than PubMed Central');
  });

  it('refutes a negated claim', () => {
    expect(claim(2)).toMatchObject({ verdict: 'REFUTED', status: 'overturned' });
    expect(claim(2).evidence.some((e) => e.quote.includes('we match the current best performing system'))).toBe(true);
  });

  it('finds an over-strengthened claim partly supported and says why', () => {
    expect(claim(4).verdict).toBe('PARTIAL');
    const strength = claim(4).checks?.find((c) => c.rule === 'strength');
    expect(strength?.detail).toMatch(/all.*many/);
    expect(readFileSync(join(out, 'audit.md'), 'utf8')).toContain('Check (strength):');
  });
});
