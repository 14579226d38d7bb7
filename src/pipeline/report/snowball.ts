import { toLitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import { entryToPaper } from '../../sources/arxiv/to-paper.ts';
import type { OpenAlexPaperSource } from '../../sources/openalex/openalex-source.ts';
import type { SemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';

const LINKS_PER_SEED = 20;

type SeedLine = { query: string; source: string; records: number; error?: string };

/**
 * `--expand`: references and citations of the seed records, found through Semantic Scholar (links
 * with an arXiv id become arXiv records, one batched metadata request) and, when enabled, OpenAlex
 * (its `referenced_works` and `cites:` works, as OpenAlex records; the same work from both is merged
 * later, in identify). Any failure is a warning: the search results stand.
 */
export async function snowballRecords(
  seeds: Paper[],
  deps: {
    s2?: SemanticScholarSource;
    openalex?: OpenAlexPaperSource;
    arxiv: ArxivSource;
    warn: (line: string) => void;
  },
): Promise<{ records: Paper[]; perSeed: SeedLine[] }> {
  const perSeed: SeedLine[] = [];
  const records: Paper[] = [];
  const arxivIds = new Set<string>();
  for (const seed of seeds) {
    const label = `snowball: ${seed.id}`;
    if (deps.s2) {
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
    if (deps.openalex) {
      try {
        const work = await findOpenAlexWork(deps.openalex, seed);
        const found = work
          ? [
              ...(await deps.openalex.references(work, LINKS_PER_SEED)),
              ...(await deps.openalex.citedBy(work, LINKS_PER_SEED)),
            ].map((link) => link.paper)
          : [];
        records.push(...found);
        perSeed.push({ query: label, source: 'openalex', records: found.length });
      } catch (error) {
        const reason = toLitmusError(error).toLine();
        perSeed.push({ query: label, source: 'openalex', records: 0, error: reason });
        deps.warn(`${label} (OpenAlex): ${reason}`);
      }
    }
  }
  if (arxivIds.size === 0) return { records, perSeed };
  try {
    const entries = await deps.arxiv.findEntries([...arxivIds]);
    return { records: [...[...entries.values()].map((entry) => entryToPaper(entry)), ...records], perSeed };
  } catch (error) {
    deps.warn(`snowball: arXiv metadata for ${arxivIds.size} linked papers: ${toLitmusError(error).toLine()}`);
    return { records, perSeed };
  }
}

/**
 * The seed's OpenAlex work id: by its OpenAlex id, else its DOI, else its arXiv id (as arXiv's DOI),
 * else by its exact title; null when OpenAlex does not know it (not a failure: nothing to follow).
 */
async function findOpenAlexWork(openalex: OpenAlexPaperSource, seed: Paper): Promise<string | null> {
  const doi = seed.doi ?? seed.identifiers?.doi;
  const arxiv = seed.source === 'arxiv' ? seed.externalId : seed.identifiers?.arxiv;
  const id =
    seed.source === 'openalex'
      ? seed.externalId
      : (seed.identifiers?.openalex ?? (doi ? `doi:${doi}` : arxiv ? `arxiv:${arxiv}` : null));
  if (id) {
    try {
      return (await openalex.lookup(id)).openAlexId;
    } catch (error) {
      if (toLitmusError(error).code !== 'E_NOT_FOUND') throw error;
    }
  }
  return (await openalex.matchTitle(seed.title))?.openAlexId ?? null;
}
