import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { markupNestingDepth } from '../../../src/ingest/html-dom.ts';
import { MAX_HTML_DEPTH, parseHtml } from '../../../src/ingest/parse-html.ts';

const nested = (depth: number, inner = '<p>Deep inside, the model reaches 61.5% accuracy.</p>') =>
  `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</body></html>`;

function thrown(run: () => unknown): LitmusError {
  try {
    run();
  } catch (error) {
    if (LitmusError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a LitmusError');
}

describe('deeply nested HTML', () => {
  for (const depth of [5_000, 200_000]) {
    it(`refuses ${depth} nested <div> with a clear error instead of a stack overflow or a hang`, () => {
      const error = thrown(() => parseHtml(nested(depth), { name: 'deep.html' }));
      expect(error.code).toBe('E_HTML_TOO_DEEP');
      expect(error.toLine()).toBe(
        `deep.html: HTML elements nest more than ${MAX_HTML_DEPTH} levels deep — this is no paper page litmus can read; ingest the PDF instead`,
      );
    });
  }

  it('refuses deep XHTML too', () => {
    const xhtml = `<?xml version="1.0"?>${nested(5_000).replace('<html>', '<html xmlns="http://www.w3.org/1999/xhtml">')}`;
    expect(thrown(() => parseHtml(xhtml, { name: 'deep.xhtml' })).code).toBe('E_HTML_TOO_DEEP');
  });

  it('still reads a page nested just under the limit', () => {
    const doc = parseHtml(nested(MAX_HTML_DEPTH - 10), { name: 'ok.html' });
    expect(doc.fullText).toContain('Deep inside, the model reaches 61.5% accuracy.');
  });

  it('does not count elements whose end tag may be left out, comments, scripts or void elements', () => {
    const soup = `<body>${'<p>para<br><img src=x>'.repeat(1_000)}<!-- ${'<div>'.repeat(5_000)} --><script>"${'<div>'.repeat(5_000)}"</script></body>`;
    expect(markupNestingDepth(soup)).toBe(1);
    expect(parseHtml(soup, { name: 'soup.html' }).fullText).toContain('para');
  });

  it('scans hostile tag soup in linear time (unterminated quotes, endless "<a ")', () => {
    for (const markup of ['<a "'.repeat(200_000), '<a '.repeat(1_000_000), `<div x='${'a'.repeat(1_000_000)}`]) {
      expect(markupNestingDepth(markup, MAX_HTML_DEPTH)).toBeLessThanOrEqual(1);
    }
  });
});
