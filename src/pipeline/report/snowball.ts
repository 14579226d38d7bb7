import { toLitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import { entryToPaper } from '../../sources/arxiv/to-paper.ts';
import type { SemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';

const LINKS_PER_SEED = 20;

/**
 * `--expand`: references and citations of the seed records, found through Semantic Scholar. Links
 * with an arXiv id become arXiv records (one batched metadata request). Any failure is a warning: the
 * arXiv results stand.
 */
export async function snowballRecords(
  seeds: Paper[],
  deps: { s2: SemanticScholarSource; arxiv: ArxivSource; warn: (line: string) => void },
): Promise<{ records: Paper[]; perSeed: { query: string; source: string; records: number; error?: string }[] }> {
  const perSeed: { query: string; source: string; records: number; error?: string }[] = [];
  const arxivIds = new Set<string>();
  for (const seed of seeds) {
    const label = `snowball: ${seed.id}`;
    try {
      const id = seed.source === 'arxiv' ? `arxiv:${seed.externalId}` : seed.doi ? `doi:${seed.doi}` : seed.id;
      const links = [
        ...(await deps.s2.references(id, LINKS_PER_SEED)),
        ...(await deps.s2.citations(id, LINKS_PER_SEED)),
      ];
      const found = links.map((l) => l.work.arxivId).filter((a): a is string => Boolean(a));
      for (const arxivId of found) arxivIds.add(arxivId);
      perSeed.push({ query: label, source: 'semantic-scholar', records: found.length });
    } catch (error) {
      const reason = toLitmusError(error).toLine();
      perSeed.push({ query: label, source: 'semantic-scholar', records: 0, error: reason });
      deps.warn(`${label}: ${reason}`);
    }
  }
  if (arxivIds.size === 0) return { records: [], perSeed };
  try {
    const entries = await deps.arxiv.findEntries([...arxivIds]);
    return { records: [...entries.values()].map((entry) => entryToPaper(entry)), perSeed };
  } catch (error) {
    deps.warn(`snowball: arXiv metadata for ${arxivIds.size} linked papers: ${toLitmusError(error).toLine()}`);
    return { records: [], perSeed };
  }
}
