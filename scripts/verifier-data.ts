/**
 * The labelled sets the embedded verifier trains and is measured on: SciFact train, the ML-claims set
 * (computed from the real papers in the shared data folder), the ML review-claims set (claims about
 * those papers written the way reviewers write them, scripts/data/ml-review-claims.jsonl), Check-COVID
 * and HealthVer. Sets named in `extra` join training (grouped folds); the others stay held out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabelledSet, readCheckCovid, readHealthVer, readSciFact } from '../src/verify/embedded/datasets.ts';
import type { VerifierFigures } from '../src/verify/embedded/metrics.ts';
import { buildMlClaims, type MlPaper } from '../src/verify/embedded/ml-claims.ts';
import type { EmbeddedModel } from '../src/verify/embedded/model.ts';
import { combineSets, evaluateModel } from '../src/verify/embedded/train.ts';
import { loadMlPapers, mlPaperFiles } from './ml-papers.ts';
import { buildReviewClaims, openPaperStore, REVIEW_CLAIMS_HELDOUT_FILE, readReviewClaims } from './review-claims.ts';

/**
 * Weight of a generated ML-claims pair against a human-labelled one. Generated pairs are many and
 * easy; at full weight they pull the classifier off SciFact (5-fold CV macro-F1: weight 0 → SciFact
 * 0.604 / ML-claims 0.762; 0.25 → 0.601 / 0.922; 0.5 → 0.591 / 0.939).
 */
export const DEFAULT_ML_WEIGHT = 0.25;

/** The sets every training run uses; Check-COVID and HealthVer join only when asked (`--with`). */
export const DEFAULT_SETS = ['scifact', 'ml-claims', 'ml-review'];

export interface TrainingSets {
  training: LabelledSet;
  heldOut: { name: string; domain: string; set: LabelledSet }[];
  trainedOn: string;
}

export async function loadTrainingSets(
  dataDir: string,
  extra: string[] = [],
  mlWeight = DEFAULT_ML_WEIGHT,
): Promise<TrainingSets> {
  const read = (...parts: string[]): string => readFileSync(join(dataDir, ...parts), 'utf8');
  const papers = await loadMlPapers(dataDir);
  const [reviewSet, heldOutReviewSet] = await reviewClaimSets(papers, dataDir);
  const all = [
    {
      name: 'scifact',
      domain: 'biomedical',
      set: readSciFact(read('scifact', 'claims_train.jsonl'), read('scifact', 'corpus.jsonl')),
    },
    {
      name: 'ml-claims',
      domain: 'ml',
      set: buildMlClaims(papers, { seed: 13, folds: 5 }),
      weight: mlWeight,
    },
    {
      name: 'ml-review',
      domain: 'ml',
      set: reviewSet,
    },
    {
      // Written after the committed model was trained, to measure it: never in DEFAULT_SETS.
      name: 'ml-review-heldout',
      domain: 'ml',
      set: heldOutReviewSet,
    },
    {
      name: 'check-covid',
      domain: 'biomedical',
      set: readCheckCovid(
        read('claimverif', 'check-covid', 'covidCheck_train_composed+extracted.json'),
        read('claimverif', 'check-covid', 'corpus.json'),
      ),
    },
    {
      name: 'healthver',
      domain: 'biomedical',
      set: readHealthVer(read('claimverif', 'healthver', 'healthver_dev.csv')),
    },
  ];
  const used = all.filter((s) => DEFAULT_SETS.includes(s.name) || extra.includes(s.name));
  return {
    training: combineSets(used),
    heldOut: all.filter((s) => !used.includes(s)),
    trainedOn: used.map((s) => s.name).join(' + '),
  };
}

/** The training and held-out review-claims sets, from one store of the papers. */
async function reviewClaimSets(papers: MlPaper[], dataDir: string): Promise<[LabelledSet, LabelledSet]> {
  const paperStore = await openPaperStore(papers, mlPaperFiles(dataDir));
  try {
    return [
      await buildReviewClaims(readReviewClaims(), papers, paperStore, 5),
      await buildReviewClaims(readReviewClaims(REVIEW_CLAIMS_HELDOUT_FILE), papers, paperStore, 5),
    ];
  } finally {
    paperStore.close();
  }
}

/** Figures of a trained model on sets it never saw (calibration chosen by each set's domain). */
export function evaluateHeldOut(
  model: EmbeddedModel,
  heldOut: TrainingSets['heldOut'],
): Record<string, VerifierFigures> {
  return Object.fromEntries(heldOut.map((h) => [h.name, evaluateModel(model, h.set, h.domain)]));
}
