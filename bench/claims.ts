/**
 * Embedded claim extraction throughput over the real reference extractions in ../shared/data:
 * sentence segmentation (sentences/s) and the whole extractor (source sentences/s, claims/s).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractClaims } from '../src/claims/embedded-claim-extractor.ts';
import { splitSentences } from '../src/core/sentences.ts';
import type { Passage } from '../src/core/types.ts';
import { sharedData } from '../test/support/shared-data.ts';

const ROUNDS = 5;

function paragraphPassages(fullText: string, paperId: string): Passage[] {
  const passages: Passage[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  for (let m = re.exec(fullText); m !== null; m = re.exec(fullText)) {
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

export async function benchClaims(): Promise<Record<string, number>> {
  const dir = sharedData('pdfs', 'reference-extractions');
  const papers = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((file) => {
      const fullText = readFileSync(join(dir, file), 'utf8');
      const title = (/^#+\s*(.+)$/m.exec(fullText)?.[1] ?? file).trim();
      return { id: `local:${file}`, title, fullText, passages: paragraphPassages(fullText, `local:${file}`) };
    });
  const chars = papers.reduce((sum, p) => sum + p.fullText.length, 0);

  let sentences = 0;
  const splitStart = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const paper of papers) sentences += splitSentences(paper.fullText).length;
  }
  const splitSeconds = (performance.now() - splitStart) / 1000;

  let claims = 0;
  const extractStart = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const paper of papers) {
      const result = extractClaims({
        paper: { id: paper.id, title: paper.title, abstract: null },
        passages: paper.passages,
        fullText: paper.fullText,
        maxClaims: 1000,
      });
      claims += result.claims.length;
    }
  }
  const extractSeconds = (performance.now() - extractStart) / 1000;

  return {
    papers: papers.length,
    chars_per_paper: Math.round(chars / papers.length),
    split_sentences_per_s: Math.round(sentences / splitSeconds),
    split_mb_per_s: Number(((chars * ROUNDS) / 1e6 / splitSeconds).toFixed(2)),
    extract_sentences_per_s: Math.round(sentences / extractSeconds),
    extract_claims_per_s: Math.round(claims / extractSeconds),
    extract_papers_per_s: Number(((papers.length * ROUNDS) / extractSeconds).toFixed(1)),
    claims_per_paper: Math.round(claims / ROUNDS / papers.length),
  };
}
