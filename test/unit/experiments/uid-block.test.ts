import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireUidBlock, SANDBOX_UID_BASE, UID_BLOCK_SIZE } from '../../../src/experiments/humaneval/sandbox.ts';

describe('sandbox uid blocks', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives concurrent runs disjoint blocks and reuses a released one', () => {
    root = mkdtempSync(join(tmpdir(), 'litmus-uid-test-'));
    const a = acquireUidBlock(root);
    const b = acquireUidBlock(root);
    expect(a.base).toBe(SANDBOX_UID_BASE);
    expect(b.base).toBe(SANDBOX_UID_BASE + UID_BLOCK_SIZE);
    a.release();
    expect(acquireUidBlock(root).base).toBe(SANDBOX_UID_BASE);
    b.release();
  });

  it('takes over a block whose owner is gone, but not one being claimed or owned by a live process', () => {
    root = mkdtempSync(join(tmpdir(), 'litmus-uid-test-'));
    mkdirSync(join(root, 'block-0'));
    writeFileSync(join(root, 'block-0', 'pid'), String(process.pid)); // alive
    mkdirSync(join(root, 'block-1')); // no pid yet: being claimed
    mkdirSync(join(root, 'block-2'));
    writeFileSync(join(root, 'block-2', 'pid'), '2147483646'); // no such process
    expect(acquireUidBlock(root).base).toBe(SANDBOX_UID_BASE + 2 * UID_BLOCK_SIZE);
  });
});
