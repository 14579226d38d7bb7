import type { Warning } from '../core/types.ts';
import type { BatchClaim, BatchDocument, BatchPrediction, BatchResult } from '../verify/batch.ts';
import { Bm25Index } from '../verify/bm25.ts';
import type { Verifier } from '../verify/verifier.ts';

/**
 * Batch mode with any Verifier (the LLM engine): the same pairs as the embedded batch — given doc
 * ids, else the BM25 top-k — each judged on the document's sentences joined into one passage.
 * Evidence quotes are mapped back to the sentence they come from.
 */
export async function verifyBatchWith(
  verifier: Verifier,
  claims: BatchClaim[],
  corpus: BatchDocument[],
  options: { topK?: number; onPair?: () => void } = {},
): Promise<BatchResult> {
  const topK = options.topK ?? 3;
  const byId = new Map(corpus.map((d) => [String(d.docId), d]));
  const warnings: Warning[] = [];
  const predictions: BatchPrediction[] = [];
  let index: Bm25Index | null = null;
  let retrievedClaims = 0;
  for (const claim of claims) {
    let docs: BatchDocument[];
    if (claim.docIds?.length) {
      docs = claim.docIds.map((id) => byId.get(String(id))).filter((d): d is BatchDocument => Boolean(d));
      for (const id of claim.docIds.filter((id) => !byId.has(String(id)))) {
        warnings.push({
          code: 'W_DOC_MISSING',
          message: `claim ${claim.id} names document ${id}, which is not in the corpus; pair skipped`,
          input: String(claim.id),
        });
      }
    } else {
      if (!index) {
        index = new Bm25Index();
        for (const doc of corpus) index.add(String(doc.docId), `${doc.title} ${doc.sentences.join(' ')}`);
      }
      retrievedClaims += 1;
      docs = index.search(claim.claim, topK).map((hit) => byId.get(hit.id)!);
    }
    for (const doc of docs) {
      const text = doc.sentences.join(' ');
      const starts: number[] = [];
      let offset = 0;
      for (const sentence of doc.sentences) {
        starts.push(offset);
        offset += sentence.length + 1;
      }
      const result = await verifier.verify({
        claim: { text: claim.claim },
        passages: [{ id: 0, paperId: String(doc.docId), text, page: null, sectionPath: [], charStart: 0 }],
      });
      warnings.push(...result.warnings);
      predictions.push({
        id: claim.id,
        doc_id: doc.docId,
        verdict: result.verdict,
        confidence: Number(result.confidence.toFixed(4)),
        evidence: result.evidence.map((e) => {
          const at = e.charStart ?? text.indexOf(e.quote);
          let sentenceIndex = starts.findLastIndex((s) => s <= at);
          if (sentenceIndex < 0) sentenceIndex = 0;
          return { quote: e.quote, sentence_index: sentenceIndex };
        }),
      });
      options.onPair?.();
    }
  }
  return {
    predictions,
    considered: { claims: claims.length, pairs: predictions.length, retrievedClaims, topK, corpusSize: corpus.length },
    warnings,
  };
}
