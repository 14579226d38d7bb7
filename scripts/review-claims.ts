/**
 * The ML review-claims set (scripts/data/ml-review-claims.jsonl): claims about the shared ML papers
 * written the way a literature review or a reviewer states them — paraphrased and compressed; wrong
 * numbers, reversed comparisons, misplaced negations, a condition credited to the wrong setting,
 * overstated scope; and on-topic claims the paper does not address — each labelled against the
 * paper's text. Unlike the generated ML-claims set, no claim is a perturbed sentence of the paper.
 *
 * Each claim is paired with what the verifier sees at run time: the candidate passages own-paper
 * retrieval (pipeline/retrieve-evidence.ts) returns for it from a store holding the papers, split into
 * sentences as the embedded verifier splits them. So training and cross-validation judge the claim
 * against the evidence a report or an audit would hand the engine, retrieval misses included.
 *
 * scripts/data/ml-review-claims-heldout.jsonl holds more claims of the same kind, about the same papers,
 * written after the committed model was trained: the set it is measured on and never trained on.
 *
 * The files store no paper text: `evidence` is the opening of the deciding sentence (whitespace
 * collapsed), enough to find it among the candidates and mark it as the rationale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../src/core/types.ts';
import { EvidenceIndex } from '../src/pipeline/evidence-index.ts';
import { ingestInput } from '../src/pipeline/ingest-input.ts';
import { retrieveEvidence, tablesOf } from '../src/pipeline/retrieve-evidence.ts';
import { openStore } from '../src/store/db.ts';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { isHeading } from '../src/verify/embedded/embedded-verifier.ts';
import type { LabelledDocument, LabelledPair, LabelledSet } from '../src/verify/embedded/datasets.ts';
import type { MlPaper } from '../src/verify/embedded/ml-claims.ts';
import { splitSentences } from '../src/verify/tokenize.ts';

export interface ReviewClaim {
  paper: string;
  claim: string;
  gold: Verdict;
  kind: string;
  /** The opening of the sentence that decides the label (empty for NOT_ENOUGH_INFO). */
  evidence: string;
}

export const REVIEW_CLAIMS_FILE = join(import.meta.dirname, 'data', 'ml-review-claims.jsonl');
/** More claims of the same kind, written after the committed model was trained: its held-out test. */
export const REVIEW_CLAIMS_HELDOUT_FILE = join(import.meta.dirname, 'data', 'ml-review-claims-heldout.jsonl');

const LABELS = new Set(['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO']);

/** The claims of a review-claims file; a malformed line is an error naming the file and the line. */
export function readReviewClaims(path = REVIEW_CLAIMS_FILE): ReviewClaim[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let claim: ReviewClaim;
      try {
        claim = JSON.parse(line) as ReviewClaim;
      } catch {
        throw new Error(`${path}:${i + 1}: not a JSON object; fix or remove the line`);
      }
      if (typeof claim.paper !== 'string' || typeof claim.claim !== 'string' || !LABELS.has(claim.gold)) {
        throw new Error(`${path}:${i + 1}: needs "paper", "claim" and "gold" (SUPPORTED, REFUTED or NOT_ENOUGH_INFO)`);
      }
      return [{ ...claim, evidence: claim.evidence ?? '' }];
    });
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The shared papers in a store: `storeIds` maps a paper id (file name) to its id in the store. */
export interface PaperStore {
  store: Store;
  storeIds: Map<string, string>;
  close: () => void;
}

/** The papers ingested into an in-memory store, as `litmus add` would. */
export async function openPaperStore(papers: MlPaper[], files: Map<string, string>): Promise<PaperStore> {
  const handle = openStore(':memory:');
  const store = createSqliteStore(handle);
  const storeIds = new Map<string, string>();
  for (const paper of papers) {
    const file = files.get(paper.paperId);
    if (!file) continue;
    const kind = file.endsWith('.pdf') ? 'pdf' : 'html';
    const bytes = new Uint8Array(readFileSync(file));
    const added = await ingestInput(store, { name: file, bytes, kind, origin: `file:${file}` }, { maxBytes: 1e9 });
    if (added.paper_id) storeIds.set(paper.paperId, added.paper_id);
  }
  return { store, storeIds, close: () => handle.db.close() };
}

/**
 * The set: one pair per claim, its document the claim's retrieved candidates from `papers` in
 * `paperStore` (openPaperStore). Folds follow the paper (paper i of `papers` → fold i mod `folds`, as
 * in the ML-claims set), so no paper's text is on both sides of a split.
 */
export async function buildReviewClaims(
  claims: ReviewClaim[],
  papers: MlPaper[],
  paperStore: Pick<PaperStore, 'store' | 'storeIds'>,
  folds = 5,
): Promise<LabelledSet> {
  const { store, storeIds } = paperStore;
  const index = new EvidenceIndex(store);
  const foldOf = new Map(papers.map((paper, i) => [paper.paperId, i % folds]));
  const documents = new Map<string, LabelledDocument>();
  const pairs: LabelledPair[] = [];
  for (const [i, claim] of claims.entries()) {
    const paperId = storeIds.get(claim.paper);
    const fold = foldOf.get(claim.paper);
    if (!paperId || fold === undefined) {
      throw new Error(`review claim ${i + 1}: no paper ${claim.paper} among the shared papers; fix its "paper"`);
    }
    const passages = await retrieveEvidence(store, claim.claim, { paperId, corpusPaperIds: [], index });
    const sentences = passages.flatMap((passage) =>
      splitSentences(passage.text)
        .map((range) => passage.text.slice(range.start, range.end))
        .filter((sentence) => !isHeading(sentence)),
    );
    const opening = collapse(claim.evidence).slice(0, 60);
    const rationale = opening
      ? sentences.flatMap((sentence, s) => (collapse(sentence).includes(opening) ? [s] : []))
      : [];
    const docId = `claim-${i + 1}`;
    // The paper's tables, as the checks read them at run time, under the document's id.
    const tables = (await tablesOf(store, [paperId])).map((table) => ({ ...table, paperId: docId }));
    documents.set(docId, { docId, title: '', sentences, tables });
    pairs.push({
      claimId: `claim-${i + 1}`,
      claim: claim.claim,
      docId,
      label: claim.gold,
      rationale,
      group: claim.paper,
      fold,
    });
  }
  return { pairs, documents };
}
