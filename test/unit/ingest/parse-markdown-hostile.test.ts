import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { parseMarkdown } from '../../../src/ingest/parse-markdown.ts';

const parse = (body: string) => parseMarkdown(`# A Paper\n\n## Results\n\n${body}\n`, { name: 'paper.md' });

function thrown(run: () => unknown): LitmusError {
  try {
    run();
  } catch (error) {
    if (LitmusError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a LitmusError');
}

describe('parseMarkdown with a real CommonMark parser', () => {
  it('reads links whose address has parentheses without corrupting the text', () => {
    const doc = parse(
      'See [W](https://en.wikipedia.org/wiki/Foo_(bar)) for the 12.5% baseline (and [more](https://x.org/a_(b)_c)).',
    );
    expect(doc.fullText).toContain('See W for the 12.5% baseline (and more).');
    expect(doc.fullText).not.toMatch(/wikipedia|\)\)/);
  });

  it('drops citation links to anchors but keeps their labels', () => {
    // As marker writes them.
    const doc = parse('Shown by [[15]](#page-8-3) and (Cf. [\\[18,](#page-8-4) [28\\]](#page-9-0)).');
    expect(doc.fullText).toContain('Shown by [15] and (Cf. [18, 28]).');
  });

  it('keeps what the author typed inside words and math: 448*448, 28*28, TeX spacing', () => {
    const doc = parse(
      'Images are resized to 448*448 pixels and the map is 28*28. Patches of $150 \\,\\times\\, 150$ pixels.',
    );
    expect(doc.fullText).toContain('Images are resized to 448*448 pixels and the map is 28*28.');
    expect(doc.fullText).toContain('$150 \\,\\times\\, 150$');
  });

  it('still strips emphasis, code and images, and keeps numbered items and HTML text', () => {
    const doc = parse(
      'We **improve** by *4.1* points with `count()` ![chart](c.png).\n\n1. First item\n2. Second item\n\n<div>Kept text</div>',
    );
    expect(doc.fullText).toContain('We improve by 4.1 points with count() .');
    expect(doc.fullText).toContain('1. First item\n\n2. Second item');
    expect(doc.fullText).toContain('Kept text');
  });

  it('reads table cells as inline text: "#" stays, padded numbers stay', () => {
    const doc = parse('| # | Model | Acc |\n|---|---|---:|\n| 1. | Tiny |       6 |\n| - | Big | **7** |');
    expect(doc.tables).toHaveLength(1);
    expect(doc.fullText).toContain('# | Model | Acc\n1. | Tiny | 6\n- | Big | 7');
  });

  it('refuses pathological markup (nesting, endless emphasis marks) at once instead of hanging', () => {
    const hostile = [
      `text ${'*'.repeat(20_000)}x${'*'.repeat(20_000)} end`,
      `${'*a '.repeat(20_000)}${'b* '.repeat(20_000)}`,
      `${'['.repeat(20_000)}x${']'.repeat(20_000)}`,
      Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
      `${'>'.repeat(10_000)} deep quote`,
      Array.from({ length: 100 }, () => `${'*a '.repeat(150)}${'b* '.repeat(150)}`).join('\n\n'),
    ];
    for (const body of hostile) {
      const error = thrown(() => parse(body));
      expect(error.code).toBe('E_MARKDOWN_TOO_COMPLEX');
      expect(error.toLine()).toMatch(/^paper\.md: too heavily marked up to parse safely: .* — .*rename it \.txt/);
    }
  });
});
