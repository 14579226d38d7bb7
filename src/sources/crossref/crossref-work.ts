import { type IntegrityNotice, noticeKind } from '../../core/integrity.ts';
import type { Publication, PublicationType } from '../../core/publication.ts';
import type { CrossrefDate, CrossrefReference, CrossrefUpdate, CrossrefWork } from './crossref-types.ts';

/**
 * Crossref work types (GET /types) mapped to CSL types; "posted-content" is a preprint. Types with no
 * closer CSL equivalent become "document" (@misc).
 */
const CSL_TYPES: Record<string, PublicationType> = {
  'journal-article': 'article-journal',
  'proceedings-article': 'paper-conference',
  'posted-content': 'article',
  'book-chapter': 'chapter',
  'book-section': 'chapter',
  'book-part': 'chapter',
  'reference-entry': 'chapter',
  book: 'book',
  monograph: 'book',
  'edited-book': 'book',
  'reference-book': 'book',
  report: 'report',
  'report-component': 'report',
  dissertation: 'thesis',
  dataset: 'dataset',
};

export function publicationType(crossrefType: string | undefined): PublicationType {
  return (crossrefType && CSL_TYPES[crossrefType]) || 'document';
}

export function publicationOf(work: CrossrefWork): Publication {
  return {
    type: publicationType(work.type),
    container_title: first(work['container-title']),
    volume: work.volume ?? null,
    issue: work.issue ?? null,
    page: work.page ?? null,
    publisher: work.publisher ?? null,
    source: 'crossref',
  };
}

export interface CrossrefMetadata {
  doi: string;
  title: string | null;
  authors: string[];
  year: number | null;
  language: string | null;
  url: string | null;
  publication: Publication;
}

export function metadataOf(work: CrossrefWork): CrossrefMetadata {
  const date = work.issued ?? work.published ?? work['published-print'] ?? work['published-online'];
  const year = date?.['date-parts']?.[0]?.[0];
  return {
    doi: work.DOI.toLowerCase(),
    title: first(work.title),
    authors: (work.author ?? [])
      .map((a) => a.name ?? [a.given, a.family].filter(Boolean).join(' '))
      .filter((name) => name !== ''),
    year: typeof year === 'number' ? year : null,
    language: work.language ?? null,
    url: work.URL ?? null,
    publication: publicationOf(work),
  };
}

/**
 * Notices that change how far a work can be trusted: `updated-by` on the work itself (its retraction,
 * correction…, deposited by the publisher or asserted by Retraction Watch). A record that is itself a
 * retraction notice (it has `update-to` of type retraction) is flagged too: it states no findings.
 */
export function noticesOf(work: CrossrefWork): IntegrityNotice[] {
  const notices = (work['updated-by'] ?? []).map(toNotice);
  for (const update of work['update-to'] ?? []) {
    const kind = noticeKind(update.type ?? '');
    if (kind === 'retraction' || kind === 'withdrawal' || kind === 'removal') {
      notices.push({
        ...toNotice(update),
        label: `this record is the ${update.label ?? update.type} notice of doi:${update.DOI ?? '?'}`,
        doi: work.DOI.toLowerCase(),
      });
    }
  }
  // The same retraction is often given twice (publisher and Retraction Watch): one notice per kind
  // and DOI, naming every source that asserts it ("publisher,retraction-watch").
  const merged = new Map<string, IntegrityNotice>();
  for (const notice of notices) {
    const key = `${notice.kind}|${notice.doi ?? notice.label}`;
    const kept = merged.get(key);
    if (!kept) merged.set(key, notice);
    else if (!kept.source.split(',').includes(notice.source)) kept.source = `${kept.source},${notice.source}`;
  }
  return [...merged.values()];
}

function toNotice(update: CrossrefUpdate): IntegrityNotice {
  return {
    kind: noticeKind(update.type ?? ''),
    label: update.label ?? update.type ?? 'update',
    doi: update.DOI?.toLowerCase() ?? null,
    date: isoDate(update.updated),
    source: update.source === 'retraction-watch' ? 'retraction-watch' : 'publisher',
  };
}

export interface CrossrefCitedWork {
  key: string | null;
  doi: string | null;
  text: string;
}

/** The work's reference list as deposited (a DOI where the publisher or Crossref matched one). */
export function referencesOf(work: CrossrefWork): CrossrefCitedWork[] {
  return (work.reference ?? []).map((r: CrossrefReference) => ({
    key: r.key ?? null,
    doi: r.DOI?.toLowerCase() ?? null,
    text:
      r.unstructured ??
      [r.author, r.year ? `(${r.year})` : null, r['article-title'], r['journal-title'], r.volume, r['first-page']]
        .filter(Boolean)
        .join(' '),
  }));
}

function isoDate(date: CrossrefDate | undefined): string | null {
  const parts = date?.['date-parts']?.[0];
  if (parts?.[0] == null) return date?.['date-time']?.slice(0, 10) ?? null;
  return parts
    .filter((p): p is number => typeof p === 'number')
    .map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0')))
    .join('-');
}

function first(values: string[] | undefined): string | null {
  const value = values?.find((v) => v.trim() !== '');
  return value ? value.replace(/\s+/g, ' ').trim() : null;
}
