import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asErrorCode, ERROR_CODES } from '../../../src/core/error-codes.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  it('lists each code once, and every code written in src is listed', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    const written = new Set(
      sources(join(import.meta.dirname, '../../../src')).flatMap(
        (f) => readFileSync(f, 'utf8').match(/'E_[A-Z0-9_]+'/g) ?? [],
      ),
    );
    const listed = new Set<string>(ERROR_CODES.map((c) => `'${c}'`));
    expect([...written].filter((c) => !listed.has(c))).toEqual([]);
  });

  it('keeps a stored code it knows and falls back for one it does not', () => {
    expect(asErrorCode('E_PDF_DAMAGED', 'E_PARSE_FAILED')).toBe('E_PDF_DAMAGED');
    expect(asErrorCode('E_FROM_AN_OLDER_VERSION', 'E_PARSE_FAILED')).toBe('E_PARSE_FAILED');
  });

  it('no bare Error is thrown in src: every failure carries a code', () => {
    const bare = sources(join(import.meta.dirname, '../../../src')).filter((f) =>
      /throw new Error\(/.test(readFileSync(f, 'utf8')),
    );
    expect(bare).toEqual([]);
  });
});
