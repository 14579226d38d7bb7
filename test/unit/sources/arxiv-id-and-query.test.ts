import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { formatArxivId, parseArxivId, tryParseArxivId } from '../../../src/sources/arxiv/arxiv-id.ts';
import { arxivDate, normaliseSearchQuery } from '../../../src/sources/arxiv/query-builder.ts';

describe('arXiv identifiers', () => {
  it('splits new- and old-style ids from their versions', () => {
    expect(parseArxivId('2005.13013v2')).toEqual({ id: '2005.13013', version: 2 });
    expect(parseArxivId('arxiv:2005.13013')).toEqual({ id: '2005.13013', version: null });
    expect(parseArxivId('arXiv:hep-th/9901001v1')).toEqual({ id: 'hep-th/9901001', version: 1 });
    expect(parseArxivId('math.AG/0601001')).toEqual({ id: 'math.AG/0601001', version: null });
    expect(parseArxivId('https://arxiv.org/abs/1706.03762v7')).toEqual({ id: '1706.03762', version: 7 });
    expect(parseArxivId('http://arxiv.org/pdf/1601.00001v1')).toEqual({ id: '1601.00001', version: 1 });
    expect(parseArxivId('0704.0001')).toEqual({ id: '0704.0001', version: null });
    expect(formatArxivId({ id: '2005.13013', version: 2 })).toBe('2005.13013v2');
  });

  it('refuses what is not an arXiv id with a usage error', () => {
    expect(tryParseArxivId('10.1063/1.4944470')).toBeNull();
    expect(tryParseArxivId('2005.13013v')).toBeNull();
    const error = (() => {
      try {
        parseArxivId('attention');
      } catch (e) {
        return e;
      }
    })();
    expect(LitmusError.isInstance(error) && error.exitCode).toBe(2);
  });
});

describe('arXiv query syntax', () => {
  it('formats submittedDate bounds', () => {
    expect(arxivDate('2024-01-31', true)).toBe('202401312359');
    expect(arxivDate('2024-01-01')).toBe('202401010000');
    expect(arxivDate(new Date(Date.UTC(2023, 4, 6, 7, 8)))).toBe('202305060708');
  });

  it('turns plain words into all: terms and keeps arXiv syntax as written', () => {
    expect(normaliseSearchQuery('graph neural "message passing"')).toBe(
      'all:graph AND all:neural AND all:"message passing"',
    );
    expect(normaliseSearchQuery('cat:cs.RO AND (neural)')).toBe('cat:cs.RO AND (neural)');
  });
});
