import { describeIntegrity, mayInformAnswer } from '../../core/integrity.ts';
import { languageName } from '../../ingest/language-name.ts';
import { independentSupport, type ReportModel } from '../../report/report-model.ts';
import { type CitationStyle, formatReferenceList } from '../../report/references/render-references.ts';
import type { PaperCheck } from '../check-integrity.ts';
import type { AssessArtifact, SynthesizeArtifact } from './report-types.ts';

/**
 * Papers whose claims may not support the answer, with the reason shown beside each of their claims:
 * retracted or withdrawn papers, and papers not in English (claim extraction and verification are
 * English-only today, so such a paper is listed, not mixed in). A language guessed from a title
 * alone is too weak to exclude a paper on.
 */
export function answerExclusions(checks: Map<string, PaperCheck>): Map<string, string> {
  const excluded = new Map<string, string>();
  for (const [paperId, check] of checks) {
    if (!mayInformAnswer(check.integrity.status)) {
      excluded.set(paperId, `its paper is ${describeIntegrity(check.integrity)}`);
    } else if (check.language.language && check.language.language !== 'en' && check.language.basis !== 'title') {
      excluded.set(
        paperId,
        `its paper is in ${languageName(check.language.language)}; claims are extracted and verified in English only`,
      );
    }
  }
  return excluded;
}

/**
 * Adds what the checks found to the report: each paper's notices, language and venue, the reason a
 * claim is kept out of the answer, limitations that say so, and the reference list in `style`.
 * Support from an excluded paper no longer counts as independent support.
 */
export async function withPaperChecks(
  model: ReportModel,
  checks: Map<string, PaperCheck>,
  excluded: Map<string, string>,
  style: CitationStyle,
): Promise<ReportModel> {
  const papers = model.papers.map((paper) => {
    const check = checks.get(paper.id);
    if (!check) return paper;
    const { paper_id: _, ...integrity } = check.integrity;
    return { ...paper, integrity, language: check.language.language, publication: check.publication };
  });
  const claims = model.claims.map((claim) => {
    const reason = excluded.get(claim.paper_id);
    const kept = (ids: string[]) => ids.filter((id) => !excluded.has(id));
    const support = independentSupport(kept(claim.corroborating), kept(claim.contradicting), claim.experiment);
    return { ...claim, independent_support: support, ...(reason ? { excluded_from_answer: reason } : {}) };
  });
  const flagged = papers.filter((p) => p.integrity && !mayInformAnswer(p.integrity.status));
  const foreign = papers.filter((p) => excluded.has(p.id) && p.integrity && mayInformAnswer(p.integrity.status));
  const unchecked = papers.filter((p) => p.integrity?.status === 'unchecked');
  const limitations = [
    ...model.limitations,
    ...flagged.map(
      (p) =>
        `${p.id} ("${p.title}") is ${describeIntegrity(p.integrity!)}: its claims are shown but do not support the answer.`,
    ),
    ...foreign.map(
      (p) => `${p.id} ("${p.title}"): ${excluded.get(p.id)}; its claims are listed but do not support the answer.`,
    ),
    ...(unchecked.length > 0
      ? [
          `Retractions could not be checked for ${unchecked.length} paper(s): ${unchecked
            .map((p) => `${p.id} (${p.integrity!.unchecked_reason})`)
            .join('; ')}.`,
        ]
      : []),
  ];
  return {
    ...model,
    papers,
    claims,
    limitations,
    references: { style, entries: await formatReferenceList(papers, style) },
  };
}

/** Whether a saved answer (a resumed run) cites a claim of a paper since found retracted or foreign. */
export function citesExcluded(
  answer: Pick<SynthesizeArtifact, 'cited_claims'>,
  assess: AssessArtifact,
  excluded: Map<string, string>,
): boolean {
  return answer.cited_claims.some((n) => {
    const claim = assess.claims[n - 1];
    return claim !== undefined && excluded.has(claim.paper_id);
  });
}
