import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/data next to the repository (CI lays a copy there too); LITMUS_SHARED_DATA overrides. */
export const sharedDataDir = process.env.LITMUS_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data');

export function sharedData(...parts: string[]): string {
  const path = join(sharedDataDir, ...parts);
  if (!existsSync(path)) throw new Error(`shared test data missing: ${path} (expected ../shared/data beside the repo)`);
  return path;
}

export { repoRoot };
