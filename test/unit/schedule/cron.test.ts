import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { checkDue, previousScheduledRun, validateCron } from '../../../src/schedule/cron.ts';

const utc = { timezone: 'UTC' };

describe('cron schedules: due and missed runs', () => {
  it('rejects an invalid pattern with a usage error naming it', () => {
    for (const pattern of ['61 * * * *', 'every day', '* * *']) {
      let caught: unknown;
      try {
        validateCron(pattern, utc);
      } catch (error) {
        caught = error;
      }
      expect(LitmusError.isInstance(caught), pattern).toBe(true);
      expect((caught as LitmusError).exitCode).toBe(2);
      expect((caught as LitmusError).message).toContain(pattern);
    }
    expect(() => validateCron('0 6 * * *', utc)).not.toThrow();
    expect(() => validateCron('*/15 * * * 1-5', utc)).not.toThrow();
  });

  it('finds the previous scheduled time, counting a run due exactly now', () => {
    expect(previousScheduledRun('0 6 * * *', new Date('2026-03-10T07:30:00Z'), utc)?.toISOString()).toBe('2026-03-10T06:00:00.000Z');
    expect(previousScheduledRun('0 6 * * *', new Date('2026-03-10T05:59:00Z'), utc)?.toISOString()).toBe('2026-03-09T06:00:00.000Z');
    expect(previousScheduledRun('0 6 * * *', new Date('2026-03-10T06:00:00Z'), utc)?.toISOString()).toBe('2026-03-10T06:00:00.000Z');
  });

  it('is due when never refreshed, or when a run fired since the last refresh (missed while down)', () => {
    const now = new Date('2026-03-10T07:30:00Z');
    expect(checkDue('0 6 * * *', null, now, utc)).toMatchObject({ due: true, reason: 'never refreshed' });
    // Last refreshed yesterday after 06:00: today's 06:00 run was missed.
    const missed = checkDue('0 6 * * *', '2026-03-09T06:00:05Z', now, utc);
    expect(missed.due).toBe(true);
    expect(missed.reason).toContain('2026-03-10T06:00:00.000Z');
    // Down for three days: one catch-up refresh, not three.
    expect(checkDue('0 6 * * *', '2026-03-07T06:01:00Z', now, utc).due).toBe(true);
    // Refreshed after today's run: not due until tomorrow.
    const fresh = checkDue('0 6 * * *', '2026-03-10T06:00:01Z', now, utc);
    expect(fresh.due).toBe(false);
    expect(fresh.next?.toISOString()).toBe('2026-03-11T06:00:00.000Z');
  });

  it('never makes an unscheduled topic due', () => {
    expect(checkDue(null, null, new Date(), utc).due).toBe(false);
  });

  it('reads the pattern in the given time zone', () => {
    // 06:00 in New York (EST, UTC-5) is 11:00 UTC.
    const check = checkDue('0 6 * * *', '2026-01-15T10:00:00Z', new Date('2026-01-15T11:30:00Z'), { timezone: 'America/New_York' });
    expect(check.due).toBe(true);
    expect(check.previous?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });
});
