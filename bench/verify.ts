/**
 * Verifier benchmark: claim–document pairs per second in batch mode over the full SciFact corpus
 * (given pairs, and with BM25 retrieval), plus 5-fold cross-validated figures on SciFact train and
 * the committed model's figures on Check-COVID and HealthVer.
 */
import { readFileSync } from 'node:fs';
import { parseClaimsJsonl, parseCorpusJsonl, verifyBatch } from '../src/verify/batch.ts';
import { readCheckCovid, readHealthVer, readSciFact } from '../src/verify/embedded/datasets.ts';
import { loadEmbeddedModel } from '../src/verify/embedded/model.ts';
import { buildIdf, crossValidate, evaluateModel } from '../src/verify/embedded/train.ts';
import { sharedData } from '../test/support/shared-data.ts';

const read = (...parts: string[]): string => readFileSync(sharedData(...parts), 'utf8');
const r4 = (x: number): number => Number(x.toFixed(4));

export async function benchVerify(): Promise<Record<string, number>> {
  const claimsText = read('scifact', 'claims_train.jsonl');
  const corpusText = read('scifact', 'corpus.jsonl');
  const claims = parseClaimsJsonl(claimsText, 'claims_train.jsonl');
  const corpus = parseCorpusJsonl(corpusText, 'corpus.jsonl');
  loadEmbeddedModel();

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

  const scifact = readSciFact(claimsText, corpusText);
  start = performance.now();
  const cv = crossValidate(scifact, buildIdf(scifact.documents.values()), { folds: 5, seed: 13 });
  const cvSeconds = (performance.now() - start) / 1000;
  const model = loadEmbeddedModel();
  const checkCovid = evaluateModel(
    model,
    readCheckCovid(
      read('claimverif', 'check-covid', 'covidCheck_train_composed+extracted.json'),
      read('claimverif', 'check-covid', 'corpus.json'),
    ),
  );
  const healthVer = evaluateModel(model, readHealthVer(read('claimverif', 'healthver', 'healthver_dev.csv')));
  return {
    pairs_cited: cited.predictions.length,
    pairs_per_s_cited: r4(cited.predictions.length / citedSeconds),
    batch_cited_s: r4(citedSeconds),
    pairs_retrieved: retrieved.predictions.length,
    pairs_per_s_retrieved: r4(retrieved.predictions.length / retrievedSeconds),
    batch_retrieved_s: r4(retrievedSeconds),
    corpus_docs: corpus.length,
    cv_pairs: cv.figures.n,
    cv_accuracy: r4(cv.figures.accuracy),
    cv_macro_f1: r4(cv.figures.macroF1),
    cv_ece_10: r4(cv.figures.ece),
    cv_top30_accuracy: r4(cv.figures.top30Accuracy),
    cv_s: r4(cvSeconds),
    checkcovid_accuracy: r4(checkCovid.accuracy),
    checkcovid_macro_f1: r4(checkCovid.macroF1),
    checkcovid_ece_10: r4(checkCovid.ece),
    checkcovid_top30_accuracy: r4(checkCovid.top30Accuracy),
    healthver_accuracy: r4(healthVer.accuracy),
    healthver_macro_f1: r4(healthVer.macroF1),
    healthver_ece_10: r4(healthVer.ece),
    healthver_top30_accuracy: r4(healthVer.top30Accuracy),
  };
}
