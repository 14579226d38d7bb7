import { describe, expect, it } from 'vitest';
import type { ClaimExtractionInput } from '../../../src/claims/claim-extractor.ts';
import { createEmbeddedClaimExtractor } from '../../../src/claims/embedded-claim-extractor.ts';
import { isCentral } from '../../../src/claims/rank-claims.ts';
import type { Passage } from '../../../src/core/types.ts';

const title = 'GridNet: Counting Crowds with Dilated Grids';
const fullText = [
  '# GridNet: Counting Crowds with Dilated Grids',
  '## Abstract',
  'We propose GridNet, a dilated grid network for crowd counting. Our experiments show that GridNet reduces the mean absolute error by 12.5% compared to HydraCNN on UCF50.',
  '## 1 Introduction',
  'Counting is a common problem in computer vision (e.g. traffic or crowds). Does dilation help counting? However, our model is trained without perspective maps.',
  '## 2 Related Work',
  'Lempitsky et al. [15] showed that density maps reduce the error by 20% on cell counting.',
  '## 4 Results',
  'Table 3 shows that GridNet achieves an MAE of 290.8 on UCF50, which is 5.1 lower than HydraCNN. The model is trained for 10 epochs with a learning rate of 0.001 on two GPUs.',
  'Figure 2: Sample density maps produced by GridNet on UCF50 with 12.5% lower error.',
  '## 5 Conclusion',
  'Our experiments show that GridNet reduces the mean absolute error by 12.5% compared to HydraCNN on UCF50.',
  '## References',
  '[1] A. Smith. 2019. Counting improves by 12% with grids. In Proceedings of CVPR, pp. 1–9.',
].join('\n\n');

function paragraphPassages(text: string): Passage[] {
  const out: Passage[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({
      id: out.length + 1,
      documentId: 1,
      paperId: 'local:gridnet',
      ordinal: out.length,
      sectionPath: [],
      page: null,
      charStart: m.index,
      charEnd: m.index + m[0].length,
      text: m[0],
    });
  }
  return out;
}

function input(overrides: Partial<ClaimExtractionInput> = {}): ClaimExtractionInput {
  return {
    paper: { id: 'local:gridnet', title, abstract: null },
    passages: paragraphPassages(fullText),
    fullText,
    ...overrides,
  };
}

describe('createEmbeddedClaimExtractor', () => {
  const extractor = createEmbeddedClaimExtractor();

  it('is named embedded@1 and tags every claim with it', async () => {
    const { claims } = await extractor.extract(input());
    expect(extractor.name).toBe('embedded@1');
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) {
      expect(c.engine).toBe('embedded@1');
      expect(c.paperId).toBe('local:gridnet');
    }
  });

  it('points each claim at its source sentence in fullText and its passage', async () => {
    const { claims } = await extractor.extract(input());
    const passages = paragraphPassages(fullText);
    for (const c of claims) {
      const source = fullText.slice(c.charStart!, c.charEnd!);
      expect(source).toMatch(/[.!?]$/);
      const passage = passages.find((p) => p.id === c.passageId)!;
      expect(c.charStart!).toBeGreaterThanOrEqual(passage.charStart);
      expect(c.charEnd!).toBeLessThanOrEqual(passage.charEnd);
    }
  });

  it('decontextualises, keeps numbers, and types the top claim', async () => {
    const { claims } = await extractor.extract(input());
    const top = claims.find((c) => c.text.startsWith('GridNet achieves an MAE'))!;
    expect(top.text).toBe('GridNet achieves an MAE of 290.8 on UCF50, which is 5.1 lower than HydraCNN.');
    expect(top.type).toBe('comparison');
    expect(top.numbers.map((n) => n.value)).toEqual([290.8, 5.1]);
    expect(claims.some((c) => c.text === 'GridNet is trained without perspective maps.')).toBe(true);
    for (const c of claims) expect(c.text).not.toMatch(/^(?:We|Our|This|It|However)\b/);
  });

  it('keeps one of a sentence repeated in abstract and conclusion', async () => {
    const { claims } = await extractor.extract(input());
    const repeated = claims.filter((c) => c.text.startsWith('GridNet reduces the mean absolute error by 12.5%'));
    expect(repeated).toHaveLength(1);
  });

  it('leaves out questions, captions, other papers and the references section', async () => {
    const { claims } = await extractor.extract(input());
    const texts = claims.map((c) => c.text).join('\n');
    expect(texts).not.toMatch(/Does dilation/);
    expect(texts).not.toMatch(/Lempitsky/);
    expect(texts).not.toMatch(/Sample density maps/);
    expect(texts).not.toMatch(/Proceedings|Counting improves by 12%/);
  });

  it('caps the claims beyond the headline findings at maxClaims, most relevant first', async () => {
    const all = (await extractor.extract(input())).claims;
    const headline = all.filter(isCentral);
    expect(headline.map((c) => c.text)).toContain(
      'GridNet reduces the mean absolute error by 12.5% compared to HydraCNN on UCF50.',
    );
    const capped = (await extractor.extract(input({ maxClaims: 2 }))).claims;
    expect(capped).toHaveLength(headline.length + 2);
    expect(capped).toEqual(
      all.filter(
        (c) =>
          isCentral(c) ||
          all
            .filter((o) => !isCentral(o))
            .slice(0, 2)
            .includes(c),
      ),
    );
    const none = (await extractor.extract(input({ maxClaims: 0 }))).claims;
    expect(none).toEqual(headline);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.relevance).toBeGreaterThanOrEqual(all[i]!.relevance);
  });

  it('ranks by the question when one is given', async () => {
    const { claims } = await extractor.extract(
      input({ question: 'What learning rate and epochs are used for training?' }),
    );
    expect(claims[0]!.text).toMatch(/learning rate of 0\.001/);
    for (const c of claims) {
      expect(c.relevance).toBeGreaterThanOrEqual(0);
      expect(c.relevance).toBeLessThanOrEqual(1);
    }
  });

  it('never truncates a sentence that a passage boundary cuts', async () => {
    const passages: Passage[] = [];
    for (let start = 0, i = 0; start < fullText.length; start += 150, i++) {
      const end = Math.min(fullText.length, start + 150);
      passages.push({
        id: i + 1,
        documentId: 1,
        paperId: 'local:gridnet',
        ordinal: i,
        sectionPath: [],
        page: null,
        charStart: start,
        charEnd: end,
        text: fullText.slice(start, end),
      });
    }
    const { claims } = await extractor.extract(input({ passages }));
    const whole = (await extractor.extract(input())).claims;
    expect(claims.map((c) => c.text).sort()).toEqual(whole.map((c) => c.text).sort());
  });

  it('uses section paths from passages when they are given', async () => {
    const passages = paragraphPassages(fullText).map((p) => ({ ...p, sectionPath: ['References'] }));
    const { claims, warnings } = await extractor.extract(input({ passages }));
    expect(claims).toEqual([]);
    expect(warnings.map((w) => w.code)).toContain('CLAIMS_NONE_FOUND');
  });

  it('locates claims of passages that do not match fullText by search, with a warning', async () => {
    const passages = paragraphPassages(fullText).map((p) => ({
      ...p,
      charStart: p.charStart + 3,
      charEnd: p.charEnd + 3,
    }));
    const { claims, warnings } = await extractor.extract(input({ passages }));
    expect(warnings.map((w) => w.code)).toContain('CLAIMS_PASSAGE_MISALIGNED');
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) if (c.charStart !== null) expect(fullText.slice(c.charStart, c.charEnd!)).toMatch(/[.!?]$/);
  });

  it('keeps an abstract’s positive and null results above the hyperparameters a question also matches (issue 13)', async () => {
    const text = [
      '# English Intermediate-Task Training Improves Zero-Shot Cross-Lingual Transfer Too',
      '## Abstract',
      'We study English intermediate-task training for zero-shot cross-lingual transfer. We find that intermediate-task training on MNLI improves XNLI accuracy by 2.1 points over the baseline. However, neither SQuAD nor QQP offers significant improvements on the cross-lingual tasks.',
      '## 4 Experimental Setup',
      'We fine-tune XLM-R with a learning rate of 1e-5 for 3 epochs on each intermediate task. We sample 2 million sentences for the MLM auxiliary task and set α = 0.3.',
      '## 5 Results',
      'Intermediate-task training on MNLI improves XNLI accuracy by 2.1 points over the baseline.',
    ].join('\n\n');
    const { claims } = await extractor.extract({
      paper: {
        id: 'local:stilts',
        title: 'English Intermediate-Task Training Improves Zero-Shot Cross-Lingual Transfer Too',
        abstract: null,
        authors: [{ name: 'Jason Phang' }, { name: 'Iacer Calixto' }, { name: 'Phu Mon Htut' }],
        year: 2020,
      },
      passages: paragraphPassages(text),
      fullText: text,
      question: 'What is the effect of English intermediate-task training on cross-lingual transfer?',
      maxClaims: 1,
    });
    const texts = claims.map((c) => c.text);
    expect(texts.slice(0, 2).sort()).toEqual(
      [
        'Intermediate-task training on MNLI improves XNLI accuracy by 2.1 points over the baseline.',
        'Neither SQuAD nor QQP offers significant improvements on the cross-lingual tasks.',
      ].sort(),
    );
    const setup = claims.filter((c) => /learning rate|α = 0\.3/.test(c.text));
    for (const c of setup) expect(texts.indexOf(c.text)).toBeGreaterThan(1);
    // The finding the results repeat is one claim with both locations.
    expect(claims.find((c) => c.text.startsWith('Intermediate-task training on MNLI'))?.locations).toHaveLength(1);
    for (const c of claims) expect(c.text).not.toContain('Zero-Shot Cross-Lingual Transfer Too');
  });
});
