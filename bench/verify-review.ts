/**
 * The embedded engine on claims written the way reviewers write them, end to end as `litmus verify`
 * and audits run it: the shared ML papers ingested into a store, own-paper evidence retrieval, the
 * paper's results tables, the engine with its deterministic checks. Measured on the held-out review
 * claims (scripts/data/ml-review-claims-heldout.jsonl, written after the committed model was trained,
 * never trained on). Figures: accuracy, macro-F1, REFUTED F1, ECE over 10 bins, AUROC of confidence
 * for being right, and how often retrieval hands the engine the sentence that decides the claim.
 * PARTIAL counts as SUPPORTED, as in the verifier bench.
 */
import { loadMlPapers, mlPaperFiles } from '../scripts/ml-papers.ts';
import { openPaperStore, REVIEW_CLAIMS_HELDOUT_FILE, readReviewClaims } from '../scripts/review-claims.ts';
import { createEmbeddedEngines } from '../src/pipeline/embedded-engines.ts';
import { EvidenceIndex } from '../src/pipeline/evidence-index.ts';
import { PaperSelfNames } from '../src/pipeline/paper-self-names.ts';
import { retrieveEvidence, tablesOf } from '../src/pipeline/retrieve-evidence.ts';
import { MODEL_LABELS } from '../src/verify/embedded/model.ts';
import { type Prediction, summarize } from '../src/verify/embedded/metrics.ts';
import { sharedDataDir } from '../test/support/shared-data.ts';

const r4 = (x: number): number => Number(x.toFixed(4));
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

export async function benchVerifyReview(): Promise<Record<string, number | string>> {
  const claims = readReviewClaims(REVIEW_CLAIMS_HELDOUT_FILE);
  const { store, storeIds, close } = await openPaperStore(
    await loadMlPapers(sharedDataDir),
    mlPaperFiles(sharedDataDir),
  );
  try {
    const index = new EvidenceIndex(store);
    const selfNames = new PaperSelfNames(store);
    const { verifier } = createEmbeddedEngines();
    const predictions: Prediction[] = [];
    let decidable = 0;
    let retrieved = 0;
    const start = performance.now();
    for (const claim of claims) {
      const paperId = storeIds.get(claim.paper);
      if (!paperId)
        throw new Error(`held-out review claim about ${claim.paper}: no such shared paper; fix its "paper"`);
      const passages = await retrieveEvidence(store, claim.claim, { paperId, corpusPaperIds: [], index });
      const tables = await tablesOf(store, [paperId]);
      const input = { text: claim.claim, paperId, selfNames: await selfNames.of(paperId) };
      const result = await verifier.verify({ claim: input, passages, tables });
      predictions.push({
        gold: claim.gold,
        predicted: result.verdict === 'PARTIAL' ? 'SUPPORTED' : result.verdict,
        confidence: result.confidence,
      });
      if (claim.evidence) {
        decidable += 1;
        if (passages.some((p) => collapse(p.text).includes(claim.evidence))) retrieved += 1;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const f = summarize(predictions, MODEL_LABELS);
    return {
      protocol:
        'held-out review claims (written after training, never trained on); retrieval, tables and checks as at run time',
      engine: verifier.name,
      n: f.n,
      accuracy: r4(f.accuracy),
      macro_f1: r4(f.macroF1),
      f1_supported: r4(f.f1.SUPPORTED ?? 0),
      f1_refuted: r4(f.f1.REFUTED ?? 0),
      f1_nei: r4(f.f1.NOT_ENOUGH_INFO ?? 0),
      ece_10: r4(f.ece),
      auroc: r4(f.auroc),
      deciding_sentence_retrieved: r4(retrieved / Math.max(1, decidable)),
      claims_per_s: r4(claims.length / seconds),
    };
  } finally {
    close();
  }
}
