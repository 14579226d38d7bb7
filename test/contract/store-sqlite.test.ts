import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { storeContract } from './store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'litmus-store-contract-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite (file)', () => openStore(join(dir, `store-${++n}.db`)));
storeContract('sqlite (:memory:)', () => openStore(':memory:'));
