import { loadEmbeddedModel } from './src/verify/embedded/model.ts';
import { DOC_FEATURES } from './src/verify/embedded/features.ts';
const m = loadEmbeddedModel() as any;
const c = m.classifier;
console.log(Object.keys(c));
const W = c.weights ?? c.w;
DOC_FEATURES.forEach((f: string, i: number) => console.log(f.padEnd(28), (W as number[][]).map((row) => row[i]!.toFixed(2)).join('  ')));
console.log('bias', c.bias ?? c.b, 'mean', c.mean?.length, 'std', c.std?.length);
