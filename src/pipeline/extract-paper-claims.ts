import type { ClaimExtractor } from '../claims/claim-extractor.ts';
import { yearOf } from '../claims/paper-name.ts';
import { usageError } from '../core/errors.ts';
import type { Warning } from '../core/types.ts';
import type { Store, StoredClaim } from '../store/store.ts';

export interface ExtractPaperClaimsResult {
  paperId: string;
  claims: StoredClaim[];
  warnings: Warning[];
}

/**
 * Runs a claim extractor over one stored paper (its passages and results tables) and saves its
 * claims. `maxClaims` bounds the claims beyond the paper's headline findings, which are all kept.
 */
export async function extractPaperClaims(
  store: Store,
  extractor: ClaimExtractor,
  paperId: string,
  options: { question?: string; maxClaims?: number } = {},
): Promise<ExtractPaperClaimsResult> {
  const paper = await store.papers.get(paperId);
  if (!paper)
    throw usageError('E_UNKNOWN_PAPER', `no paper ${paperId} in the database`, 'list them with `litmus papers`');
  const document = await store.documents.latest(paperId);
  if (!document) {
    throw usageError('E_NO_TEXT', `${paperId} has no stored full text`, `run \`litmus add\` for ${paperId} again`);
  }
  const result = await extractor.extract({
    paper: {
      id: paper.id,
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      year: yearOf(paper.published),
    },
    passages: await store.passages.list(paperId),
    fullText: document.fullText,
    tables: await store.tables.list(paperId),
    question: options.question,
    maxClaims: options.maxClaims,
  });
  const claims = await store.claims.save(result.claims, options.question ?? null);
  return { paperId, claims, warnings: result.warnings };
}
