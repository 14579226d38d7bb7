// Shared by bin/litmus.js and scripts/build.ts: which sources a build in dist/ was made from, so a
// stale dist/ (sources edited or checked out since) is never run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = 'build-stamp.json';

/** A content hash of the given repository-relative files (the bundle's inputs, as esbuild listed them). */
export function hashInputs(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update('\u0001missing');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ holds a build of exactly the current sources. */
export function isBuildFresh(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  return Array.isArray(stamp.inputs) && stamp.hash === hashInputs(root, stamp.inputs);
}
