import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmbeddedClaimExtractor } from '../../../src/claims/embedded-claim-extractor.ts';
import { isCentral } from '../../../src/claims/rank-claims.ts';
import type { Paper } from '../../../src/core/types.ts';
import { ingestDocument } from '../../../src/ingest/ingest-document.ts';
import { extractPaperClaims } from '../../../src/pipeline/extract-paper-claims.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { sharedData } from '../../support/shared-data.ts';

const title = 'Fast and Robust Neural Network Joint Models for Statistical Machine Translation';
const paper: Paper = {
  id: 'local:acl-P14-1129',
  workId: 'local:acl-P14-1129',
  source: 'local',
  externalId: 'acl-P14-1129.html',
  version: null,
  title,
  authors: [{ name: 'Jacob Devlin' }, { name: 'Rabih Zbib' }, { name: 'Zhongqiang Huang' }],
  published: '2014-06-01',
  updated: null,
  categories: [],
  licence: null,
  abstract: null,
};

describe('extractPaperClaims (store → extractor → store)', () => {
  it('reads the paper’s tables and authors, keeps headline findings beyond the cap, and stores centrality and locations', async () => {
    const store = await openStore(':memory:');
    const path = sharedData('html', 'acl-P14-1129.latexml-0.8.0.html');
    const { parsed, passages } = await ingestDocument({
      name: 'acl-P14-1129.html',
      bytes: readFileSync(path),
      kind: 'html',
    });
    await store.transaction(async (tx) => {
      await tx.papers.upsert({ ...paper, abstract: parsed.abstract });
      await tx.documents.insert({
        paperId: paper.id,
        kind: 'html',
        contentHash: 'h',
        bytes: 1,
        origin: 'test',
        parsed,
        passages,
      });
    });

    const { claims } = await extractPaperClaims(store, createEmbeddedClaimExtractor(), paper.id, { maxClaims: 2 });
    const headline = claims.filter(isCentral);
    expect(headline.length).toBeGreaterThan(2);
    expect(claims.filter((c) => !isCentral(c))).toHaveLength(2);
    expect(headline.some((c) => c.text.includes('+3.0 BLEU'))).toBe(true);
    for (const claim of claims) expect(claim.text).not.toContain(title);

    const all = await extractPaperClaims(store, createEmbeddedClaimExtractor(), paper.id, { maxClaims: 1000 });
    // Results tables of the stored document become claims, their baseline row a stored further location.
    const fromTable = all.claims.find((c) => c.text.startsWith('In Table 3, S2T/L2R NNJM (Dec)'));
    expect(fromTable?.locations?.length).toBe(1);
    // "We" becomes the authors of the paper's named method, not of its title.
    expect(all.claims.some((c) => c.text.startsWith('The NNJM authors'))).toBe(true);

    const stored = await store.claims.list(paper.id);
    const reread = stored.find((c) => c.id === fromTable!.id)!;
    expect(reread.centrality).toBe(fromTable!.centrality);
    expect(reread.locations).toEqual(fromTable!.locations);
    await store.close();
  }, 60_000);
});
