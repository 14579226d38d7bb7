/**
 * Verifier benchmark: throughput in batch mode over the full SciFact corpus (given pairs, and with
 * BM25 retrieval), then held-out figures per dataset, measured on data not used to fit the model or
 * its calibration: SciFact train and the ML-claims set by 5-fold cross-validation (SciFact folds
 * grouped by document and claim text, ML-claims folds by paper; each domain's calibrator fitted on
 * the other folds), and Check-COVID / HealthVer with the committed model when it was not trained on
 * them (cross-validated like SciFact when it was). Per dataset: macro-F1, per-class F1, ECE over 10
 * bins, and the accuracy of the 30% most confident verdicts.
 */
import { readFileSync } from 'node:fs';
import { loadTrainingSets } from '../scripts/verifier-data.ts';
import { parseClaimsJsonl, parseCorpusJsonl, verifyBatch } from '../src/verify/batch.ts';
import type { VerifierFigures } from '../src/verify/embedded/metrics.ts';
import { loadEmbeddedModel } from '../src/verify/embedded/model.ts';
import { buildIdf, crossValidate, figuresOf, scoreModel } from '../src/verify/embedded/train.ts';
import { sharedData, sharedDataDir } from '../test/support/shared-data.ts';
import { checkScored } from './verify-checked.ts';

const read = (...parts: string[]): string => readFileSync(sharedData(...parts), 'utf8');
const r4 = (x: number): number => Number(x.toFixed(4));

function flat(name: string, f: VerifierFigures, protocol: string): Record<string, number | string> {
  return {
    [`${name}_protocol`]: protocol,
    [`${name}_n`]: f.n,
    [`${name}_accuracy`]: r4(f.accuracy),
    [`${name}_macro_f1`]: r4(f.macroF1),
    [`${name}_f1_supported`]: r4(f.f1.SUPPORTED ?? 0),
    [`${name}_f1_refuted`]: r4(f.f1.REFUTED ?? 0),
    [`${name}_f1_nei`]: r4(f.f1.NOT_ENOUGH_INFO ?? 0),
    [`${name}_ece_10`]: r4(f.ece),
    [`${name}_auroc`]: r4(f.auroc),
    [`${name}_top30_accuracy`]: r4(f.top30Accuracy),
  };
}

export async function benchVerify(): Promise<Record<string, number | string>> {
  const claimsText = read('scifact', 'claims_train.jsonl');
  const corpusText = read('scifact', 'corpus.jsonl');
  const claims = parseClaimsJsonl(claimsText, 'claims_train.jsonl');
  const corpus = parseCorpusJsonl(corpusText, 'corpus.jsonl');
  const model = loadEmbeddedModel();

  let start = performance.now();
  const cited = verifyBatch(claims, corpus);
  const citedSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const retrieved = verifyBatch(
    claims.map(({ id, claim }) => ({ id, claim })),
    corpus,
    { topK: 3 },
  );
  const retrievedSeconds = (performance.now() - start) / 1000;

  // The same sets the committed model was trained on, so the cross-validation measures that recipe.
  const trainedOn = model.trainedOn.split(' + ').map((s) => s.trim());
  const data = await loadTrainingSets(sharedDataDir, trainedOn);
  start = performance.now();
  const cv = crossValidate(data.training, buildIdf(data.training.documents.values()), { folds: 5, seed: 13 });
  const cvSeconds = (performance.now() - start) / 1000;
  const out: Record<string, number | string> = {
    trained_on: model.trainedOn,
    pairs_cited: cited.predictions.length,
    pairs_per_s_cited: r4(cited.predictions.length / citedSeconds),
    pairs_retrieved: retrieved.predictions.length,
    pairs_per_s_retrieved: r4(retrieved.predictions.length / retrievedSeconds),
    corpus_docs: corpus.length,
    cv_s: r4(cvSeconds),
  };
  // Each dataset twice: the bare model, and the engine as users get it (deterministic checks applied).
  const checkedCv = checkScored(cv.scored, data.training);
  for (const name of Object.keys(cv.byDataset)) {
    const protocol = name.startsWith('ml-') ? '5 folds grouped by paper' : '5-fold CV grouped by document and claim';
    const key = name.replace(/-/g, '_');
    const mine = (s: { pair: { dataset?: string } }) => (s.pair.dataset ?? 'scifact') === name;
    Object.assign(out, flat(key, figuresOf(cv.scored.filter(mine)), protocol));
    Object.assign(out, flat(`${key}_checked`, figuresOf(checkedCv.filter(mine)), `${protocol}, with checks`));
  }
  for (const held of data.heldOut) {
    const key = held.name.replace(/-/g, '_');
    const scored = scoreModel(model, held.set, held.domain);
    Object.assign(out, flat(key, figuresOf(scored), 'never trained on (committed model)'));
    Object.assign(
      out,
      flat(`${key}_checked`, figuresOf(checkScored(scored, held.set)), 'never trained on, with checks'),
    );
  }
  Object.assign(out, flat('pooled', cv.figures, 'all cross-validated pairs'));
  Object.assign(out, flat('pooled_checked', figuresOf(checkedCv), 'all cross-validated pairs, with checks'));
  // PARTIAL (over-stated hedge or quantifier) is scored as SUPPORTED above; how often it is caught:
  const isPartial = (s: { pair: unknown }) => (s.pair as { gold?: string }).gold === 'PARTIAL';
  const partialRecall = (rows: { pair: unknown; verdict: string }[]) =>
    r4(rows.filter((s) => isPartial(s) && s.verdict === 'PARTIAL').length / Math.max(1, rows.filter(isPartial).length));
  out.ml_claims_partial_recall = partialRecall(cv.scored);
  out.ml_claims_checked_partial_recall = partialRecall(checkedCv);
  return out;
}
