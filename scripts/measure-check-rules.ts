/**
 * `npx tsx scripts/measure-check-rules.ts`: how often each deterministic check is right when it
 * changes the embedded model's verdict, on held-out (out-of-fold) predictions of the sets the model
 * is trained on. Writes src/verify/checks/rule-confidence.json, whose figures are the confidence a
 * verdict decided by that rule carries: Laplace-smoothed precision with each labelled set weighted
 * equally (see balancedConfidence), counts per set alongside.
 *
 * PARTIAL counts as right where the gold label is PARTIAL (ML-claims) or SUPPORTED (SciFact has no
 * PARTIAL). Caveat recorded with the figures: the rules were written while reading SciFact train and
 * shared-paper errors, so these are not figures on unseen data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict, VerdictCheck } from '../src/core/types.ts';
import { checkSentenceVerdict } from '../src/verify/batch.ts';
import { loadEmbeddedModel } from '../src/verify/embedded/model.ts';
import { buildIdf, crossValidate } from '../src/verify/embedded/train.ts';
import { sharedDataDir } from '../test/support/shared-data.ts';
import { loadTrainingSets } from './verifier-data.ts';

const model = loadEmbeddedModel();
const data = await loadTrainingSets(sharedDataDir, model.trainedOn.split(' + ').map((s) => s.trim()));
const cv = crossValidate(data.training, buildIdf(data.training.documents.values()), { folds: 5, seed: 13 });

// Per rule and labelled set: a rule's precision differs between the perturbed sentences it was written
// against and the claims reviewers write, and its confidence must not be the larger set's alone.
const tally = new Map<string, Map<string, { changed: number; right: number }>>();
for (const s of cv.scored) {
  const doc = data.training.documents.get(s.pair.docId);
  if (!doc) continue;
  const { checked } = checkSentenceVerdict(s.pair.claim, doc, s);
  const decisive = checked.checks?.find((c: VerdictCheck) => c.from !== undefined);
  if (!decisive) continue;
  const gold = ((s.pair as { gold?: Verdict }).gold ?? s.pair.label) as Verdict;
  const right = checked.verdict === gold || (checked.verdict === 'PARTIAL' && gold === 'SUPPORTED');
  const sets = tally.get(decisive.rule) ?? new Map<string, { changed: number; right: number }>();
  const entry = sets.get(s.pair.dataset ?? 'scifact') ?? { changed: 0, right: 0 };
  entry.changed += 1;
  if (right) entry.right += 1;
  sets.set(s.pair.dataset ?? 'scifact', entry);
  tally.set(decisive.rule, sets);
}

/**
 * A rule's precision with the labelled sets it changed verdicts in counting alike once they have ten
 * changes each: the mean of the sets' Laplace-smoothed precisions ((right + 1) / (changed + 2)), each
 * weighted by its changes up to ten. A large set cannot drown out a small one, and a set where the
 * rule fired once or twice cannot swing the figure alone.
 */
const FULL_WEIGHT_CHANGES = 10;
function balancedConfidence(sets: { changed: number; right: number }[]): number {
  const weight = (set: { changed: number }) => Math.min(set.changed, FULL_WEIGHT_CHANGES);
  const total = sets.reduce((sum, set) => sum + weight(set), 0);
  const mean = sets.reduce((sum, set) => sum + (weight(set) * (set.right + 1)) / (set.changed + 2), 0) / total;
  return Number(mean.toFixed(3));
}

const rules: Record<
  string,
  { changed: number; right: number; confidence: number; by_set: Record<string, { changed: number; right: number }> }
> = {};
for (const [rule, sets] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
  const figures = [...sets.values()];
  rules[rule] = {
    changed: figures.reduce((sum, f) => sum + f.changed, 0),
    right: figures.reduce((sum, f) => sum + f.right, 0),
    confidence: balancedConfidence(figures),
    by_set: Object.fromEntries([...sets].sort(([a], [b]) => a.localeCompare(b))),
  };
}
const out = {
  measured_on: `out-of-fold predictions of the committed model's training sets (${model.trainedOn}; 5 folds, seed 13)`,
  caveat: 'the rules were written while reading SciFact train and shared-paper errors: not figures on unseen data',
  rules,
};
writeFileSync(join(import.meta.dirname, '..', 'src', 'verify', 'checks', 'rule-confidence.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
