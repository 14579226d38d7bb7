import { LitmusError } from '../../core/errors.ts';
import { arxivDate, normaliseSearchQuery } from '../../sources/arxiv/query-builder.ts';

/**
 * arXiv queries for incremental refreshes. A topic's query is narrowed to its categories and to a
 * date window: `(<query>) AND (cat:cs.CL OR cat:cs.IR) AND lastUpdatedDate:[YYYYMMDDHHMM TO YYYYMMDDHHMM]`.
 * lastUpdatedDate is the date of a paper's newest version, so one request per query finds both new
 * papers and new versions of old ones (sort by lastUpdatedDate).
 */
export type DateField = 'submittedDate' | 'lastUpdatedDate';

export interface DateWindow {
  from: Date;
  to: Date;
}

const parenthesise = (text: string) => (/\s/.test(text) ? `(${text})` : text);

/** The query restricted to any of the categories (no categories: the query in arXiv syntax). */
export function withCategories(query: string, categories: string[]): string {
  const base = normaliseSearchQuery(query);
  if (categories.length === 0) return base;
  const filter = categories.map((c) => `cat:${c.trim()}`).join(' OR ');
  return `${parenthesise(base)} AND ${parenthesise(filter)}`;
}

/** `[YYYYMMDDHHMM TO YYYYMMDDHHMM]` in GMT, whole minutes (the precision arXiv accepts). */
export function dateRange(window: DateWindow): string {
  if (window.to.getTime() < window.from.getTime()) {
    throw new LitmusError(
      'E_USAGE',
      `date window ends (${window.to.toISOString()}) before it starts (${window.from.toISOString()})`,
    );
  }
  return `[${arxivDate(window.from)} TO ${arxivDate(window.to)}]`;
}

export function windowQuery(
  query: string,
  categories: string[],
  window: DateWindow,
  field: DateField = 'lastUpdatedDate',
): string {
  return `${parenthesise(withCategories(query, categories))} AND ${field}:${dateRange(window)}`;
}

/**
 * The window of a refresh: from the last successful refresh (less a look-back, because arXiv lists a
 * version only when it is announced, up to a few days after its timestamp) to now. Records seen in an
 * earlier window are skipped by id, so the overlap costs nothing but a few entries in one response.
 */
export function refreshWindow(lastRefreshAt: string, now: Date, lookbackHours: number): DateWindow {
  const last = new Date(lastRefreshAt);
  if (Number.isNaN(last.getTime())) throw new LitmusError('E_USAGE', `invalid last refresh time ${lastRefreshAt}`);
  const from = new Date(Math.min(last.getTime() - lookbackHours * 3600_000, now.getTime()));
  return { from, to: now };
}
