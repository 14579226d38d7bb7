/**
 * `npx tsx scripts/measure-check-rules.ts`: how often each deterministic check is right when it
 * changes the embedded model's verdict, on held-out (out-of-fold) predictions of the sets the model
 * is trained on. Writes src/verify/checks/rule-confidence.json, whose figures are the confidence a
 * verdict decided by that rule carries (Laplace-smoothed precision: (right + 1) / (changed + 2)).
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

const tally = new Map<string, { changed: number; right: number }>();
for (const s of cv.scored) {
  const doc = data.training.documents.get(s.pair.docId);
  if (!doc) continue;
  const { checked } = checkSentenceVerdict(s.pair.claim, doc, s);
  const decisive = checked.checks?.find((c: VerdictCheck) => c.from !== undefined);
  if (!decisive) continue;
  const gold = ((s.pair as { gold?: Verdict }).gold ?? s.pair.label) as Verdict;
  const right = checked.verdict === gold || (checked.verdict === 'PARTIAL' && gold === 'SUPPORTED');
  const entry = tally.get(decisive.rule) ?? { changed: 0, right: 0 };
  entry.changed += 1;
  if (right) entry.right += 1;
  tally.set(decisive.rule, entry);
}

const rules: Record<string, { changed: number; right: number; confidence: number }> = {};
for (const [rule, { changed, right }] of [...tally].sort()) {
  rules[rule] = { changed, right, confidence: Number(((right + 1) / (changed + 2)).toFixed(3)) };
}
const out = {
  measured_on: `out-of-fold predictions of the committed model's training sets (${model.trainedOn}; 5 folds, seed 13)`,
  caveat: 'the rules were written while reading SciFact train and shared-paper errors: not figures on unseen data',
  rules,
};
writeFileSync(join(import.meta.dirname, '..', 'src', 'verify', 'checks', 'rule-confidence.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
