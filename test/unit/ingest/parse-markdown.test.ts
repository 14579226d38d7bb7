import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { parseMarkdown, stripInline } from '../../../src/ingest/parse-markdown.ts';
import { repoRoot } from '../../support/shared-data.ts';

const paper = readFileSync(join(repoRoot, 'test', 'fixtures', 'markdown', 'paper.md'), 'utf8');

describe('parseMarkdown', () => {
  const doc = parseMarkdown(paper, { name: 'paper.md' });
  const slice = (range: { start: number; end: number }): string => doc.fullText.slice(range.start, range.end);

  it('takes title and authors from front matter and the Abstract section as abstract', () => {
    expect(doc.kind).toBe('markdown');
    expect(doc.title).toBe('Tiny Transformers Count');
    expect(doc.authors).toEqual([{ name: 'Grace Hopper' }, { name: 'Edsger Dijkstra' }]);
    expect(doc.abstract).toBe('We show that tiny transformers can count to ten with 99.1% accuracy on held-out data.');
    expect(doc.fullText).not.toContain('title:');
  });

  it('turns ATX and Setext headings into section paths by level; the title H1 is not a section', () => {
    expect(doc.sections.map((section) => section.path)).toEqual([
      ['Abstract'],
      ['1 Introduction'],
      ['Setext Background'],
      ['Setext Background', '1.1 Data'],
      ['References'],
    ]);
    for (const section of doc.sections) expect(slice(section).startsWith(section.path.at(-1)!)).toBe(true);
  });

  it('strips inline markup so the text reads as prose', () => {
    expect(doc.fullText).toContain('Counting is a classic probe of generalisation (see count.py).');
    expect(doc.fullText).not.toMatch(/\*\*|\]\(|!\[|chart\.png|`/);
  });

  it('keeps a pipe table as caption plus rows, and code fences verbatim', () => {
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]!.caption).toBe('Table 2: Accuracy of counting models.');
    expect(slice(doc.tables[0]!)).toBe(
      'Table 2: Accuracy of counting models.\nModel | Params | Accuracy\nTiny | 1M | 99.1\nSmall | 10M | 99.4',
    );
    expect(doc.fullText).toContain('def count(xs):\n    return len(xs)');
  });

  it('reads list items under References as references', () => {
    expect(doc.references).toEqual(['A. Author. Counting with RNNs. 2019.', 'B. Author. Transformers count. 2021.']);
  });

  it('uses the first H1 as title when there is no front matter', () => {
    const plain = parseMarkdown('Intro line.\n\n# The Title\n\n## Results\n\nIt works.\n', { name: 'x.md' });
    expect(plain.title).toBe('The Title');
    expect(plain.sections.map((section) => section.path)).toEqual([['Results']]);
  });

  it('rejects whitespace-only input with E_EMPTY_DOCUMENT', () => {
    try {
      parseMarkdown('\n   \n', { name: 'empty.md' });
      expect.unreachable();
    } catch (error) {
      expect(LitmusError.isInstance(error) && error.code).toBe('E_EMPTY_DOCUMENT');
      expect((error as LitmusError).message).toContain('empty.md');
    }
  });
});

describe('stripInline', () => {
  it('removes emphasis, links, images and code but keeps snake_case words', () => {
    expect(stripInline('A **bold** and _em_ [link](http://x) ![img](y.png) `code` snake_case_name ~~old~~')).toBe(
      'A bold and em link  code snake_case_name old',
    );
  });
});
