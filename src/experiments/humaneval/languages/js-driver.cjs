'use strict';
// Test driver of the HumanEval-X JavaScript harness, run by js.ts as `node js-driver.cjs` in a fresh
// sandbox per sample. It reads the per-run secret from stdin before any sample code runs, keeps it
// in this closure (no global, no file), runs the program (prompt + generation + test), and prints
// the secret only when the program's tests returned without throwing. A sample that exits early,
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

require('/work/test.js');
write(1, `\n${secret}\n`);
