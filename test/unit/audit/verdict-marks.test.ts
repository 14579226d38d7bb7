import { describe, expect, it } from 'vitest';
import { parseConfidence, parseVerdictMark } from '../../../src/pipeline/audit/verdict-marks.ts';

describe('parseVerdictMark', () => {
  it('reads check marks, crosses and words', () => {
    for (const mark of ['✓', '✔', '✅', 'yes', 'Yes', 'true', 'TRUE', 'verified', 'Supported', '**✓**', '✓ (0.9)']) {
      expect(parseVerdictMark(mark)?.verdict, mark).toBe('SUPPORTED');
    }
    for (const mark of ['✗', '✘', '×', '❌', 'no', 'No', 'false', 'not verified', 'unsupported', 'refuted', 'x']) {
      expect(parseVerdictMark(mark)?.verdict, mark).toBe('REFUTED');
    }
    expect(parseVerdictMark('partial')?.verdict).toBe('PARTIAL');
  });

  it('gives no verdict for empty, unknown or undecided cells', () => {
    for (const mark of ['', '?', 'n/a', '—', 'unclear', 'yesterday', 'nothing'])
      expect(parseVerdictMark(mark), mark).toBeNull();
  });

  it('keeps the mark as written', () => {
    expect(parseVerdictMark('×')).toEqual({ verdict: 'REFUTED', mark: '×' });
    expect(parseVerdictMark('Yes – figure matches')).toEqual({ verdict: 'SUPPORTED', mark: 'yes' });
  });
});

describe('parseConfidence', () => {
  it('reads probabilities, percentages and 0–100 figures', () => {
    expect(parseConfidence('0.92')?.value).toBe(0.92);
    expect(parseConfidence('.5')?.value).toBe(0.5);
    expect(parseConfidence('92%')?.value).toBe(0.92);
    expect(parseConfidence('87')?.value).toBe(0.87);
    expect(parseConfidence('0.91 (high)')?.value).toBe(0.91);
  });

  it('flags figures that are no probability and ignores words', () => {
    expect(parseConfidence('140%')).toMatchObject({ value: null, invalid: true });
    expect(parseConfidence('250')).toMatchObject({ value: null, invalid: true });
    expect(parseConfidence('high')).toMatchObject({ value: null, invalid: false, raw: 'high' });
    expect(parseConfidence('')).toBeNull();
    expect(parseConfidence('—')).toBeNull();
  });
});
