import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/verify/bm25.ts';

describe('Bm25Index', () => {
  it('ranks the document sharing the rare terms first and skips unrelated ones', () => {
    const index = new Bm25Index();
    index.add('a', 'Aspirin reduces cardiovascular mortality in elderly patients.');
    index.add('b', 'Patients were enrolled in the study.');
    index.add('c', 'Bridges span rivers.');
    const hits = index.search('Does aspirin reduce mortality?', 5);
    expect(hits[0]!.id).toBe('a');
    expect(hits.map((h) => h.id)).not.toContain('c');
    expect(index.search('nothing matches here', 5)).toEqual([]);
    expect(index.idf('aspirin')).toBeGreaterThan(index.idf('patient'));
  });
});
