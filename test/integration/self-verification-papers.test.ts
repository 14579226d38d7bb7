import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedClaimExtractor } from '../../src/claims/embedded-claim-extractor.ts';
import { createEmbeddedEngines } from '../../src/pipeline/embedded-engines.ts';
import { extractPaperClaims } from '../../src/pipeline/extract-paper-claims.ts';
import { ingestInput } from '../../src/pipeline/ingest-input.ts';
import { type VerifiedClaim, verifyStoredClaims } from '../../src/pipeline/verify-stored-claims.ts';
import { sharedData } from '../support/shared-data.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';

/**
 * Claims litmus extracts from a real paper, verified against that paper as a report does: extraction
 * rewrites "we"/"our" to the paper's name ("the AMDCN authors", "Qian and Liu"), and verification must
 * read the paper's own sentence back as stating the claim. Before the checks knew the names a paper
 * goes by, 27 of these 63 claims came out REFUTED (at up to 0.94) or NOT_ENOUGH_INFO against the very
 * sentence they were taken from.
 */
describe('self-verification on real papers', () => {
  let store: SqliteTestStore;
  const verified: VerifiedClaim[] = [];
  beforeAll(async () => {
    store = openSqliteStore();
    const files: [string, 'pdf' | 'html'][] = [
      [sharedData('pdfs', '1804.07821v1.pdf'), 'pdf'],
      [sharedData('html', 'acl-P14-2054.latexml-0.8.0.html'), 'html'],
    ];
    for (const [file, kind] of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const added = await ingestInput(store, { name: file, bytes, kind, origin: `file:${file}` }, { maxBytes: 1e9 });
      const { claims } = await extractPaperClaims(store, createEmbeddedClaimExtractor(), added.paper_id!);
      verified.push(...(await verifyStoredClaims(store, createEmbeddedEngines().verifier, claims)).verified);
    }
  }, 120_000);
  afterAll(() => store.db.close());

  it('supports nearly every claim by the sentence it was taken from', () => {
    expect(verified.length).toBeGreaterThan(50);
    const against = verified.filter((v) => v.result.verdict !== 'SUPPORTED' && v.result.verdict !== 'PARTIAL');
    expect(against.length, against.map((v) => `${v.result.verdict}: ${v.claim.text}`).join('\n')).toBeLessThanOrEqual(
      4,
    );
  });

  it('reads "the AMDCN authors" and "Qian and Liu" as the paper’s "we"', () => {
    const scaled = verified.find((v) => /the AMDCN authors scale the pixel values/.test(v.claim.text));
    expect(scaled?.result.verdict).toBe('SUPPORTED');
    expect(scaled?.result.evidence[0]?.quote).toMatch(/we scale the pixel values/);
    const proposed = verified.filter((v) => /^Qian and Liu propose/.test(v.claim.text));
    expect(proposed.length).toBeGreaterThan(0);
    for (const v of proposed) {
      expect(v.result.verdict).toBe('SUPPORTED');
      expect(v.result.evidence[0]?.quote).toMatch(/\bwe proposed?\b/i);
    }
  });
});
