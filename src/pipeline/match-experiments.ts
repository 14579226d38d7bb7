import { matchClaimToExperiments } from '../experiments/match-metrics.ts';
import type { ReportExperiment } from '../report/report-model.ts';
import type { Store } from '../store/store.ts';

/**
 * Claim ↔ recorded experiment runs, for reports: the closest matching metric of any stored run.
 * A contradicting rerun is shown before an agreeing one: it is the finding a reader must not miss.
 */
export async function matchExperimentsFromStore(
  store: Store,
): Promise<(claimText: string) => ReportExperiment | null> {
  const experiments = await store.experiments.list({ limit: 500 });
  return (claimText) => {
    if (experiments.length === 0) return null;
    const matches = matchClaimToExperiments(claimText, experiments).sort(
      (a, b) =>
        Number(a.status === 'REPRODUCED') - Number(b.status === 'REPRODUCED') ||
        Math.abs(a.difference) - Math.abs(b.difference),
    );
    const best = matches[0];
    if (!best) return null;
    return {
      status: best.status,
      experiment:
        best.experimentId === undefined ? best.experimentName : `${best.experimentName} (#${best.experimentId})`,
      metric: [...best.path, best.metric].join(' / '),
      claimed: best.claimed,
      measured: best.observed,
    };
  };
}
