import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedEngines } from '../../src/pipeline/embedded-engines.ts';
import { EvidenceIndex } from '../../src/pipeline/evidence-index.ts';
import { ingestInput } from '../../src/pipeline/ingest-input.ts';
import { PaperSelfNames } from '../../src/pipeline/paper-self-names.ts';
import { retrieveEvidence, tablesOf } from '../../src/pipeline/retrieve-evidence.ts';
import type { VerificationResult } from '../../src/verify/verifier.ts';
import { sharedData } from '../support/shared-data.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';

/**
 * The mistakes reviewers make that the checks of checks@12 read, on the real papers, through the path
 * `litmus verify` and audits take (own-paper retrieval, the paper's results tables, the embedded
 * engine with its checks). Each wrong claim here was judged SUPPORTED or NOT_ENOUGH_INFO before; each
 * faithful twin must not be refuted.
 */
describe('reviewer mistakes on real papers', () => {
  let store: SqliteTestStore;
  const ids = new Map<string, string>();
  const { verifier } = createEmbeddedEngines();
  let verify: (paper: string, claim: string) => Promise<VerificationResult>;
  beforeAll(async () => {
    store = openSqliteStore();
    const files: [string, string, 'pdf' | 'html'][] = [
      ['segmentation', sharedData('html', 'acl-P14-2122.latexml-0.8.0.html'), 'html'],
      ['paper-plain', sharedData('pdfs', '2203.00130v1.pdf'), 'pdf'],
      ['sepsis', sharedData('pdfs', '1708.05894v1.pdf'), 'pdf'],
      ['citesee', sharedData('pdfs', '2302.07302v1.pdf'), 'pdf'],
    ];
    for (const [name, file, kind] of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const added = await ingestInput(store, { name: file, bytes, kind, origin: `file:${file}` }, { maxBytes: 1e9 });
      ids.set(name, added.paper_id!);
    }
    const index = new EvidenceIndex(store);
    const selfNames = new PaperSelfNames(store);
    verify = async (paper, text) => {
      const paperId = ids.get(paper)!;
      const passages = await retrieveEvidence(store, text, { paperId, corpusPaperIds: [], index });
      const tables = await tablesOf(store, [paperId]);
      return verifier.verify({ claim: { text, paperId, selfNames: await selfNames.of(paperId) }, passages, tables });
    };
  }, 120_000);
  afterAll(() => store.db.close());

  it('reads a figure from the table row the claim names in its own words', async () => {
    const right = await verify(
      'segmentation',
      'With the bilingual unsupervised segmentation, Moses reaches 31.73 BLEU on PatentMT9.',
    );
    expect(right.verdict).toBe('SUPPORTED');
    expect(right.evidence.some((e) => e.cell?.address.includes('Prop.(biling.)'))).toBe(true);
    const wrong = await verify(
      'segmentation',
      'With the bilingual unsupervised segmentation, Moses reaches 33.73 BLEU on PatentMT9.',
    );
    expect(wrong.verdict).not.toBe('SUPPORTED');
  });

  it('refutes a name put in the claim’s slot', async () => {
    const wrong = await verify(
      'paper-plain',
      'Paper Plain finds answering passages with an extractive question-answering model trained on SQuAD.',
    );
    expect(wrong.verdict).toBe('REFUTED');
    expect(wrong.checks?.find((c) => c.rule === 'entity')?.detail).toContain('bioasq');
    const right = await verify(
      'paper-plain',
      'Paper Plain finds answering passages with an extractive question-answering model trained on BioASQ.',
    );
    expect(right.verdict).not.toBe('REFUTED');
  });

  it('refutes a contrast turned around, and a range with its ends swapped', async () => {
    const contrast = await verify(
      'paper-plain',
      'The iterative design process led the authors to have plain-language gists replace the original paper text rather than appear alongside it.',
    );
    expect(contrast.verdict).toBe('REFUTED');
    expect(contrast.checks?.find((c) => c.rule === 'order')?.detail).toContain('supplement, rather than replace');
    const range = await verify(
      'sepsis',
      'Target replication labels extra time points from 6 hours before to 2 hours after the sepsis event.',
    );
    expect(range.verdict).toBe('REFUTED');
    const faithful = await verify(
      'sepsis',
      'Target replication labels extra time points from 2 hours before to 6 hours after the sepsis event.',
    );
    expect(faithful.verdict).not.toBe('REFUTED');
  });

  it('reads a count written out', async () => {
    const wrong = await verify(
      'citesee',
      'CiteSee’s design was informed by need-finding interviews with twelve researchers.',
    );
    expect(wrong.verdict).toBe('REFUTED');
    expect(wrong.checks?.find((c) => c.rule === 'number')?.detail).toBe('claimed twelve, the paper states five');
    const right = await verify(
      'citesee',
      'CiteSee’s design was informed by need-finding interviews with five researchers.',
    );
    expect(right.verdict).not.toBe('REFUTED');
  });
});
