/**
 * Retrains the embedded verifier and rewrites src/verify/embedded/model.json: SciFact train plus the
 * ML-claims set computed from the real papers in <data>/pdfs and <data>/html (never stored in the
 * repository), optionally Check-COVID / HealthVer (`--with check-covid,healthver`). Deterministic
 * (fixed seed, no sampling beyond it). Prints cross-validated figures per dataset and the figures of
 * the committed model on the sets it was not trained on.
 *   npm run train:verifier [-- --data ../shared/data] [--with check-covid] [--ml-weight 0.25] [--out model.json]
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainEmbeddedModel } from '../src/verify/embedded/train.ts';
import { DEFAULT_ML_WEIGHT, evaluateHeldOut, loadTrainingSets } from './verifier-data.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const dataDir = resolve(flag('--data') ?? process.env.LITMUS_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'));
const extra = (flag('--with') ?? '').split(',').filter(Boolean);

const started = Date.now();
const data = await loadTrainingSets(dataDir, extra, Number(flag('--ml-weight') ?? DEFAULT_ML_WEIGHT));
const { model } = trainEmbeddedModel(data.training, {
  folds: 5,
  seed: 13,
  hardNegativesPerClaim: 0,
  trainedOn: data.trainedOn,
});
model.cv = { ...model.cv, heldOut: evaluateHeldOut(model, data.heldOut) };

const round = (x: unknown): unknown =>
  typeof x === 'number'
    ? Number(x.toFixed(4))
    : x && typeof x === 'object'
      ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]))
      : x;
console.log(
  JSON.stringify(
    round({
      ...model.cv,
      calibrations: Object.fromEntries(Object.entries(model.calibrations ?? {}).map(([k, v]) => [k, v.description])),
      seconds: (Date.now() - started) / 1000,
    }),
    null,
    2,
  ),
);
const out = resolve(flag('--out') ?? join(repoRoot, 'src', 'verify', 'embedded', 'model.json'));
writeFileSync(out, `${JSON.stringify(model)}\n`);
// The committed file is Biome-formatted (as `npm run format` would leave it), so retraining
// reproduces it byte for byte.
const biome = spawnSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', out], {
  encoding: 'utf8',
});
if (biome.status !== 0 && !flag('--out')) throw new Error(`biome format failed on ${out}: ${biome.stderr}`);
console.log(`wrote ${out}`);
