import { findPaperName, shortCitation, yearOf } from '../claims/paper-name.ts';
import type { Store } from '../store/store.ts';

/**
 * The names a stored paper goes by in claims decontextualised from it: its named contribution
 * ("ParaSempre", "AMDCN") and its short citation ("Qian and Liu (2014)"), as claim extraction puts
 * them where the paper says "we" and "our". The verifier reads them so that "Qian and Liu propose …"
 * is the paper's own "We propose …", not a claim about someone the sentence does not name.
 * Remembered per paper for one run.
 */
export class PaperSelfNames {
  private readonly known = new Map<string, Promise<string[]>>();

  constructor(private readonly store: Store) {}

  of(paperId: string | null | undefined): Promise<string[]> {
    if (!paperId) return Promise.resolve([]);
    let names = this.known.get(paperId);
    if (!names) this.known.set(paperId, (names = this.read(paperId)));
    return names;
  }

  private async read(paperId: string): Promise<string[]> {
    const paper = await this.store.papers.get(paperId);
    if (!paper) return [];
    const document = await this.store.documents.latest(paperId);
    const name = findPaperName(paper.title, paper.abstract, document?.fullText ?? '');
    const citation = shortCitation(paper.authors, yearOf(paper.published));
    // The citation without its year too: a claim may say "Qian and Liu propose …".
    const undated = citation?.replace(/\s*\(\d{4}\)$/, '');
    return [...new Set([name?.name, citation, undated].filter((n): n is string => Boolean(n)))];
  }
}
