import { describe, expect, it } from 'vitest';
import { dateRange, refreshWindow, windowQuery, withCategories } from '../../../src/pipeline/refresh/window-query.ts';

describe('date-window queries for incremental refresh', () => {
  const window = { from: new Date('2026-03-07T06:00:59Z'), to: new Date('2026-03-10T07:30:12Z') };

  it('formats the window in whole GMT minutes', () => {
    expect(dateRange(window)).toBe('[202603070600 TO 202603100730]');
    expect(() => dateRange({ from: window.to, to: window.from })).toThrow(/before it starts/);
  });

  it('combines free text, categories and the window', () => {
    expect(windowQuery('code generation', [], window)).toBe(
      '(all:code AND all:generation) AND lastUpdatedDate:[202603070600 TO 202603100730]',
    );
    expect(windowQuery('ti:transformer', ['cs.CL', 'cs.LG'], window, 'submittedDate')).toBe(
      '(ti:transformer AND (cat:cs.CL OR cat:cs.LG)) AND submittedDate:[202603070600 TO 202603100730]',
    );
  });

  it('keeps queries already in arXiv syntax and restricts them to categories', () => {
    expect(withCategories('abs:"retrieval augmented"', [])).toBe('abs:"retrieval augmented"');
    expect(withCategories('all:summarization', ['cs.CL'])).toBe('all:summarization AND cat:cs.CL');
  });

  it('starts the window a look-back before the last refresh, never after now', () => {
    const now = new Date('2026-03-10T07:30:00Z');
    expect(refreshWindow('2026-03-10T06:00:00.000Z', now, 72).from.toISOString()).toBe('2026-03-07T06:00:00.000Z');
    expect(refreshWindow('2026-03-10T06:00:00.000Z', now, 0).to).toBe(now);
    expect(refreshWindow('2026-03-11T00:00:00.000Z', now, 0).from.getTime()).toBe(now.getTime());
  });
});
