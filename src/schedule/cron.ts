import { Cron } from 'croner';
import { LitmusError, usageError } from '../core/errors.ts';

/**
 * Cron arithmetic for topic schedules (croner 11). A topic is due when it has never been refreshed,
 * or when its schedule fired since its last successful refresh — which also covers runs missed while
 * `litmus watch` was down: on start, one refresh catches up however many were missed.
 */
export interface ScheduleOptions {
  /** IANA zone the pattern is read in; default the system's local zone. */
  timezone?: string;
}

function pausedCron(pattern: string, options: ScheduleOptions): Cron {
  return new Cron(pattern, { paused: true, timezone: options.timezone });
}

/** Throws a usage error (exit 2) naming the pattern when croner rejects it. */
export function validateCron(pattern: string, options: ScheduleOptions = {}): void {
  try {
    const job = pausedCron(pattern, options);
    const next = job.nextRun();
    job.stop();
    if (next === null) throw new LitmusError('E_BAD_CRON', 'it never fires');
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern: /, '');
    throw usageError(
      'E_BAD_CRON',
      `invalid schedule "${pattern}": ${reason}`,
      'use five fields "minute hour day month weekday", e.g. "0 6 * * *" for 06:00 daily',
    );
  }
}

/** The newest time the schedule fired at or before `now`, or null when it never has. */
export function previousScheduledRun(pattern: string, now: Date, options: ScheduleOptions = {}): Date | null {
  const job = pausedCron(pattern, options);
  try {
    // previousRuns looks strictly before the reference; a run due exactly now counts as fired.
    const reference = new Date(now.getTime() + 1);
    return job.previousRuns(1, reference)[0] ?? null;
  } finally {
    job.stop();
  }
}

export function nextScheduledRun(pattern: string, after: Date, options: ScheduleOptions = {}): Date | null {
  const job = pausedCron(pattern, options);
  try {
    return job.nextRun(after);
  } finally {
    job.stop();
  }
}

export interface DueCheck {
  due: boolean;
  /** Why, for the log line: "never refreshed", "missed the run at …", "not due until …". */
  reason: string;
  previous: Date | null;
  next: Date | null;
}

/** Whether a scheduled topic should be refreshed now, given its last successful refresh. */
export function checkDue(
  schedule: string | null,
  lastRefreshAt: string | null,
  now: Date,
  options: ScheduleOptions = {},
): DueCheck {
  if (!schedule) return { due: false, reason: 'no schedule', previous: null, next: null };
  const previous = previousScheduledRun(schedule, now, options);
  const next = nextScheduledRun(schedule, now, options);
  if (lastRefreshAt === null) return { due: true, reason: 'never refreshed', previous, next };
  const last = new Date(lastRefreshAt);
  if (previous !== null && last.getTime() < previous.getTime()) {
    return { due: true, reason: `missed the run at ${previous.toISOString()}`, previous, next };
  }
  return { due: false, reason: next ? `not due until ${next.toISOString()}` : 'no future run', previous, next };
}
