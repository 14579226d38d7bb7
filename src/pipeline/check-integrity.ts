import { LitmusError } from '../core/errors.ts';
import { integrityStatus, type IntegrityNotice, type PaperIntegrity } from '../core/integrity.ts';
import type { Publication } from '../core/publication.ts';
import type { Paper } from '../core/types.ts';
import type { LanguageGuess } from '../ingest/detect-language.ts';
import { type CrossrefClient, isCrossrefCandidate, normaliseDoi } from '../sources/crossref/crossref-client.ts';
import { metadataOf, noticesOf } from '../sources/crossref/crossref-work.ts';

/** What litmus knows about a paper beyond its text: editorial notices, venue and language. */
export interface PaperCheck {
  integrity: PaperIntegrity;
  publication: Publication;
  language: LanguageGuess;
}

export interface CheckDeps {
  /** null when Crossref is not to be asked (no network). */
  crossref: CrossrefClient | null;
  /** The stored full text (sync or async, so either store spec fits). */
  fullTextOf: (paperId: string) => string | undefined | Promise<string | undefined>;
  warn: (line: string) => void;
}

/**
 * Checks every paper against arXiv's withdrawal marks (already in its Atom record) and, when it has a
 * DOI Crossref registers, against Crossref's `updated-by`/`update-to` notices (the publisher's
 * Crossmark deposits and the Retraction Watch database). A failed look-up leaves the paper
 * `unchecked` with the reason, never silently clean.
 */
export async function checkPapers(papers: Paper[], deps: CheckDeps): Promise<Map<string, PaperCheck>> {
  const checks = new Map<string, PaperCheck>();
  for (const paper of papers) checks.set(paper.id, await checkPaper(paper, deps));
  return checks;
}

async function checkPaper(paper: Paper, deps: CheckDeps): Promise<PaperCheck> {
  const notices: IntegrityNotice[] = [];
  const checked: string[] = [];
  let uncheckedReason: string | null = null;
  let publication = fallbackPublication(paper);
  let crossrefLanguage: string | null = null;
  if (paper.source === 'arxiv') {
    checked.push('arxiv');
    if (paper.withdrawn) {
      notices.push({
        kind: 'withdrawal',
        label: paper.comment ? `withdrawn on arXiv: "${paper.comment}"` : 'withdrawn on arXiv by its authors',
        doi: null,
        date: paper.updated?.slice(0, 10) ?? null,
        source: 'arxiv',
      });
    }
  }
  const doi = paper.doi ? normaliseDoi(paper.doi) : null;
  if (doi && isCrossrefCandidate(doi)) {
    if (!deps.crossref) uncheckedReason = `Crossref not asked for doi:${doi} (offline)`;
    else {
      try {
        const work = await deps.crossref.work(doi);
        checked.push('crossref');
        if (work) {
          notices.push(...noticesOf(work));
          const metadata = metadataOf(work);
          publication = metadata.publication;
          crossrefLanguage = metadata.language;
        }
      } catch (error) {
        // Offline with nothing cached is a known state, said in the report, not a warning.
        if (isOffline(error)) uncheckedReason = `doi:${doi} is not in the cache and the run is offline`;
        else {
          uncheckedReason = `Crossref look-up of doi:${doi} failed: ${(error as Error).message}`;
          deps.warn(`${paper.id}: ${uncheckedReason}`);
        }
      }
    }
  }
  const status =
    checked.length === 0 || (uncheckedReason && notices.length === 0) ? 'unchecked' : integrityStatus(notices);
  // tinyld's tables take ~0.2 s to load: only when a paper is checked, not at every command's start.
  const { detectLanguage } = await import('../ingest/detect-language.ts');
  const detected = detectLanguage({
    title: paper.title,
    abstract: paper.abstract,
    fullText: await deps.fullTextOf(paper.id),
  });
  const language =
    detected.language === null && crossrefLanguage
      ? { language: crossrefLanguage.slice(0, 2).toLowerCase(), confidence: 1, basis: 'title' as const }
      : detected;
  return {
    integrity: {
      paper_id: paper.id,
      status,
      notices,
      checked,
      unchecked_reason: status === 'unchecked' ? (uncheckedReason ?? 'no DOI and not an arXiv paper') : uncheckedReason,
    },
    publication,
    language,
  };
}

/** Without a Crossref record: an arXiv paper is a preprint (CSL "article"), anything else a document. */
function fallbackPublication(paper: Paper): Publication {
  const empty = { container_title: null, volume: null, issue: null, page: null };
  return paper.source === 'arxiv'
    ? { type: 'article', ...empty, publisher: 'arXiv', source: 'arxiv' }
    : { type: 'document', ...empty, publisher: null, source: 'local' };
}

/** Integrity of a DOI alone (an audited reference that could not be fetched as a paper). */
export async function checkDoi(doi: string, crossref: CrossrefClient): Promise<PaperIntegrity | null> {
  const normalised = normaliseDoi(doi);
  if (!normalised || !isCrossrefCandidate(normalised)) return null;
  const work = await crossref.work(normalised);
  if (!work) return null;
  const notices = noticesOf(work);
  return {
    paper_id: `doi:${normalised}`,
    status: integrityStatus(notices),
    notices,
    checked: ['crossref'],
    unchecked_reason: null,
  };
}

export function isOffline(error: unknown): boolean {
  return error instanceof LitmusError && error.code === 'E_OFFLINE';
}
