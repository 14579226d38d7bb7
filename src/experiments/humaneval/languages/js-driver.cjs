'use strict';
// Test driver of the HumanEval-X JavaScript harness, run by js.ts as `node js-driver.cjs` in a fresh
// sandbox per sample. It reads the per-run secret from stdin before any sample code runs, keeps it
// in this module's scope (no global, no file), runs the program (prompt + generation + test), and
// prints the secret only when the program's tests returned without throwing. A sample that exits early,
// prints, or writes to any descriptor does not know the secret.
const { closeSync, readSync, writeSync } = require('node:fs');

const secret = (() => {
  const buffer = Buffer.alloc(256);
  let length = 0;
  for (;;) {
    let n;
    try {
      n = readSync(0, buffer, length, buffer.length - length, null);
    } catch (error) {
      if (error.code === 'EAGAIN') continue;
      throw error;
    }
    if (n === 0 || length + n >= buffer.length) break;
    length += n;
  }
  closeSync(0);
  return buffer.subarray(0, length).toString('utf8').trim();
})();
const write = writeSync;

// console.assert in Node only logs; the benchmark's tests rely on it throwing. Fixed here, before the
// program loads, as a read-only property: a sample assigning console.assert changes nothing.
Object.defineProperty(console, 'assert', {
  value: (condition, ...details) => {
    if (!condition) {
      const error = new Error(['Assertion failed', ...details].join(' '));
      error.name = 'AssertionError';
      throw error;
    }
  },
  writable: false,
  configurable: false,
});

require('/work/test.js');
write(1, `\n${secret}\n`);
