'use strict';
// Stand-in for the js-md5 npm package (used by HumanEval-X task JavaScript/162), backed by
// node:crypto. Same results for what the benchmark calls: md5(string) → lower-case hex of the
// UTF-8 bytes; the other js-md5 entry points are mapped onto the same digest.
const { createHash } = require('node:crypto');

const bytes = (message) => (typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message));
const digest = (message) => createHash('md5').update(bytes(message)).digest();

function md5(message) {
  return digest(message).toString('hex');
}
md5.hex = md5;
md5.array = (message) => [...digest(message)];
md5.digest = md5.array;
md5.base64 = (message) => digest(message).toString('base64');
md5.arrayBuffer = (message) => {
  const d = digest(message);
  return d.buffer.slice(d.byteOffset, d.byteOffset + d.length);
};
md5.buffer = md5.arrayBuffer;
md5.create = () => {
  const hash = createHash('md5');
  let result;
  const done = () => (result ??= hash.digest());
  const api = {
    update(message) {
      hash.update(bytes(message));
      return api;
    },
    hex: () => done().toString('hex'),
    toString: () => done().toString('hex'),
    array: () => [...done()],
    digest: () => [...done()],
    base64: () => done().toString('base64'),
  };
  return api;
};
md5.update = (message) => md5.create().update(message);
module.exports = md5;
