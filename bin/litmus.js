#!/usr/bin/env node
// Runs the JavaScript built into dist/ at install (`npm run build`, run by `prepare`) when it was built
// from exactly the current sources; otherwise (sources edited since, or never built) runs the
// TypeScript sources through tsx, which is correct but slower to start. Set LITMUS_DEBUG=1 to be told.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildFresh } from './build-stamp.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (process.env.LITMUS_FROM_SOURCE !== '1' && isBuildFresh(root)) {
  await import('../dist/main.js');
} else {
  if (process.env.LITMUS_DEBUG) {
    process.stderr.write('litmus: dist/ missing or older than the sources; running them through tsx (npm run build)\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
