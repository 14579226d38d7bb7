import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashInputs, isBuildFresh, STAMP_FILE } from '../../../bin/build-stamp.js';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('build stamp', () => {
  it('calls dist/ fresh only while every input has the content it was built from', () => {
    const { dir: root, cleanup } = makeTempDir('stamp');
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n');
    expect(isBuildFresh(root)).toBe(false); // never built
    const inputs = ['src/a.ts', 'src/b.ts'];
    writeFileSync(join(root, 'dist', STAMP_FILE), JSON.stringify({ hash: hashInputs(root, inputs), inputs }));
    expect(isBuildFresh(root)).toBe(true);
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 3;\n');
    expect(isBuildFresh(root)).toBe(false);
    cleanup();
  });
});
