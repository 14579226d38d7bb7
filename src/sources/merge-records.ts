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
const SOURCE_RANK: Record<string, number> = { local: 0, arxiv: 0, openalex: 1, crossref: 1, 'semantic-scholar': 2 };

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
  const groups: ({ kept: Paper } | null)[] = [];
  const byKey = new Map<string, number>();
  const duplicates: MergedDuplicate[] = [];
  const rank = (paper: Paper) => (preferred.has(paper.id) ? -1 : (SOURCE_RANK[paper.source] ?? 3));

  /** Folds `other` into group `index`: the better-ranked record is kept, the other listed as its duplicate. */
  function fold(index: number, other: Paper, reason: string): void {
    const group = groups[index]!;
    if (group.kept.id === other.id) return;
    const [kept, dropped] = rank(other) < rank(group.kept) ? [other, group.kept] : [group.kept, other];
    group.kept = combine(kept, dropped);
    for (const d of duplicates) if (d.duplicateOf === dropped.id) d.duplicateOf = kept.id;
    duplicates.push({ id: dropped.id, title: dropped.title, duplicateOf: kept.id, reason: `${reason} as ${kept.id}` });
  }

  for (const record of ordered) {
    const keys = recordKeys(record);
    // Every group this record shares a key with: one record may bridge two (an arXiv id with one, a DOI with another).
    const hits = new Map<number, string>();
    for (const [label, key] of keys) {
      const at = byKey.get(key);
      if (at !== undefined && !hits.has(at)) hits.set(at, label);
    }
    let index: number;
    if (hits.size === 0) {
      index = groups.push({ kept: record }) - 1;
    } else {
      index = Math.min(...hits.keys());
      fold(index, record, `same ${KEY_LABELS[hits.get(index)!]}`);
      for (const [other, label] of hits) {
        if (other === index) continue;
        fold(index, groups[other]!.kept, `same ${KEY_LABELS[label] ?? label}`);
        groups[other] = null;
        for (const [key, at] of byKey) if (at === other) byKey.set(key, index);
      }
    }
    for (const [, key] of [...keys, ...recordKeys(groups[index]!.kept)]) byKey.set(key, index);
  }
  return { unique: groups.filter((g) => g !== null).map((g) => g.kept), duplicates };
}
