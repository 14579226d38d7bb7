import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMlPapers, mlPaperFiles } from '../../../scripts/ml-papers.ts';
import {
  buildReviewClaims,
  openPaperStore,
  REVIEW_CLAIMS_HELDOUT_FILE,
  type ReviewClaim,
  readReviewClaims,
} from '../../../scripts/review-claims.ts';
import type { LabelledSet } from '../../../src/verify/embedded/datasets.ts';
import type { MlPaper } from '../../../src/verify/embedded/ml-claims.ts';
import { datasetBalance } from '../../../src/verify/embedded/train.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('the ML review-claims set', () => {
  let claims: ReviewClaim[];
  let heldOut: ReviewClaim[];
  let papers: MlPaper[];
  let set: LabelledSet;
  beforeAll(async () => {
    claims = readReviewClaims();
    heldOut = readReviewClaims(REVIEW_CLAIMS_HELDOUT_FILE);
    papers = await loadMlPapers(sharedDataDir);
    const paperStore = await openPaperStore(papers, mlPaperFiles(sharedDataDir));
    try {
      set = await buildReviewClaims(claims.slice(0, 40), papers, paperStore);
    } finally {
      paperStore.close();
    }
  }, 120_000);

  it('labels every claim, about a shared paper, with a deciding sentence for every verdict but NOT_ENOUGH_INFO', () => {
    expect(claims.length).toBeGreaterThanOrEqual(250);
    expect(heldOut.length).toBeGreaterThanOrEqual(80);
    const texts = new Map(papers.map((paper) => [paper.paperId, collapse(paper.fullText)]));
    // The held-out claims are new statements, not the training claims again.
    const trained = new Set(claims.map((c) => c.claim.toLowerCase()));
    for (const claim of heldOut) expect(trained.has(claim.claim.toLowerCase()), claim.claim).toBe(false);
    for (const claim of [...claims, ...heldOut]) {
      expect(['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO']).toContain(claim.gold);
      expect(texts.has(claim.paper), claim.paper).toBe(true);
      expect(claim.claim).toMatch(/\w.*[.!?)”"]$/); // whole sentences, never cut off
      if (claim.gold === 'NOT_ENOUGH_INFO') expect(claim.evidence).toBe('');
      // The deciding sentence is the paper's own text as litmus reads it, not a paraphrase.
      else expect(texts.get(claim.paper), claim.claim).toContain(claim.evidence);
    }
    // Every label and every paper is represented, so per-paper folds each hold all three labels.
    for (const paper of texts.keys()) {
      for (const set of [claims, heldOut]) {
        const labels = new Set(set.filter((c) => c.paper === paper).map((c) => c.gold));
        expect(labels.size, paper).toBe(3);
      }
    }
  });

  it('pairs each claim with the passages own-paper retrieval hands the verifier, its deciding sentence marked', () => {
    expect(set.pairs).toHaveLength(40);
    const foldOf = new Map(papers.map((paper, i) => [paper.paperId, i % 5]));
    const decided = set.pairs.filter((pair) => pair.label !== 'NOT_ENOUGH_INFO');
    for (const [i, pair] of set.pairs.entries()) {
      expect(pair.fold).toBe(foldOf.get(claims[i]!.paper)); // folds by paper, as in the ML-claims set
      expect(set.documents.get(pair.docId)!.sentences.length).toBeGreaterThan(0);
      for (const r of pair.rationale) {
        expect(collapse(set.documents.get(pair.docId)!.sentences[r]!)).toContain(claims[i]!.evidence);
      }
    }
    // Retrieval finds the deciding sentence for most claims, not all: the misses are part of the test.
    const found = decided.filter((pair) => pair.rationale.length > 0).length;
    expect(found / decided.length).toBeGreaterThan(0.6);
  });
});

describe('reading a review-claims file', () => {
  it('names the file and line of a malformed claim', () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-review-'));
    try {
      const file = join(dir, 'claims.jsonl');
      const good = JSON.stringify({ paper: 'p', claim: 'A claim.', gold: 'SUPPORTED', kind: 'number', evidence: 'A' });
      writeFileSync(file, `${good}\n{ not json\n`);
      expect(() => readReviewClaims(file)).toThrow(`${file}:2: not a JSON object`);
      writeFileSync(file, `${good}\n${JSON.stringify({ paper: 'p', claim: 'B.', gold: 'TRUE' })}\n`);
      expect(() => readReviewClaims(file)).toThrow(`${file}:2: needs "paper", "claim" and "gold"`);
      writeFileSync(file, `${good}\n`);
      expect(readReviewClaims(file)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('calibration weights', () => {
  it('gives every labelled set of a calibration the same total weight', () => {
    const rows = [...Array(6).fill('ml-claims'), ...Array(2).fill('ml-review')].map((dataset) => ({
      pair: { dataset },
    }));
    const weights = datasetBalance(rows);
    const total = (name: string) => weights.filter((_, i) => rows[i]!.pair.dataset === name).reduce((a, b) => a + b, 0);
    expect(total('ml-claims')).toBeCloseTo(total('ml-review'));
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(rows.length);
  });
});
