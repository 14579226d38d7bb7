import { describe, expect, it } from 'vitest';
import { escapeBibtex } from '../../../src/report/escape.ts';
import { protectCapitals, renderBibtex } from '../../../src/report/render-bibtex.ts';
import { sampleModel } from '../../fixtures/report/sample-model.ts';

function entries(bib: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of bib.matchAll(/@(\w+)\{([^,\n]+),\n([\s\S]*?)\n\}\n/g)) map.set(m[2]!, m[3]!);
  return map;
}

function field(entry: string, name: string): string | undefined {
  return new RegExp(`^  ${name} = \\{(.*)\\},?$`, 'm').exec(entry)?.[1];
}

function bracesBalance(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth += 1;
    if (ch === '}') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

describe('renderBibtex', () => {
  it('writes one entry per paper, keyed by cite_key, and nothing else', () => {
    const model = sampleModel();
    const bib = renderBibtex(model);
    const byKey = entries(bib);
    expect([...byKey.keys()]).toEqual(model.papers.map((p) => p.cite_key));
    expect(bib.match(/^@/gm)).toHaveLength(model.papers.length);
    expect(bracesBalance(bib)).toBe(true);
  });

  it('has author, title with protected capitals, year, arXiv eprint with version, doi and url', () => {
    const byKey = entries(renderBibtex(sampleModel()));
    const first = byKey.get('lovelace2023codegen')!;
    expect(field(first, 'author')).toBe('Ada Lovelace and Alan M. Turing');
    expect(field(first, 'title')).toBe('{CodeGen-7B:} {An} {Open} {Model} for {Program} {Synthesis}');
    expect(field(first, 'year')).toBe('2023');
    expect(field(first, 'eprint')).toBe('2305.01234v2');
    expect(field(first, 'archivePrefix')).toBe('arXiv');
    expect(field(first, 'url')).toBe('https://arxiv.org/abs/2305.01234v2');
    const second = byKey.get('hopper2024scaling')!;
    expect(field(second, 'author')).toBe('Grace Hopper and Edsger W. Dijkstra and Barbara Liskov');
    expect(field(second, 'doi')).toBe('10.1234/scaling\\_laws.2024');
    expect(field(second, 'eprint')).toBe('2401.00077v1');
  });

  it('escapes BibTeX specials and drops non-http URLs and empty fields', () => {
    const byKey = entries(renderBibtex(sampleModel()));
    const notes = byKey.get('shannon2024notes')!;
    expect(field(notes, 'title')).toBe('{Lab} notes on training length \\& \\textbraceleft{}epochs\\textbraceright{}');
    expect(field(notes, 'eprint')).toBeUndefined();
    const draft = byKey.get('draft_harness')!;
    expect(field(draft, 'title')).toBe('{Harness} effects: a 100\\% informal draft');
    expect(field(draft, 'url')).toBeUndefined();
    expect(field(draft, 'author')).toBeUndefined();
    expect(field(draft, 'year')).toBeUndefined();
    expect(escapeBibtex('a_b $x$ #1 ~ ^ \\ <tag>')).toBe(
      'a\\_b \\$x\\$ \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{}tag\\textgreater{}',
    );
  });

  it('adds the version to a bare arXiv id only once, and primaryClass for old-style ids', () => {
    const model = sampleModel();
    model.papers = [{ ...model.papers[0]!, arxiv_id: 'hep-th/9901001v3', version: 3, cite_key: 'old1999', url: null }];
    const entry = entries(renderBibtex(model)).get('old1999')!;
    expect(field(entry, 'eprint')).toBe('hep-th/9901001v3');
    expect(field(entry, 'primaryClass')).toBe('hep-th');
  });

  it('protects words with capitals, leaving lower-case words alone', () => {
    expect(protectCapitals('Training BERT on ImageNet with low-rank adapters')).toBe(
      '{Training} {BERT} on {ImageNet} with low-rank adapters',
    );
  });
});
