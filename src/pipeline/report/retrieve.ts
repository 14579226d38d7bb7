import type { Config } from '../../config/schema.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { Store } from '../../store/store.ts';
import { addArxivPapers } from '../add-arxiv.ts';
import type { RetrieveArtifact } from './report-types.ts';

/**
 * Full text for every included paper; those that cannot be had are listed with the reason. Papers
 * already in the library (any stored document) need no request.
 */
export async function retrieveFullTexts(
  included: Paper[],
  deps: {
    store: Store;
    config: Config;
    http: HttpClient;
    warn: (line: string) => void;
    /** After each paper: its id and whether its text was already stored, fetched now, or unavailable. */
    onProgress?: (id: string, outcome: 'stored' | 'fetched' | 'unavailable') => void;
  },
): Promise<RetrieveArtifact> {
  const retrieved: string[] = [];
  const unavailable: RetrieveArtifact['unavailable'] = [];
  for (const paper of included) {
    const before = retrieved.length + unavailable.length;
    const stored = (await deps.store.documents.latest(paper.id)) !== undefined;
    if (stored) {
      retrieved.push(paper.id);
    } else if (paper.source === 'arxiv' && paper.version !== null) {
      const [result] = await addArxivPapers(deps.store, deps.config, [`${paper.externalId}v${paper.version}`], {
        http: deps.http,
        warn: deps.warn,
      });
      if (result && result.status !== 'failed' && result.paper_id) retrieved.push(result.paper_id);
      else unavailable.push({ id: paper.id, title: paper.title, reason: result?.error ?? 'not retrieved' });
    } else {
      unavailable.push({ id: paper.id, title: paper.title, reason: 'no full text source for this record' });
    }
    const fetched = retrieved.length > before;
    deps.onProgress?.(paper.id, stored ? 'stored' : fetched ? 'fetched' : 'unavailable');
  }
  return { retrieved, unavailable };
}
