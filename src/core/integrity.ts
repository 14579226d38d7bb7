/**
 * Editorial notices on a paper (retraction, withdrawal, correction, expression of concern) and what
 * they mean for a report: a retracted or withdrawn paper's claims cannot support an answer.
 */
export type NoticeKind = 'retraction' | 'withdrawal' | 'removal' | 'expression_of_concern' | 'correction' | 'other';

export interface IntegrityNotice {
  kind: NoticeKind;
  /** As the source labels it ("Retraction", "Correction", "withdrawn by its authors"). */
  label: string;
  /** The notice's own DOI, when it has one. */
  doi: string | null;
  /** ISO date (YYYY-MM-DD) of the update, when given. */
  date: string | null;
  /** Who asserts it: "retraction-watch", "publisher" (Crossmark), "arxiv"; several joined by commas. */
  source: string;
}

/** retracted/withdrawn: claims are kept out of the answer; corrected/concern: shown, still usable. */
export type IntegrityStatus = 'retracted' | 'withdrawn' | 'expression_of_concern' | 'corrected' | 'clean' | 'unchecked';

export interface PaperIntegrity {
  paper_id: string;
  status: IntegrityStatus;
  notices: IntegrityNotice[];
  /** What was consulted ("arxiv", "crossref"), and why a check could not be made. */
  checked: string[];
  unchecked_reason: string | null;
}

/** Crossref `update-type` values (Crossmark's list) mapped onto the kinds a report distinguishes. */
export function noticeKind(updateType: string): NoticeKind {
  const type = updateType.toLowerCase().replace(/[\s-]+/g, '_');
  if (type === 'retraction' || type === 'partial_retraction') return 'retraction';
  if (type === 'withdrawal') return 'withdrawal';
  if (type === 'removal') return 'removal';
  if (type === 'expression_of_concern') return 'expression_of_concern';
  if (['correction', 'corrigendum', 'erratum', 'addendum', 'clarification'].includes(type)) return 'correction';
  return 'other';
}

/** The gravest notice decides: a retraction outranks a correction made before it. */
export function integrityStatus(notices: IntegrityNotice[]): IntegrityStatus {
  const kinds = new Set(notices.map((n) => n.kind));
  if (kinds.has('retraction') || kinds.has('removal')) return 'retracted';
  if (kinds.has('withdrawal')) return 'withdrawn';
  if (kinds.has('expression_of_concern')) return 'expression_of_concern';
  if (kinds.has('correction')) return 'corrected';
  return 'clean';
}

/** Whether a paper's claims may support an answer. */
export function mayInformAnswer(status: IntegrityStatus): boolean {
  return status !== 'retracted' && status !== 'withdrawn';
}

const SOURCE_NAMES: Record<string, string> = {
  'retraction-watch': 'Retraction Watch',
  arxiv: 'arXiv',
  publisher: 'the publisher',
};

export function describeIntegrity(integrity: Pick<PaperIntegrity, 'status' | 'notices'>): string {
  const notice = integrity.notices.find((n) => n.kind !== 'correction' && n.kind !== 'other') ?? integrity.notices[0];
  if (!notice) return integrity.status;
  const by = notice.source
    .split(',')
    .map((source) => SOURCE_NAMES[source] ?? source)
    .join(' and ');
  return `${integrity.status.replace(/_/g, ' ')}: ${notice.label}${notice.date ? ` (${notice.date})` : ''}${notice.doi ? `, notice doi:${notice.doi}` : ''}, per ${by}`;
}
