import { describe, expect, it } from 'vitest';
import { decontextualize, dropTitleAppositive } from '../../../src/claims/decontextualize.ts';
import type { PaperName } from '../../../src/claims/paper-name.ts';

const method: PaperName = { name: 'TableFormer', kind: 'method' };
const dataset: PaperName = { name: 'DocLayNet', kind: 'dataset' };
const title = 'Optimized Table Tokenization for Table Structure Recognition';
const named = { name: method, citation: 'Nassar et al. (2022)' };
const unnamed = { name: null, citation: 'Lysak et al. (2023)' };
const anonymous = { name: null, citation: null };

describe('decontextualize', () => {
  it('resolves "our model", "our method" and "the proposed method" to the named method', () => {
    expect(decontextualize('Our model outperforms pre-trained methods.', named)).toBe(
      'TableFormer outperforms pre-trained methods.',
    );
    expect(decontextualize('Our method achieved a 5.3% increase over the state-of-the-art.', named)).toBe(
      'TableFormer achieved a 5.3% increase over the state-of-the-art.',
    );
    expect(decontextualize('The proposed method is robust to noisy cells.', named)).toBe(
      'TableFormer is robust to noisy cells.',
    );
    expect(decontextualize('Overall, our proposed network beats the state of the art.', named)).toBe(
      'Overall, TableFormer beats the state of the art.'.replace('Overall, ', ''),
    );
  });

  it('resolves "We" to the named paper\'s authors and later "we" to "they"', () => {
    expect(decontextualize('We train for 12 epochs and we stop when the loss plateaus.', named)).toBe(
      'The TableFormer authors train for 12 epochs and they stop when the loss plateaus.',
    );
  });

  it('names the paper by its short citation when it names no method, never by its title', () => {
    expect(decontextualize('We propose a minimized vocabulary with five tokens.', unnamed)).toBe(
      'Lysak et al. (2023) propose a minimized vocabulary with five tokens.',
    );
    expect(decontextualize('Our model halves the inference time.', unnamed)).toBe(
      'The model of Lysak et al. (2023) halves the inference time.',
    );
    expect(decontextualize('This paper studies table tokenization for recognition.', unnamed)).toBe(
      'The Lysak et al. (2023) paper studies table tokenization for recognition.',
    );
    expect(decontextualize('Our full system is best, and we release it.', unnamed)).toBe(
      'The Lysak et al. (2023) full system is best, and they release it.',
    );
  });

  it('says "the authors" when neither a name nor authors are known', () => {
    for (const sentence of [
      'We propose a minimized vocabulary with five tokens.',
      'This paper studies table tokenization.',
    ]) {
      const text = decontextualize(sentence, anonymous)!;
      expect(text).not.toContain(title);
      expect(text).toMatch(/^The (?:authors|paper)\b/);
    }
  });

  it('does not repeat a name the sentence already gives after "our system"', () => {
    expect(decontextualize('Our system TableFormer improves accuracy on PubTabNet.', named)).toBe(
      'TableFormer improves accuracy on PubTabNet.',
    );
  });

  it('resolves "In this paper, we" and drops the redundant "in this paper"', () => {
    expect(decontextualize('In this paper, we present a new table-structure identification model.', named)).toBe(
      'The TableFormer authors present a new table-structure identification model.',
    );
    expect(decontextualize('We presented in this paper a language with several key benefits.', named)).toBe(
      'The TableFormer authors presented a language with several key benefits.',
    );
  });

  it('uses the dataset name only for dataset nouns', () => {
    const context = { name: dataset, citation: null };
    expect(decontextualize('Our dataset contains 80863 pages.', context)).toBe('DocLayNet contains 80863 pages.');
    expect(decontextualize('Our model reaches 76.8 mAP.', context)).toBe('The DocLayNet model reaches 76.8 mAP.');
  });

  it('resolves "this approach" only when the previous sentence is about the paper\'s own work', () => {
    expect(
      decontextualize('This approach reduces the sequence length by half.', {
        ...named,
        previous: 'We propose a new decoder.',
      }),
    ).toBe('TableFormer reduces the sequence length by half.');
    expect(
      decontextualize('This approach has been adopted by many later works.', {
        ...named,
        previous: 'Lempitsky et al. proposed density maps.',
      }),
    ).toBeNull();
  });

  it('resolves "It" right after the sentence that introduces the named contribution', () => {
    const context = { name: dataset, citation: null, previous: 'In this paper, we present DocLayNet, a new dataset.' };
    expect(decontextualize('It contains 80863 manually annotated pages.', context)).toBe(
      'DocLayNet contains 80863 manually annotated pages.',
    );
    expect(decontextualize('It contains 80863 pages.', { ...context, previous: 'PubLayNet is large.' })).toBeNull();
  });

  it('strips leading discourse connectives', () => {
    for (const lead of [
      'However, ',
      'In addition, ',
      'Moreover, ',
      'Furthermore, ',
      'Consequently, ',
      'In particular, ',
    ]) {
      expect(decontextualize(`${lead}model accuracy improves significantly.`, named)).toBe(
        'Model accuracy improves significantly.',
      );
    }
    expect(decontextualize('Therefore we propose using dilated convolutions.', named)).toBe(
      'The TableFormer authors propose using dilated convolutions.',
    );
  });

  it('keeps the assertion of "Table 3 shows that …" and "As shown in Fig. 2, …"', () => {
    expect(decontextualize('Table 3 shows that the prediction accuracy does not change.', named)).toBe(
      'The prediction accuracy does not change.',
    );
    expect(decontextualize('As shown in Tab. 2, TableFormer outperforms all SOTA methods.', named)).toBe(
      'TableFormer outperforms all SOTA methods.',
    );
    expect(decontextualize('The results in Table 3 show that merging classes has little effect.', named)).toBe(
      'Merging classes has little effect.',
    );
    expect(decontextualize('We see in Table 3 that the upscale split gives the best results.', named)).toBe(
      'The upscale split gives the best results.',
    );
  });

  it('keeps the assertion of "We show that …" and "Our experiments show that …"', () => {
    expect(
      decontextualize(
        'Our experiments show that our proposed network outperforms the state-of-the-art, and also that our aggregation module is beneficial.',
        named,
      ),
    ).toBe('TableFormer outperforms the state-of-the-art, and the TableFormer aggregation module is beneficial.');
    expect(decontextualize('We demonstrate that these models fall 10% behind human agreement.', named)).toBeNull();
  });

  it('rejects sentences that open on an unresolved anaphor', () => {
    for (const s of [
      'It reduces the error by 5%.',
      'These results are strong.',
      'They use larger kernels.',
      'The latter is faster.',
    ]) {
      expect(decontextualize(s, named)).toBeNull();
    }
  });

  it('drops a footnote marker glued to the paper’s name where it is introduced', () => {
    const plain = { name: { name: 'Paper Plain', kind: 'method' as const }, citation: null };
    expect(decontextualize('We introduce a novel interface—Paper Plain1—with four features.', plain)).toBe(
      'The Paper Plain authors introduce a novel interface—Paper Plain—with four features.',
    );
    const s2orc = { name: { name: 'S2ORC', kind: 'dataset' as const }, citation: null };
    expect(decontextualize('We introduce S2ORC,1 a large corpus of 81.1M papers.', s2orc)).toBe(
      'The S2ORC authors introduce S2ORC, a large corpus of 81.1M papers.',
    );
  });
});

describe('the title’s long form beside the short name', () => {
  it('drops the appositive so no claim carries the full title', () => {
    const title = 'S2ORC: The Semantic Scholar Open Research Corpus';
    expect(dropTitleAppositive('The S2ORC authors introduce S2ORC, the Semantic Scholar Open Research Corpus, a large corpus of 81.1M papers.', title)).toBe(
      'The S2ORC authors introduce S2ORC, a large corpus of 81.1M papers.',
    );
    expect(dropTitleAppositive('S2ORC (Semantic Scholar Open Research Corpus) has 8.1M full texts.', title)).toBe('S2ORC has 8.1M full texts.');
    // Other text, and titles without a long form, are left alone.
    expect(dropTitleAppositive('S2ORC, a large corpus, has 8.1M full texts.', title)).toBe('S2ORC, a large corpus, has 8.1M full texts.');
    expect(dropTitleAppositive('BERT, the encoder, helps.', 'BERT')).toBe('BERT, the encoder, helps.');
  });
});
