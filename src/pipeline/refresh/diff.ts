import { normalizeForMatch } from '../../core/text.ts';
import type { Verdict } from '../../core/types.ts';
import type { TopicClaim, TopicState } from '../../store/store.ts';

/**
 * What changed in a topic between two successful refreshes. Papers are compared by work (so a new
 * version is not a new paper) and claims by work + normalised text (so a claim a new version repeats
 * keeps its identity and its verdict can be compared).
 */
export interface TopicDiff {
  topic: string;
  previous_refresh: string | null;
  refreshed_at: string;
  new_papers: { id: string; title: string }[];
  new_versions: { work_id: string; from: string; to: string; title: string }[];
  withdrawn: { id: string; title: string; reason: string }[];
  removed_papers: { id: string; title: string }[];
  new_claims: { paper_id: string; text: string; verdict: Verdict; confidence: number }[];
  removed_claims: { paper_id: string; text: string; verdict: Verdict }[];
  changed_verdicts: {
    paper_id: string;
    text: string;
    old: Verdict;
    new: Verdict;
    old_confidence: number;
    new_confidence: number;
    why: string;
  }[];
  /** Earlier claims re-verified against papers new to the topic that bear on them (verdict unchanged). */
  new_cross_checks: { paper_id: string; text: string; corroborated_by: string[]; contradicted_by: string[] }[];
}

export interface DiffInput {
  topic: string;
  previous: TopicState;
  next: TopicState;
  previousRefresh: string | null;
  refreshedAt: string;
  /** Paper id → title, for every paper named in either state. */
  titles: Record<string, string>;
  /** Included works whose newest version was withdrawn in this window. */
  withdrawn: { id: string; title: string; reason: string }[];
}

/** "arxiv:2302.07302v2" → "arxiv:2302.07302"; ids without a version are their own work. */
export function workOf(paperId: string): string {
  return paperId.replace(/^(arxiv:.+?)v\d+$/, '$1');
}

export function claimKey(workId: string, text: string): string {
  return `${workId}::${normalizeForMatch(text)}`;
}

export function computeTopicDiff(input: DiffInput): TopicDiff {
  const { previous, next } = input;
  const title = (id: string) => input.titles[id] ?? id;
  const previousByWork = new Map(previous.included.map((id) => [workOf(id), id]));
  const nextByWork = new Map(next.included.map((id) => [workOf(id), id]));
  const withdrawnWorks = new Set(input.withdrawn.map((w) => workOf(w.id)));

  const newPapers = next.included
    .filter((id) => !previousByWork.has(workOf(id)))
    .map((id) => ({ id, title: title(id) }));
  const newVersions = next.included.flatMap((id) => {
    const old = previousByWork.get(workOf(id));
    return old !== undefined && old !== id ? [{ work_id: workOf(id), from: old, to: id, title: title(id) }] : [];
  });
  const removedPapers = previous.included
    .filter((id) => !nextByWork.has(workOf(id)) && !withdrawnWorks.has(workOf(id)))
    .map((id) => ({ id, title: title(id) }));

  const previousClaims = new Map(previous.claims.map((c) => [c.key, c]));
  const nextKeys = new Set(next.claims.map((c) => c.key));
  const previousWorks = new Set(previousByWork.keys());
  const newClaims: TopicDiff['new_claims'] = [];
  const changed: TopicDiff['changed_verdicts'] = [];
  const crossChecks: TopicDiff['new_cross_checks'] = [];
  const isNewWork = (id: string) => !previousWorks.has(workOf(id));
  for (const claim of next.claims) {
    const before = previousClaims.get(claim.key);
    if (!before) {
      newClaims.push({
        paper_id: claim.paper_id,
        text: claim.text,
        verdict: claim.verdict,
        confidence: claim.confidence,
      });
    } else if (before.verdict !== claim.verdict) {
      changed.push({
        paper_id: claim.paper_id,
        text: claim.text,
        old: before.verdict,
        new: claim.verdict,
        old_confidence: before.confidence,
        new_confidence: claim.confidence,
        why: explainChange(before, claim, previousWorks, previous.snapshot, next.snapshot),
      });
    } else {
      const corroboratedBy = claim.corroborating.filter((id) => isNewWork(id) && !before.corroborating.includes(id));
      const contradictedBy = claim.contradicting.filter((id) => isNewWork(id) && !before.contradicting.includes(id));
      if (corroboratedBy.length + contradictedBy.length > 0) {
        crossChecks.push({
          paper_id: claim.paper_id,
          text: claim.text,
          corroborated_by: corroboratedBy,
          contradicted_by: contradictedBy,
        });
      }
    }
  }
  const removedClaims = previous.claims
    .filter((c) => !nextKeys.has(c.key))
    .map((c) => ({ paper_id: c.paper_id, text: c.text, verdict: c.verdict }));

  return {
    topic: input.topic,
    previous_refresh: input.previousRefresh,
    refreshed_at: input.refreshedAt,
    new_papers: newPapers,
    new_versions: newVersions,
    withdrawn: input.withdrawn,
    removed_papers: removedPapers,
    new_claims: newClaims,
    removed_claims: removedClaims,
    changed_verdicts: changed,
    new_cross_checks: crossChecks,
  };
}

/** Why a verdict moved: a new version of its paper, evidence or cross-checks from papers new to the topic. */
function explainChange(
  before: TopicClaim,
  after: TopicClaim,
  previousWorks: Set<string>,
  previousSnapshot: string | null,
  nextSnapshot: string | null,
): string {
  const reasons: string[] = [];
  if (before.paper_id !== after.paper_id)
    reasons.push(`its paper was updated (${before.paper_id} → ${after.paper_id})`);
  const isNew = (id: string) => !previousWorks.has(workOf(id));
  const newEvidence = after.evidence_papers.filter((id) => isNew(id) && id !== after.paper_id);
  if (newEvidence.length > 0) reasons.push(`new evidence from ${newEvidence.join(', ')}`);
  const corroborating = after.corroborating.filter((id) => isNew(id) && !before.corroborating.includes(id));
  if (corroborating.length > 0) reasons.push(`now corroborated by ${corroborating.join(', ')}`);
  const contradicting = after.contradicting.filter((id) => isNew(id) && !before.contradicting.includes(id));
  if (contradicting.length > 0) reasons.push(`now contradicted by ${contradicting.join(', ')}`);
  if (reasons.length === 0) {
    reasons.push(
      `re-verified against the changed corpus (snapshot ${previousSnapshot ?? 'none'} → ${nextSnapshot ?? 'none'})`,
    );
  }
  const rationale = after.rationale.trim();
  return rationale ? `${reasons.join('; ')}. Verifier: ${rationale}` : reasons.join('; ');
}

export function isEmptyDiff(diff: TopicDiff): boolean {
  return (
    diff.new_papers.length +
      diff.new_versions.length +
      diff.withdrawn.length +
      diff.removed_papers.length +
      diff.new_claims.length +
      diff.removed_claims.length +
      diff.changed_verdicts.length +
      diff.new_cross_checks.length ===
    0
  );
}

export function renderDiffMarkdown(diff: TopicDiff): string {
  const lines = [`# What changed in "${diff.topic}"`, ''];
  lines.push(
    `Refreshed ${diff.refreshed_at}${diff.previous_refresh ? `; previous refresh ${diff.previous_refresh}` : ' (first refresh)'}.`,
    '',
  );
  const section = <T>(heading: string, items: T[], line: (item: T) => string) => {
    lines.push(`## ${heading} (${items.length})`, '');
    if (items.length === 0) lines.push('None.');
    else for (const item of items) lines.push(`- ${line(item)}`);
    lines.push('');
  };
  const quote = (text: string) => `"${text.replaceAll('\n', ' ')}"`;
  section('New papers', diff.new_papers, (p) => `${p.id} — ${p.title}`);
  section('New versions', diff.new_versions, (v) => `${v.from} → ${v.to} — ${v.title}`);
  section('Withdrawn papers', diff.withdrawn, (w) => `${w.id} — ${w.title}: ${w.reason}`);
  section('Papers no longer included', diff.removed_papers, (p) => `${p.id} — ${p.title}`);
  section(
    'Changed verdicts',
    diff.changed_verdicts,
    (c) =>
      `${quote(c.text)} (${c.paper_id}): ${c.old} (${c.old_confidence.toFixed(2)}) → ${c.new} (${c.new_confidence.toFixed(2)}). Why: ${c.why}`,
  );
  section('Earlier claims checked against new papers', diff.new_cross_checks, (c) => {
    const parts = [
      ...(c.corroborated_by.length ? [`now corroborated by ${c.corroborated_by.join(', ')}`] : []),
      ...(c.contradicted_by.length ? [`now contradicted by ${c.contradicted_by.join(', ')}`] : []),
    ];
    return `${quote(c.text)} (${c.paper_id}): ${parts.join('; ')}`;
  });
  section(
    'New claims',
    diff.new_claims,
    (c) => `${quote(c.text)} (${c.paper_id}): ${c.verdict} (${c.confidence.toFixed(2)})`,
  );
  section(
    'Claims no longer in the report',
    diff.removed_claims,
    (c) => `${quote(c.text)} (${c.paper_id}), was ${c.verdict}`,
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
