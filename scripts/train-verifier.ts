/**
 * Retrains the embedded verifier from SciFact train and rewrites src/verify/embedded/model.json.
 * Deterministic (fixed seed, no sampling beyond it). Prints cross-validated figures and the
 * committed model's figures on Check-COVID and HealthVer.
 *   npm run train:verifier [-- --data ../shared/data]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckCovid, readHealthVer, readSciFact } from '../src/verify/embedded/datasets.ts';
import { evaluateModel, trainEmbeddedModel } from '../src/verify/embedded/train.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataFlag = process.argv.indexOf('--data');
const dataDir =
  dataFlag >= 0 && process.argv[dataFlag + 1]
    ? resolve(process.argv[dataFlag + 1]!)
    : (process.env.LITMUS_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'));
const read = (...parts: string[]): string => readFileSync(join(dataDir, ...parts), 'utf8');

const started = Date.now();
const scifact = readSciFact(read('scifact', 'claims_train.jsonl'), read('scifact', 'corpus.jsonl'));
const { model } = trainEmbeddedModel(scifact, { folds: 5, seed: 13, hardNegativesPerClaim: 0 });

const checkCovid = readCheckCovid(
  read('claimverif', 'check-covid', 'covidCheck_train_composed+extracted.json'),
  read('claimverif', 'check-covid', 'corpus.json'),
);
const healthVer = readHealthVer(read('claimverif', 'healthver', 'healthver_dev.csv'));
model.cv = {
  ...model.cv,
  checkCovid: evaluateModel(model, checkCovid),
  healthVer: evaluateModel(model, healthVer),
};

const out = join(repoRoot, 'src', 'verify', 'embedded', 'model.json');
writeFileSync(out, `${JSON.stringify(model)}\n`);
// The committed file is Biome-formatted (as `npm run format` would leave it), so retraining
// reproduces it byte for byte.
const biome = spawnSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', out], {
  encoding: 'utf8',
});
if (biome.status !== 0) throw new Error(`biome format failed on ${out}: ${biome.stderr}`);
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
      calibrator: model.calibrator,
      numericRefuteConfidence: model.numericRefuteConfidence,
      seconds: (Date.now() - started) / 1000,
    }),
    null,
    2,
  ),
);
console.log(`wrote ${out}`);
