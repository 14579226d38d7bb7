import type { ErrorCode } from './error-codes.ts';

export { asErrorCode, type ErrorCode } from './error-codes.ts';

/**
 * One error base for everything litmus reports to a user. `code` is stable and machine-readable,
 * `hint` says how to fix it, and `exitCode` follows the CLI contract:
 * 1 = some work failed, 2 = bad usage or input, 3 = busy (a lock is held elsewhere).
 */
export type ExitCode = 1 | 2 | 3;

export interface LitmusErrorOptions {
  hint?: string;
  exitCode?: ExitCode;
  cause?: unknown;
  retryable?: boolean;
}

const marker = Symbol.for('litmus.error');

export class LitmusError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly retryable: boolean;
  readonly [marker] = true;

  constructor(code: ErrorCode, message: string, options: LitmusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LitmusError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
    this.retryable = options.retryable ?? false;
  }

  static isInstance(value: unknown): value is LitmusError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** The one line printed to the user: what went wrong, then what to do. */
  toLine(): string {
    return this.hint ? `${this.message} — ${this.hint}` : this.message;
  }
}

/** Bad flags, bad paths, bad files given on the command line: exit code 2. */
export function usageError(code: ErrorCode, message: string, hint?: string): LitmusError {
  return new LitmusError(code, message, { hint, exitCode: 2 });
}

/** Wraps anything thrown into a LitmusError so callers handle one type. */
export function toLitmusError(error: unknown, code: ErrorCode = 'E_INTERNAL'): LitmusError {
  if (LitmusError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LitmusError(code, message, { cause: error });
}
