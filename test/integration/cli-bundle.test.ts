import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isBuildFresh } from '../../bin/build-stamp.js';
import { repoRoot } from '../support/shared-data.ts';
import { cleanEnv, litmusBin, makeTempDir } from '../support/workspace.ts';

const run = promisify(execFile);

// globalSetup (test/support/build-dist.ts) built dist/ from the current sources.
describe('the built CLI', () => {
  it('is fresh, and runs from dist/ with files beside the sources resolved (version, migrations)', async () => {
    expect(isBuildFresh(repoRoot)).toBe(true);
    const env = cleanEnv() as NodeJS.ProcessEnv;
    const version = await run(process.execPath, [join(repoRoot, 'dist', 'main.js'), '--version'], { env });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    const { dir, cleanup } = makeTempDir('bundle');
    const db = join(dir, 'empty.db');
    const papers = await run(process.execPath, [litmusBin, '--db', db, '--json', 'papers'], { env });
    expect(JSON.parse(papers.stdout)).toEqual([]);
    const help = await run(process.execPath, [litmusBin, '--help'], { env });
    expect(help.stdout).toMatch(/report \[options\] <question>/);
    cleanup();
  });
});
