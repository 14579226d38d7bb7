import type { ClaimExtractor } from '../claims/claim-extractor.ts';
import { yearOf } from '../claims/paper-name.ts';
import { usageError } from '../core/errors.ts';
import type { Warning } from '../core/types.ts';
import { type StoredClaim, saveClaims } from '../store/claims.ts';
import type { Store } from '../store/db.ts';
import { getLatestDocument, listPassages } from '../store/documents.ts';
import { getPaper } from '../store/papers.ts';
import { listTables } from '../store/tables.ts';

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
  const paper = getPaper(store, paperId);
  if (!paper)
    throw usageError('E_UNKNOWN_PAPER', `no paper ${paperId} in the database`, 'list them with `litmus papers`');
  const document = getLatestDocument(store, paperId);
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
    passages: listPassages(store, paperId),
    fullText: document.fullText,
    tables: listTables(store, paperId),
    question: options.question,
    maxClaims: options.maxClaims,
  });
  const claims = saveClaims(store, result.claims, options.question ?? null);
  return { paperId, claims, warnings: result.warnings };
}
