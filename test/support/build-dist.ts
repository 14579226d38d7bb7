// vitest globalSetup: tests that spawn bin/litmus.js run a build of the current sources. If dist/ is
// stale it is rebuilt once here (well under a second); should the sources change during the run,
// bin/litmus.js sees the stamp mismatch and runs the sources through tsx instead — never stale code.
import { isBuildFresh } from '../../bin/build-stamp.js';
import { buildDist } from '../../scripts/build.ts';
import { repoRoot } from './shared-data.ts';

export default async function setup(): Promise<void> {
  if (!isBuildFresh(repoRoot)) await buildDist();
}
