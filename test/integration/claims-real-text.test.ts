import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEmbeddedClaimExtractor } from '../../src/claims/embedded-claim-extractor.ts';
import { splitSentences } from '../../src/core/sentences.ts';
import type { Passage } from '../../src/core/types.ts';
import { sharedData } from '../support/shared-data.ts';

/** Reference extractions of real papers (Markdown from marker, nougat, docling) and the claims each must yield. */
const PAPERS: { file: string; minClaims: number; name: string; question: string; answer: RegExp }[] = [
  { file: '1804.07821v1.marker.md', minClaims: 15, name: 'AMDCN', question: 'What mean absolute error does the network reach on UCF?', answer: /MAE|mean absolute error/ },
  { file: '1804.07821v1.nougat.md', minClaims: 15, name: 'AMDCN', question: 'What mean absolute error does the network reach on UCF?', answer: /MAE|mean absolute error/ },
  { file: '2203.01017v2.docling.md', minClaims: 15, name: 'TableFormer', question: 'Which learning rate and batch size are used for training?', answer: /learning rate|batch size/ },
  { file: '2206.01062.docling.md', minClaims: 15, name: 'DocLayNet', question: 'How many pages does the dataset contain?', answer: /pages/ },
  { file: '2305.03393v1.docling.md', minClaims: 10, name: 'OTSL', question: 'How much faster is inference with OTSL than with HTML?', answer: /faster|speed|inference time/i },
];

/** Passages by simple paragraph splitting: each blank-line separated block is one passage. */
function paragraphPassages(fullText: string, paperId: string): Passage[] {
  const passages: Passage[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  for (let m = re.exec(fullText); m !== null; m = re.exec(fullText)) {
    if (m[0].trim() === '') continue;
    passages.push({
      id: passages.length + 1,
      documentId: 1,
      paperId,
      ordinal: passages.length,
      sectionPath: [],
      page: null,
      charStart: m.index,
      charEnd: m.index + m[0].length,
      text: m[0],
    });
  }
  return passages;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.each(PAPERS)('embedded claims from $file', ({ file, minClaims, name, question, answer }) => {
  const fullText = readFileSync(sharedData('pdfs', 'reference-extractions', file), 'utf8');
  const title = (/^#+\s*(.+)$/m.exec(fullText)?.[1] ?? file).trim();
  const paperId = `local:${file}`;
  const passages = paragraphPassages(fullText, paperId);
  const sentenceSpans = new Set(splitSentences(fullText).map((s) => `${s.start}:${s.end}`));

  it('finds enough claims, each a complete, self-contained sentence anchored in the text', async () => {
    const { claims } = await createEmbeddedClaimExtractor().extract({
      paper: { id: paperId, title, abstract: null },
      passages,
      fullText,
      maxClaims: 200,
    });
    expect(claims.length).toBeGreaterThanOrEqual(minClaims);
    for (const claim of claims) {
      // A complete sentence: capital start, terminal punctuation.
      expect(claim.text, claim.text).toMatch(/^[\p{Lu}\p{N}"“]/u);
      expect(claim.text, claim.text).toMatch(/[.!?]["'”’)]*$/);
      // No dangling mid-word cut: the last word is a whole word of the source.
      const lastWord = /([\p{L}\p{N}][\p{L}\p{N}'’-]*)[^\p{L}\p{N}]*$/u.exec(claim.text)?.[1] ?? '';
      expect(lastWord.length, claim.text).toBeGreaterThan(0);
      expect(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(lastWord)}(?![\\p{L}\\p{N}])`, 'u').test(fullText), claim.text).toBe(true);
      // The span is exactly one sentence of the full text.
      expect(claim.charStart).not.toBeNull();
      expect(sentenceSpans.has(`${claim.charStart}:${claim.charEnd}`), claim.text).toBe(true);
      const source = fullText.slice(claim.charStart!, claim.charEnd!);
      expect(passages.some((p) => p.id === claim.passageId && p.charStart <= claim.charStart! && claim.charEnd! <= p.charEnd)).toBe(true);
      // Self-contained: no opening pronoun or self-reference.
      expect(claim.text, claim.text).not.toMatch(/^(?:We|Our|This|It|These|They)\b/);
      expect(claim.text, claim.text).not.toMatch(/\b(?:we|our)\b/i);
      // Its numbers are in its text, and a claim whose source has a quantity carries numbers.
      for (const n of claim.numbers) expect(claim.text, claim.text).toContain(n.text);
      if (/\d+(?:\.\d+)?\s?%/.test(claim.text)) expect(claim.numbers.length, claim.text).toBeGreaterThan(0);
      expect(source.length).toBeGreaterThan(0);
    }
  });

  it('resolves self-references to the paper’s named contribution', async () => {
    const { claims } = await createEmbeddedClaimExtractor().extract({
      paper: { id: paperId, title, abstract: null },
      passages,
      fullText,
      maxClaims: 200,
    });
    const rewritten = claims.filter((c) => /^\s*(?:\*?\s*)?(?:We|Our)\b/.test(fullText.slice(c.charStart!, c.charEnd!)));
    expect(rewritten.length).toBeGreaterThan(0);
    // "We show that X" keeps only X, so not every rewrite names the paper; most do.
    const naming = rewritten.filter((c) => c.text.includes(name));
    expect(naming.length).toBeGreaterThanOrEqual(rewritten.length / 2);
  });

  it('ranks claims about the question first', async () => {
    const { claims } = await createEmbeddedClaimExtractor().extract({
      paper: { id: paperId, title, abstract: null },
      passages,
      fullText,
      question,
      maxClaims: 5,
    });
    expect(claims.length).toBeGreaterThan(0);
    expect(claims[0]!.text).toMatch(answer);
  });
});
