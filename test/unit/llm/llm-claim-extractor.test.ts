import { describe, expect, it } from 'vitest';
import type { ClaimExtractionInput } from '../../../src/claims/claim-extractor.ts';
import { createLlmClaimExtractor } from '../../../src/claims/llm-claim-extractor.ts';
import type { Passage } from '../../../src/core/types.ts';
import { createLlmCaller } from '../../../src/llm/llm-caller.ts';
import { defaultPromptsDir, loadPrompts } from '../../../src/llm/prompts.ts';
import { UsageMeter } from '../../../src/llm/usage-meter.ts';
import { createScriptedClient, fencedText, type Respond } from '../../support/scripted-llm-client.ts';

const prompt = loadPrompts(defaultPromptsDir).get('extract-claims')!;

const texts: [string[], string][] = [
  [['Abstract'], 'We present SparseNet, a pruned transformer. SparseNet reaches 91.2% accuracy on ImageNet.'],
  [['4 Results'], 'Compared with ResNet-50, SparseNet needs 3x fewer FLOPs while matching its accuracy.'],
  [['References'], '[1] K. He et al. Deep residual learning. CVPR 2016.'],
];

function paper(): ClaimExtractionInput {
  let fullText = '';
  const passages: Passage[] = [];
  for (const [ordinal, [sectionPath, text]] of texts.entries()) {
    if (fullText) fullText += '\n\n';
    passages.push({
      id: 100 + ordinal,
      documentId: 1,
      paperId: 'local:sparsenet',
      ordinal,
      sectionPath,
      page: ordinal + 1,
      charStart: fullText.length,
      charEnd: fullText.length + text.length,
      text,
    });
    fullText += text;
  }
  return { paper: { id: 'local:sparsenet', title: 'SparseNet', abstract: null }, passages, fullText };
}

const accuracy = {
  text: 'SparseNet reaches 91.2% accuracy on ImageNet.',
  type: 'result',
  passage_index: 1,
  source_sentence: 'SparseNet reaches 91.2% accuracy on ImageNet.',
  relevance: 0.9,
};
const flops = {
  text: 'SparseNet needs 3x fewer FLOPs than ResNet-50 while matching its accuracy.',
  type: 'comparison',
  passage_index: 2,
  source_sentence: 'Compared with ResNet-50, SparseNet needs 3x fewer FLOPs while matching its accuracy.',
  relevance: 1.4,
};

function extractor(respond: Respond, maxCharsPerCall?: number) {
  const client = createScriptedClient(respond);
  const caller = createLlmCaller({ client, meter: new UsageMeter({ model: client.model }) });
  return {
    client,
    extractor: createLlmClaimExtractor({ caller, prompt, ...(maxCharsPerCall ? { maxCharsPerCall } : {}) }),
  };
}

describe('LLM claim extractor', () => {
  it('locates each claim’s source sentence in the full text and parses its numbers', async () => {
    const input = paper();
    const { extractor: x, client } = extractor(() => ({ claims: [accuracy, flops] }));
    const result = await x.extract(input);
    expect(x.name).toBe('llm:scripted-model');
    expect(result.warnings).toEqual([]);
    // The abstract's finding is a headline finding (rank-claims.ts): it ranks above the results' one.
    expect(result.claims.map((c) => c.text)).toEqual([accuracy.text, flops.text]);
    const [second, first] = result.claims;
    expect(first).toMatchObject({
      paperId: 'local:sparsenet',
      type: 'comparison',
      passageId: 101,
      engine: 'llm:scripted-model',
    });
    expect(first!.relevance).toBeGreaterThan(0);
    expect(first!.relevance).toBeLessThanOrEqual(1);
    expect(input.fullText.slice(first!.charStart!, first!.charEnd!)).toBe(flops.source_sentence);
    expect(input.fullText.slice(second!.charStart!, second!.charEnd!)).toBe(accuracy.source_sentence);
    expect(second!.numbers.map((n) => n.value)).toContain(91.2);
    expect(client.requests).toHaveLength(1);
  });

  it('fences numbered passages, skips back matter and passes the question', async () => {
    const { extractor: x, client } = extractor(() => ({ claims: [] }));
    await x.extract({ ...paper(), question: 'How efficient is pruning?' });
    const request = client.requests[0]!;
    expect(fencedText(request, 'passage 1')).toBe(texts[0]![1]);
    expect(fencedText(request, 'passage 2')).toBe(texts[1]![1]);
    expect(fencedText(request, 'passage 3')).toBeUndefined();
    expect(request.messages[1]!.content).toContain('Research question: How efficient is pruning?');
    expect(request.temperature).toBe(0);
  });

  it('asks once to repair pronoun-led or cut-off claims, and keeps the repaired ones', async () => {
    const pronoun = { ...accuracy, text: 'We reach 91.2% accuracy on ImageNet.' };
    const cut = { ...flops, text: 'SparseNet needs 3x fewer FLOPs than ResNet-50 while match' };
    const { extractor: x, client } = extractor((_, i) =>
      i === 0 ? { claims: [pronoun, cut] } : { claims: [accuracy, flops] },
    );
    const result = await x.extract(paper());
    const repair = client.requests[1]!.messages.at(-1)!.content;
    expect(repair).toContain('starts with "We"');
    expect(repair).toContain('does not end with terminal punctuation');
    expect(result.claims).toHaveLength(2);
    expect(result.warnings.map((w) => w.code)).toEqual(['W_LLM_REPAIRED']);
  });

  it('drops with a warning what is still wrong after the repair, and claims whose source is not in the paper', async () => {
    const pronoun = { ...accuracy, text: 'Our model reaches 91.2% accuracy on ImageNet.' };
    const invented = { ...flops, source_sentence: 'SparseNet is the fastest network ever built.' };
    const { extractor: x, client } = extractor(() => ({ claims: [pronoun, invented, accuracy] }));
    const result = await x.extract(paper());
    expect(client.requests).toHaveLength(2);
    expect(result.claims.map((c) => c.text)).toEqual([accuracy.text]);
    const dropped = result.warnings.filter((w) => w.code === 'W_CLAIM_DROPPED').map((w) => w.message);
    expect(dropped).toHaveLength(2);
    expect(dropped.join('\n')).toContain('starts with "Our"');
    expect(dropped.join('\n')).toContain('source_sentence is not an exact copy');
  });

  it('splits long papers into several calls, limits the non-headline claims to maxClaims and removes duplicates', async () => {
    const { extractor: x, client } = extractor(
      (request) => (fencedText(request, 'passage 1') ? { claims: [accuracy, accuracy] } : { claims: [flops] }),
      40,
    );
    // maxClaims bounds the claims beyond the headline findings: the abstract's finding always stays.
    const result = await x.extract({ ...paper(), maxClaims: 0 });
    expect(client.requests).toHaveLength(2);
    expect(result.claims.map((c) => c.text)).toEqual([accuracy.text]);
    expect(result.warnings).toEqual([]);
    const all = await x.extract(paper());
    expect(all.claims.map((c) => c.text)).toEqual([accuracy.text, flops.text]);
  });

  it('returns no claims (and no throw) when the output stays invalid', async () => {
    const { extractor: x } = extractor(() => 'Here are the claims: none.');
    const result = await x.extract(paper());
    expect(result.claims).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['W_LLM_INVALID_OUTPUT']);
  });
});
