import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { formatPredictionsJsonl, parseClaimsJsonl, parseCorpusJsonl, verifyBatch } from '../../../src/verify/batch.ts';

const CORPUS = [
  JSON.stringify({
    doc_id: 11,
    title: 'Aspirin and myocardial infarction',
    abstract: [
      'We ran a randomized trial of 20,000 adults.',
      'Daily low-dose aspirin significantly reduced the risk of myocardial infarction.',
    ],
  }),
  JSON.stringify({
    doc_id: 'bridge',
    title: 'A history of a bridge',
    text: 'The bridge was completed in 1932. Traffic across the river doubled within a decade.',
  }),
].join('\n');

describe('JSONL parsing', () => {
  it('reads claims with doc_ids or SciFact cited_doc_ids, and both corpus shapes', () => {
    const claims = parseClaimsJsonl(
      '{"id": 1, "claim": "A", "cited_doc_ids": [11]}\n\n{"id": "x", "claim": "B", "doc_ids": ["bridge"]}\n{"id": 3, "claim": "C"}\n',
    );
    expect(claims).toEqual([
      { id: 1, claim: 'A', docIds: [11] },
      { id: 'x', claim: 'B', docIds: ['bridge'] },
      { id: 3, claim: 'C' },
    ]);
    const corpus = parseCorpusJsonl(CORPUS);
    expect(corpus[0]!.sentences).toHaveLength(2);
    expect(corpus[1]!.sentences).toEqual([
      'The bridge was completed in 1932.',
      'Traffic across the river doubled within a decade.',
    ]);
  });

  it('throws a usage LitmusError naming the file and line for malformed lines', () => {
    const attempt = (fn: () => unknown): LitmusError => {
      try {
        fn();
      } catch (error) {
        if (LitmusError.isInstance(error)) return error;
        throw error;
      }
      throw new Error('expected a throw');
    };
    const bad = attempt(() => parseClaimsJsonl('{"id": 1, "claim": "ok"}\n{"id": 2, "claim": \n', 'my-claims.jsonl'));
    expect(bad.exitCode).toBe(2);
    expect(bad.message).toBe('my-claims.jsonl:2: not valid JSON');
    expect(bad.hint).toBeTruthy();
    expect(attempt(() => parseClaimsJsonl('{"claim": "no id"}', 'c.jsonl')).message).toMatch(
      /^c\.jsonl:1: missing "id"/,
    );
    expect(attempt(() => parseClaimsJsonl('[1, 2]', 'c.jsonl')).message).toBe('c.jsonl:1: expected a JSON object');
    expect(attempt(() => parseCorpusJsonl('{"doc_id": 1, "title": "t", "abstract": 5}', 'k.jsonl')).message).toMatch(
      /^k\.jsonl:1: /,
    );
    expect(
      attempt(() => parseCorpusJsonl('{"doc_id": 1, "text": "a"}\n{"doc_id": 1, "text": "b"}', 'k.jsonl')).message,
    ).toBe('k.jsonl:2: duplicate doc_id 1');
  });
});

describe('verifyBatch', () => {
  const corpus = parseCorpusJsonl(CORPUS);

  it('judges given pairs, quoting corpus sentences verbatim with their index', () => {
    const result = verifyBatch(
      [
        {
          id: 1,
          claim: 'Low-dose aspirin reduces the risk of myocardial infarction.',
          docIds: [11, 'bridge', 'missing'],
        },
      ],
      corpus,
    );
    expect(result.predictions.map((p) => p.doc_id)).toEqual([11, 'bridge']);
    const [aspirin, bridge] = result.predictions;
    expect(aspirin!.verdict).toBe('SUPPORTED');
    expect(aspirin!.evidence[0]).toEqual({ quote: corpus[0]!.sentences[1], sentence_index: 1 });
    expect(bridge!.verdict).toBe('NOT_ENOUGH_INFO');
    expect(result.warnings.map((w) => w.code)).toEqual(['W_DOC_MISSING']);
    expect(result.considered).toMatchObject({ claims: 1, pairs: 2, retrievedClaims: 0 });
  });

  it('retrieves the top documents itself when a claim has no doc ids', () => {
    const result = verifyBatch([{ id: 'q', claim: 'Does aspirin prevent myocardial infarction?' }], corpus, {
      topK: 1,
    });
    expect(result.considered).toMatchObject({ claims: 1, pairs: 1, retrievedClaims: 1, topK: 1, corpusSize: 2 });
    expect(result.predictions[0]!.doc_id).toBe(11);
    const line = formatPredictionsJsonl(result.predictions);
    expect(line.endsWith('\n')).toBe(true);
    expect(Object.keys(JSON.parse(line))).toEqual(['id', 'doc_id', 'verdict', 'confidence', 'evidence']);
  });
});
