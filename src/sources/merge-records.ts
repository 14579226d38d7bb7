import { normalizeForMatch } from '../core/text.ts';
import type { Paper, PaperIdentifiers } from '../core/types.ts';
import { identifiersOf, mergeIdentifiers } from '../core/identifiers.ts';

export interface MergedDuplicate {
  id: string;
  title: string;
  duplicateOf: string;
  reason: string;
}

/** Which record of one work is kept, when none was given by the user: the one whose full text is nearest. */
const SOURCE_RANK: Record<string, number> = { local: 0, arxiv: 0, openalex: 1, 'semantic-scholar': 2 };

const KEY_LABELS: Record<string, string> = {
  work: 'work',
  arxiv: 'arXiv id',
  doi: 'DOI',
  openalex: 'OpenAlex id',
  s2: 'Semantic Scholar id',
  pmid: 'PubMed id',
  pmcid: 'PMC id',
  fingerprint: 'title, first author and year',
};

/** "Kyle Lo" → "lo", "Lo, Kyle" → "lo". */
function surname(name: string): string {
  const family = name.includes(',') ? name.split(',')[0]! : (name.trim().split(/\s+/).at(-1) ?? '');
  return normalizeForMatch(family);
}

/**
 * The keys one record is known by: its work, each identifier, and a fingerprint of normalised title,
 * first author's surname and year. A preprint often appears a year before its venue version, so the
 * fingerprint is emitted for its year and the next: two records a year apart share one key.
 */
export function recordKeys(record: Paper): [string, string][] {
  const keys: [string, string][] = [['work', `work:${record.workId}`]];
  for (const [scheme, value] of Object.entries(identifiersOf(record))) {
    if (value) keys.push([scheme, `${scheme}:${value.toLowerCase()}`]);
  }
  const title = normalizeForMatch(record.title);
  const author = record.authors[0] ? surname(record.authors[0].name) : '';
  const year = Number(/^(\d{4})/.exec(record.published ?? '')?.[1]);
  if (title !== '' && author !== '' && Number.isFinite(year)) {
    for (const y of [year, year + 1]) keys.push(['fingerprint', `fp:${title}|${author}|${y}`]);
  }
  return keys;
}

function combine(kept: Paper, other: Paper): Paper {
  const identifiers: PaperIdentifiers = mergeIdentifiers(identifiersOf(kept), identifiersOf(other));
  return {
    ...kept,
    doi: kept.doi ?? identifiers.doi ?? null,
    abstract: kept.abstract ?? other.abstract,
    journalRef: kept.journalRef ?? other.journalRef ?? null,
    identifiers,
  };
}

/**
 * The same work found in several sources (arXiv, OpenAlex, Crossref, Semantic Scholar, the library)
 * becomes one record: matched by work, any shared identifier (DOI, arXiv id, OpenAlex id, …) or the
 * title + first author + year fingerprint. The kept record gains every identifier of the others.
 * Records in `preferred` (given by the user, or already in the library) are kept over the others;
 * otherwise the source nearest its full text (arXiv over OpenAlex over Semantic Scholar), then the
 * first seen.
 */
export function mergeRecords(
  records: Paper[],
  preferred: Set<string> = new Set(),
): { unique: Paper[]; duplicates: MergedDuplicate[] } {
  const ordered = [...records.filter((r) => preferred.has(r.id)), ...records.filter((r) => !preferred.has(r.id))];
  const groups: { kept: Paper; keys: Set<string> }[] = [];
  const byKey = new Map<string, number>();
  const duplicates: MergedDuplicate[] = [];
  const rank = (paper: Paper) => (preferred.has(paper.id) ? -1 : (SOURCE_RANK[paper.source] ?? 3));

  for (const record of ordered) {
    const keys = recordKeys(record);
    const hit = keys.find(([, key]) => byKey.has(key));
    if (!hit) {
      const index = groups.push({ kept: record, keys: new Set() }) - 1;
      for (const [, key] of keys) {
        byKey.set(key, index);
        groups[index]!.keys.add(key);
      }
      continue;
    }
    const index = byKey.get(hit[1])!;
    const group = groups[index]!;
    if (group.kept.id === record.id) continue;
    const reason = `same ${KEY_LABELS[hit[0]] ?? hit[0]}`;
    if (rank(record) < rank(group.kept)) {
      const previous = group.kept;
      group.kept = combine(record, previous);
      for (const d of duplicates) if (d.duplicateOf === previous.id) d.duplicateOf = record.id;
      duplicates.push({
        id: previous.id,
        title: previous.title,
        duplicateOf: record.id,
        reason: `${reason} as ${record.id}`,
      });
    } else {
      group.kept = combine(group.kept, record);
      duplicates.push({
        id: record.id,
        title: record.title,
        duplicateOf: group.kept.id,
        reason: `${reason} as ${group.kept.id}`,
      });
    }
    for (const [, key] of [...keys, ...recordKeys(group.kept)]) {
      byKey.set(key, index);
      group.keys.add(key);
    }
  }
  return { unique: groups.map((g) => g.kept), duplicates };
}
