/** What `--db` / LITMUS_DATABASE_URL names, told apart without opening anything (no driver is loaded here). */
import { resolve } from 'node:path';

/** Whether `--db` names a server by URL (`postgres://…`) rather than a SQLite file. */
export function isDatabaseUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^file:\/\//i.test(location);
}

/** The `--db` to hand a child process started elsewhere: a file path made absolute, a URL as it is. */
export function absoluteDatabaseLocation(location: string): string {
  return isDatabaseUrl(location) || location === ':memory:' ? location : resolve(location);
}

/** A URL fit for messages and logs: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
