import type { ReportModel } from './report-model.ts';

/** The answer never cites a claim kept out of it (a retracted, withdrawn or non-English paper's claim). */
export function checkExcludedClaimsUncited(model: ReportModel): string[] {
  const excluded = new Map(model.claims.filter((c) => c.excluded_from_answer).map((c) => [c.n, c]));
  return model.answer.cited_claims
    .filter((n) => excluded.has(n))
    .map((n) => `answer cites claim ${n}, which may not support it: ${excluded.get(n)!.excluded_from_answer}`);
}
