import type { Warning } from '../core/types.ts';
import { type BatchClaim, type BatchDocument, type BatchPrediction, type BatchResult, createDocumentSelector, joinSentences } from '../verify/batch.ts';
import type { Verifier } from '../verify/verifier.ts';

/**
 * Batch mode with any Verifier (the LLM engine): the same pairs as the embedded batch (the shared
 * document selector), each judged on the document's sentences joined into one passage.
 * Evidence quotes are mapped back to the sentence they come from.
 */
export async function verifyBatchWith(
  verifier: Verifier,
  claims: BatchClaim[],
  corpus: BatchDocument[],
  options: { topK?: number; onPair?: () => void } = {},
): Promise<BatchResult> {
  const topK = options.topK ?? 3;
  const warnings: Warning[] = [];
  const predictions: BatchPrediction[] = [];
  const select = createDocumentSelector(corpus, topK);
  for (const claim of claims) {
    const docs = select(claim, warnings);
    for (const doc of docs) {
      const { text, starts } = joinSentences(doc);
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
    considered: {
      claims: claims.length,
      pairs: predictions.length,
      retrievedClaims: select.retrievedClaims(),
      topK,
      corpusSize: corpus.length,
    },
    warnings,
  };
}
