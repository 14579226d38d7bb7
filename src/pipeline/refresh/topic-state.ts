import type { Paper } from '../../core/types.ts';
import type { ReportModel } from '../../report/report-model.ts';
import type { Store, TopicClaim, TopicState } from '../../store/store.ts';
import type { AssessArtifact, IdentifyArtifact } from '../report/report-types.ts';
import { RunFolder } from '../run-folder.ts';
import { claimKey, workOf } from './diff.ts';

export interface ClassifiedRecords {
  /** Records never seen by this topic and not a version of an included paper: to be screened. */
  candidates: Paper[];
  /** Newer versions of included papers: they replace the old version. */
  newVersions: Paper[];
  /** Newer versions of included papers that withdraw them: the paper leaves the topic. */
  withdrawn: Paper[];
}

/** Sorts a window's records against what the topic already has; anything seen before is dropped. */
export function classifyRecords(state: TopicState, records: Paper[]): ClassifiedRecords {
  const seen = new Set([...state.seen, ...state.included]);
  const includedVersion = new Map(state.included.map((id) => [workOf(id), versionOf(id)]));
  const result: ClassifiedRecords = { candidates: [], newVersions: [], withdrawn: [] };
  const taken = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id) || taken.has(record.id)) continue;
    taken.add(record.id);
    const current = includedVersion.get(record.workId);
    if (current === undefined) {
      result.candidates.push(record);
    } else if ((record.version ?? 0) > current) {
      (record.withdrawn ? result.withdrawn : result.newVersions).push(record);
    }
  }
  // Only the newest version of a work counts (a window may list two).
  const newest = (list: Paper[]) =>
    list.filter((p) => !list.some((q) => q.workId === p.workId && (q.version ?? 0) > (p.version ?? 0)));
  return {
    candidates: newest(result.candidates),
    newVersions: newest(result.newVersions),
    withdrawn: newest(result.withdrawn),
  };
}

function versionOf(paperId: string): number {
  const match = /v(\d+)$/.exec(paperId);
  return match ? Number(match[1]) : 0;
}

/**
 * The topic's state after a report run: the included papers, every record the run identified, and
 * each reported claim with its verdict (claim ids and rationales from the run's saved assess stage).
 */
export async function stateFromReport(
  store: Store,
  outDir: string,
  model: ReportModel,
  queries: string[],
  seenBefore: string[],
): Promise<TopicState> {
  const folder = new RunFolder(outDir);
  const identify = folder.readStage<IdentifyArtifact>(1, 'identify');
  const assess = folder.readStage<AssessArtifact>(4, 'assess');
  const included = model.papers.map((p) => p.id);
  const seen = new Set([
    ...seenBefore,
    ...identify.records.map((r) => r.id),
    ...identify.duplicates.map((d) => d.id),
    ...included,
  ]);
  const works = new Map<string, string | undefined>();
  for (const id of new Set(assess.claims.map((c) => c.paper_id))) works.set(id, (await store.papers.get(id))?.workId);
  const work = (paperId: string) => works.get(paperId) ?? workOf(paperId);
  const claims: TopicClaim[] = assess.claims.map((c) => ({
    key: claimKey(work(c.paper_id), c.text),
    claim_id: c.claim_id,
    paper_id: c.paper_id,
    work_id: work(c.paper_id),
    text: c.text,
    verdict: c.verdict,
    confidence: c.confidence,
    rationale: c.rationale,
    evidence_papers: [...new Set(c.evidence.map((e) => e.paper_id))],
    corroborating: c.corroborating,
    contradicting: c.contradicting,
  }));
  return {
    queries,
    included,
    seen: [...seen].sort(),
    claims,
    snapshot: model.provenance.corpus_snapshot,
    report_dir: outDir,
  };
}
