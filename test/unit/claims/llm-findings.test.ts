import { describe, expect, it } from 'vitest';
import type { ClaimExtractionInput } from '../../../src/claims/claim-extractor.ts';
import { createLlmClaimExtractor } from '../../../src/claims/llm-claim-extractor.ts';
import { isCentral } from '../../../src/claims/rank-claims.ts';
import type { Passage } from '../../../src/core/types.ts';
import { createLlmCaller } from '../../../src/llm/llm-caller.ts';
import { defaultPromptsDir, loadPrompts } from '../../../src/llm/prompts.ts';
import { UsageMeter } from '../../../src/llm/usage-meter.ts';
import { createScriptedClient, fencedText, type Respond } from '../../support/scripted-llm-client.ts';

const prompt = loadPrompts(defaultPromptsDir).get('extract-claims')!;
const title = 'English Intermediate-Task Training Improves Zero-Shot Cross-Lingual Transfer Too';

const abstract =
  'Intermediate training on MNLI improves XNLI accuracy by 2.1 points over the baseline. Neither SQuAD nor QQP offers significant improvements on XNLI.';
const sections: [string[], string][] = [
  [['Abstract'], abstract],
  [['4 Experiments'], 'We fine-tune with a learning rate of 1e-5 for 3 epochs on 2 million sentences.'],
  [['6 Conclusion'], 'Intermediate training on MNLI improves XNLI accuracy by 2.1 points over the baseline.'],
];

function paper(): ClaimExtractionInput {
  let fullText = '';
  const passages: Passage[] = [];
  for (const [ordinal, [sectionPath, text]] of sections.entries()) {
    if (fullText) fullText += '\n\n';
    passages.push({
      id: 10 + ordinal,
      documentId: 1,
      paperId: 'local:it',
      ordinal,
      sectionPath,
      page: 1,
      charStart: fullText.length,
      charEnd: fullText.length + text.length,
      text,
    });
    fullText += text;
  }
  return {
    paper: {
      id: 'local:it',
      title,
      abstract,
      authors: [{ name: 'Jason Phang' }, { name: 'Iacer Calixto' }, { name: 'Phu Mon Htut' }],
      year: 2020,
    },
    passages,
    fullText,
  };
}

const finding = 'Intermediate training on MNLI improves XNLI accuracy by 2.1 points over the baseline.';
const negative = 'Neither SQuAD nor QQP offers significant improvements on XNLI.';
const hyper = 'Phang et al. (2020) fine-tune with a learning rate of 1e-5 for 3 epochs on 2 million sentences.';
const modelClaims = [
  { text: hyper, type: 'method', passage_index: 2, source_sentence: sections[1]![1], relevance: 0.95 },
  { text: finding, type: 'comparison', passage_index: 1, source_sentence: finding, relevance: 0.6 },
  { text: negative, type: 'result', passage_index: 1, source_sentence: negative, relevance: 0.55 },
  { text: finding, type: 'comparison', passage_index: 3, source_sentence: finding, relevance: 0.6 },
];

function extractor(respond: Respond) {
  const client = createScriptedClient(respond);
  const caller = createLlmCaller({ client, meter: new UsageMeter({ model: client.model }) });
  return { client, extractor: createLlmClaimExtractor({ caller, prompt }) };
}

describe('LLM claim extractor: findings first, ranked and merged as the embedded engine ranks them', () => {
  it('asks for findings, negative results and limitations, method details only when asked, and a short name', async () => {
    const { client, extractor: x } = extractor(() => ({ claims: [] }));
    await x.extract(paper());
    const system = client.requests[0]!.messages[0]!.content;
    expect(prompt.version).toBeGreaterThanOrEqual(2);
    expect(system).toContain('Findings come first');
    expect(system).toMatch(/negative or null result/);
    expect(system).toMatch(/limitation/);
    expect(system).toMatch(/Method details[\s\S]*only when the research question asks about the method/);
    expect(system).toMatch(/never write out the paper's full title/);
    expect(fencedText(client.requests[0]!, 'short name')).toBe('Phang et al. (2020)');
  });

  it('ranks the abstract’s findings (the null result too) above a hyperparameter the model rated higher, merging duplicates', async () => {
    const { extractor: x } = extractor(() => ({ claims: modelClaims }));
    const input = paper();
    const { claims } = await x.extract(input);
    expect(claims.map((c) => c.text)).toEqual([finding, negative, hyper]);
    expect(claims.slice(0, 2).every(isCentral)).toBe(true);
    // The conclusion's copy is one claim with the abstract's, keeping the conclusion's location.
    const conclusion = input.passages[2]!;
    expect(claims[0]!.locations).toEqual([
      { passageId: conclusion.id, charStart: conclusion.charStart, charEnd: conclusion.charEnd },
    ]);
    // A cap of 0 still keeps both headline findings.
    const capped = await x.extract({ ...input, maxClaims: 0 });
    expect(capped.claims.map((c) => c.text)).toEqual([finding, negative]);
  });

  it('lets the method detail lead when the question is about the method', async () => {
    const { extractor: x } = extractor(() => ({ claims: modelClaims }));
    const { claims } = await x.extract({ ...paper(), question: 'Which learning rate is used for fine-tuning?' });
    expect(claims[0]!.text).toBe(hyper);
  });

  it('asks to repair a claim that writes out the full title, and drops it if it stays', async () => {
    const titled = {
      ...modelClaims[1]!,
      text: `The authors of “${title}” find that MNLI improves XNLI accuracy by 2.1 points.`,
    };
    const { client, extractor: x } = extractor(() => ({ claims: [titled] }));
    const { claims, warnings } = await x.extract(paper());
    expect(client.requests[1]!.messages.at(-1)!.content).toContain(
      'names the paper by its full title: call it "Phang et al. (2020)"',
    );
    expect(claims).toEqual([]);
    expect(warnings.map((w) => w.code)).toContain('W_CLAIM_DROPPED');
  });

  it('reads the paper’s results tables as the embedded engine does, under its own engine name', async () => {
    const input = paper();
    const rows = ['Table 1: XNLI accuracy.', 'Model | XNLI', 'Baseline | 75.0', '+ MNLI | 77.1'];
    const fullText = `${input.fullText}\n\n${rows.join('\n')}`;
    const start = fullText.indexOf('Table 1');
    const cell = (text: string) => ({
      text,
      value: /^\d/.test(text) ? Number(text) : null,
      unit: null,
      plusMinus: null,
      bold: false,
    });
    const table = {
      ordinal: 1,
      label: 'Table 1',
      caption: 'XNLI accuracy.',
      page: 1,
      charStart: start,
      charEnd: fullText.length,
      rowHeaderColumns: 1,
      columnHeaders: [['Model'], ['XNLI']],
      rows: rows.slice(2).map((line) => ({ cells: line.split(' | ').map(cell) })),
      source: 'markdown' as const,
    };
    const { extractor: x } = extractor(() => ({ claims: modelClaims }));
    const { claims } = await x.extract({ ...input, fullText, tables: [table] });
    const fromTable = claims.find(
      (c) => c.text === 'In Table 1, MNLI changes XNLI by +2.1 over Baseline (75.0 to 77.1).',
    );
    expect(fromTable?.engine).toBe('llm:scripted-model');
    expect(fullText.slice(fromTable!.charStart!, fromTable!.charEnd!)).toBe('+ MNLI | 77.1');
    // Below the abstract's findings, like every table row.
    expect(claims.indexOf(fromTable!)).toBeGreaterThan(1);
  });
});
