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
    const claim = 'With the bilingual unsupervised segmentation, Moses reaches 31.73 BLEU on PatentMT9.';
    const right = await verify('segmentation', claim);
    expect(right.verdict).toBe('SUPPORTED');
    expect(right.evidence.some((e) => e.cell?.address.includes('Prop.(biling.)'))).toBe(true);
    expect((await verify('segmentation', claim.replace('31.73', '33.73'))).verdict).not.toBe('SUPPORTED');
  });

  // Each mistake: the paper, the wrong claim, the rule that must refute it and what it says, and the
  // faithful twin that must not be refuted.
  const mistakes: { name: string; paper: string; wrong: string; rule: string; says: string; twin: string }[] = [
    {
      name: 'a name put in the claim’s slot',
      paper: 'paper-plain',
      wrong: 'Paper Plain finds answering passages with an extractive question-answering model trained on SQuAD.',
      rule: 'entity',
      says: 'where the paper says "bioasq"',
      twin: 'Paper Plain finds answering passages with an extractive question-answering model trained on BioASQ.',
    },
    {
      name: 'a contrast turned around',
      paper: 'paper-plain',
      wrong:
        'The iterative design process led the authors to have plain-language gists replace the original paper text rather than appear alongside it.',
      rule: 'order',
      says: 'supplement, rather than replace',
      twin: 'The iterative design process led the authors to have plain-language gists supplement, rather than replace, the original paper text.',
    },
    {
      name: 'a range with its ends swapped',
      paper: 'sepsis',
      wrong: 'Target replication labels extra time points from 6 hours before to 2 hours after the sepsis event.',
      rule: 'order',
      says: 'from 2 hours prior to 6',
      twin: 'Target replication labels extra time points from 2 hours before to 6 hours after the sepsis event.',
    },
    {
      name: 'a count written out',
      paper: 'citesee',
      wrong: 'CiteSee’s design was informed by need-finding interviews with twelve researchers.',
      rule: 'number',
      says: 'claimed twelve, the paper states five',
      twin: 'CiteSee’s design was informed by need-finding interviews with five researchers.',
    },
  ];
  for (const mistake of mistakes) {
    it(`refutes ${mistake.name}, and not its faithful twin`, async () => {
      const wrong = await verify(mistake.paper, mistake.wrong);
      expect(wrong.verdict).toBe('REFUTED');
      expect(wrong.checks?.find((c) => c.rule === mistake.rule)?.detail).toContain(mistake.says);
      expect((await verify(mistake.paper, mistake.twin)).verdict).not.toBe('REFUTED');
    });
  }
});
