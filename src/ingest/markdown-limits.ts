import { LitmusError } from '../core/errors.ts';

/**
 * The CommonMark parser takes time quadratic in some constructs (a block with thousands of `*`, `_`
 * or `[`; lists or quotes nested hundreds deep): 20,000 nested emphasis marks would take hours. The
 * cost of a block grows with the square of its marks, so the sum of squares is bounded too (the worst
 * file within bounds parses in seconds). Papers stay far below (3,000 real Markdown files: at most 376
 * marks in a block, 4·10⁵ summed squares); a file past them is refused before parsing.
 */
export const MARKDOWN_LIMITS = { delimitersPerBlock: 600, summedSquares: 4_000_000, nesting: 40 };

export function assertParsableMarkdown(source: string, name: string): void {
  let summedSquares = 0;
  for (const block of source.split(/\n[ \t]*\n/)) {
    let delimiters = 0;
    for (let index = 0; index < block.length; index++) {
      const char = block.charCodeAt(index);
      if (char === 42 || char === 95 || char === 91) delimiters += 1; // * _ [
    }
    if (delimiters > MARKDOWN_LIMITS.delimitersPerBlock) {
      throw tooComplex(
        name,
        `a block with ${delimiters} emphasis or link marks (at most ${MARKDOWN_LIMITS.delimitersPerBlock})`,
      );
    }
    summedSquares += delimiters * delimiters;
    if (summedSquares > MARKDOWN_LIMITS.summedSquares)
      throw tooComplex(name, 'too many emphasis or link marks overall');
  }
  for (const line of source.split('\n')) {
    const prefix = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])(?=\s))?/.exec(line)?.[0] ?? '';
    const quotes = prefix.split('>').length - 1;
    const listDepth = /[-*+.)]$/.test(prefix)
      ? Math.floor(prefix.replace(/>/g, '').replace(/\t/g, '    ').length / 2)
      : 0;
    if (quotes + listDepth > MARKDOWN_LIMITS.nesting) {
      throw tooComplex(name, `lists or quotes nested more than ${MARKDOWN_LIMITS.nesting} deep`);
    }
  }
}

function tooComplex(name: string, detail: string): LitmusError {
  return new LitmusError('E_MARKDOWN_TOO_COMPLEX', `${name}: too heavily marked up to parse safely: ${detail}`, {
    hint: 'this is no paper litmus can read as Markdown; rename it .txt to read it as plain text',
    exitCode: 1,
  });
}
