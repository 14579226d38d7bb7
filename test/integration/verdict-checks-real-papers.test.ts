import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/ingest/parse-html.ts';
import { withChecks } from '../../src/verify/checked-verifier.ts';
import { EmbeddedVerifier } from '../../src/verify/embedded/embedded-verifier.ts';
import type { ResultTable } from '../../src/core/tables.ts';
import type { CandidatePassage, Verifier } from '../../src/verify/verifier.ts';
import { sharedData } from '../support/shared-data.ts';

/**
 * The error kinds seen on real ML papers, each on a real sentence of a shared paper (read in place)
 * and a claim made from it: verbatim and paraphrased support, a changed figure, a flipped direction,
 * a negation in scope, an inverted comparison, an over-strengthened claim, another dataset version,
 * and a count (epochs) that must never be compared with a score.
 */

interface Paper {
  passages: CandidatePassage[];
  fullText: string;
  tables: ResultTable[];
}

function loadPaper(file: string, paperId: string): Paper {
  const doc = parseHtml(readFileSync(sharedData('html', file), 'utf8'), { name: file });
  const passages: CandidatePassage[] = [];
  let offset = 0;
  for (const paragraph of doc.fullText.split(/\n\s*\n/)) {
    const at = doc.fullText.indexOf(paragraph, offset);
    offset = at + paragraph.length;
    if (paragraph.trim().length < 40) continue;
    passages.push({ id: passages.length + 1, paperId, text: paragraph, page: null, sectionPath: [], charStart: at });
  }
  return { passages, fullText: doc.fullText, tables: (doc.resultTables ?? []).map((t) => ({ ...t, paperId })) };
}

/** The paragraphs sharing most words with the claim, as evidence retrieval would offer them. */
function candidates(paper: Paper, claim: string, anchor: string): CandidatePassage[] {
  const words = new Set(claim.toLowerCase().match(/[a-z0-9+.]+/g) ?? []);
  const scored = paper.passages.map((p) => ({
    p,
    s: (p.text.toLowerCase().match(/[a-z0-9+.]+/g) ?? []).filter((w) => words.has(w)).length,
  }));
  const ranked = scored.sort((a, b) => b.s - a.s).map((x) => x.p);
  const own = paper.passages.find((p) => p.text.includes(anchor));
  expect(own, `the shared paper no longer contains "${anchor}"`).toBeDefined();
  return [own!, ...ranked.filter((p) => p !== own).slice(0, 4)];
}

let nnjm: Paper;
let uws: Paper;
let compression: Paper;
let verifier: Verifier;

beforeAll(() => {
  nnjm = loadPaper('acl-P14-1129.latexml-0.8.0.html', 'acl:P14-1129');
  uws = loadPaper('acl-P14-2122.latexml-0.8.0.html', 'acl:P14-2122');
  compression = loadPaper('acl-P14-2054.latexml-0.8.0.html', 'acl:P14-2054');
  verifier = withChecks(new EmbeddedVerifier());
});

async function judge(paper: () => Paper, claim: string, anchor: string) {
  return verifier.verify({ claim: { text: claim }, passages: candidates(paper(), claim, anchor) });
}

describe('deterministic checks on real ML-paper sentences (embedded engine)', () => {
  it('a paraphrase of the headline gain with its figure is SUPPORTED by the sentence that states the figure', async () => {
    const result = await judge(
      () => nnjm,
      'On the NIST OpenMT12 Arabic-English condition, the NNJM features produce a gain of +3.0 BLEU on top of a powerful, feature-rich baseline.',
      'gain of +3.0 BLEU',
    );
    expect(result.verdict).toBe('SUPPORTED');
    expect(result.evidence.some((e) => e.quote.includes('+3.0 BLEU'))).toBe(true);
  });

  it('a changed headline figure is REFUTED with both values', async () => {
    const result = await judge(
      () => nnjm,
      'On the NIST OpenMT12 Arabic-English condition, the NNJM features produce a gain of +4.5 BLEU on top of a powerful, feature-rich baseline.',
      'gain of +3.0 BLEU',
    );
    expect(result.verdict).toBe('REFUTED');
    expect(result.numeric?.[0]?.claimed).toMatch(/4\.5/);
    expect(result.numeric?.[0]?.found).toMatch(/3\.0/);
    expect(result.evidence[0]?.quote).toContain('+3.0 BLEU');
  });

  it('a negation in scope ("larger sizes did not improve results") refutes a claimed improvement', async () => {
    const result = await judge(
      () => nnjm,
      'For the NNJM, larger hidden layer sizes and vocabulary sizes improved results.',
      'larger sizes did not improve results',
    );
    expect(result.verdict).toBe('REFUTED');
    expect(result.checks?.some((c) => c.rule === 'negation')).toBe(true);
    expect(result.evidence[0]?.quote).toContain('did not improve results');
  });

  it('"almost no benefit" refutes a claimed benefit', async () => {
    const result = await judge(
      () => nnjm,
      'The UN data and ISI comparable corpora provide a large benefit to the NNJM system.',
      'almost no benefit',
    );
    expect(result.verdict).toBe('REFUTED');
    expect(result.checks?.some((c) => c.rule === 'negation')).toBe(true);
  });

  it('a flipped comparison (the subtree deletion model ahead of the joint models) is REFUTED', async () => {
    const result = await judge(
      () => compression,
      'The subtree deletion model consistently outperforms the joint models (ours and TM13).',
      'consistently outperform the subtree deletion model',
    );
    expect(result.verdict).toBe('REFUTED');
    expect(result.checks?.some((c) => c.rule === 'order')).toBe(true);
  });

  it('"outperform" where the paper says "comparable" is at most PARTIAL', async () => {
    const result = await judge(
      () => uws,
      'The experimental results show that the proposed UWS methods outperform the Stanford segmenters on the OpenMT06 corpus.',
      'comparable to the Stanford segmenters',
    );
    expect(result.verdict).toBe('PARTIAL');
    expect(result.checks?.some((c) => c.rule === 'strength')).toBe(true);
  });

  it('another version of the evaluation set is not support', async () => {
    const result = await judge(
      () => uws,
      'The experimental results show that the proposed UWS methods are comparable to the Stanford segmenters on the OpenMT08 corpus.',
      'comparable to the Stanford segmenters',
    );
    expect(result.verdict).not.toBe('SUPPORTED');
  });

  it('a count of epochs stated verbatim is SUPPORTED, never compared with scores nearby', async () => {
    const result = await judge(() => nnjm, 'The training is run for 40 epochs.', 'run for 40 epochs');
    expect(result.verdict).toBe('SUPPORTED');
    expect(result.numeric ?? []).toEqual([]);
    expect(result.evidence[0]?.quote).toContain('40 epochs');
  });

  it('a quote that shares none of the claim’s content is never support', async () => {
    const result = await verifier.verify({
      claim: { text: 'The NNJM features produce a gain of +3.0 BLEU on the NIST OpenMT12 Arabic-English condition.' },
      passages: [
        {
          id: 1,
          paperId: 'acl:P14-1129',
          text: 'In recent years, neural network models have become increasingly popular in NLP.',
          page: null,
          sectionPath: [],
          charStart: 0,
        },
      ],
    });
    expect(result.verdict).toBe('NOT_ENOUGH_INFO');
  });

  describe('figures against the real Table 3 of the NNJM paper (NIST MT12, BLEU)', () => {
    const claimAbout = (text: string) =>
      verifier.verify({ claim: { text }, passages: candidates(nnjm, text, 'gain of +3.0 BLEU'), tables: nnjm.tables });

    it('supports a figure the table states, showing the cell with its row and column headers', async () => {
      const result = await claimAbout('On the NIST MT12 Test Arabic-English set, the Baseline (w/ RNNLM) reaches 49.8 BLEU.');
      expect(result.verdict).toBe('SUPPORTED');
      expect(result.evidence.map((e) => e.cell?.address)).toContain(
        'Table 3, row Baseline (w/ RNNLM), column NIST MT12 Test > Ar-En > BLEU: 49.8',
      );
    });

    it('refutes a misreported figure with both values and the cell’s address (not the w/o-RNNLM row)', async () => {
      const result = await claimAbout('On the NIST MT12 Test Arabic-English set, the Baseline (w/ RNNLM) reaches 51.8 BLEU.');
      expect(result.verdict).toBe('REFUTED');
      expect(result.numeric?.[0]).toMatchObject({ claimed: '51.8', found: '49.8' });
      expect(result.evidence[0]?.cell?.row).toEqual(['Baseline (w/ RNNLM)']);
      expect(result.evidence[0]?.cell?.column).toEqual(['NIST MT12 Test', 'Ar-En', 'BLEU']);
    });

    it('reads a claimed gain as the difference of two rows in the same section', async () => {
      const right = await claimAbout(
        'On the NIST MT12 Test Arabic-English set, the S2T/L2R NNJM (Dec) improves BLEU by 1.4 points over the Baseline (w/ RNNLM).',
      );
      expect(right.verdict).toBe('SUPPORTED');
      const wrong = await claimAbout(
        'On the NIST MT12 Test Arabic-English set, the S2T/L2R NNJM (Dec) improves BLEU by 2.4 points over the Baseline (w/ RNNLM).',
      );
      expect(wrong.verdict).toBe('REFUTED');
      expect(wrong.numeric?.[0]?.found).toBe('1.4');
    });
  });
});
