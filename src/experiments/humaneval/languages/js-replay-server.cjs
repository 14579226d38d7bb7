'use strict';
// Trusted test driver of the HumanEval-X JavaScript harness: one warm server per worker slot, started
// by js.ts as the init of its own bubblewrap sandbox (nothing writable, no /proc), which no sample
// can reach — samples run in other sandboxes, and only the values they returned (their fd-3 stream)
// arrive here, after their sandbox is gone.
//
// Each request carries a driver script (js-replay.ts: the prompt with a stub entry point plus the
// benchmark's test, no sample code), the stdin of the driver — the per-run secret's line, then the
// sample's values — and the seed of the test's random numbers. The script runs in a fresh vm context
// (its own globals, nothing of this process reachable: only two strings go in) with a time limit;
// the secret goes back on the reply's stdout only when the script's completion value says the test
// ran to its end on exactly those values. The secret never enters the context.
//
// Protocol: one JSON request per stdin line {id, key, script, stdin (base64), seed, timeoutMs};
// one JSON reply per stdout line {id, exitCode, stdout, stderr}.
const { createInterface } = require('node:readline');
const vm = require('node:vm');

const scripts = new Map(); // key → compiled vm.Script (a problem's driver is compiled once)

function compiled(key, source) {
  let script = scripts.get(key);
  if (!script || script.litmusSource !== source) {
    script = new vm.Script(source, { filename: `driver-${key}.js` });
    script.litmusSource = source;
    scripts.set(key, script);
  }
  return script;
}

/** One line: the error's name and message (never the script's source around it). */
function describe(error) {
  if (error && typeof error === 'object') {
    const name = typeof error.name === 'string' ? error.name : 'Error';
    const message = typeof error.message === 'string' ? error.message : '';
    return `${name}: ${message}`.split('\n')[0].slice(0, 300);
  }
  return String(error).slice(0, 300);
}

function evaluate(request) {
  const stdin = Buffer.from(request.stdin, 'base64');
  const newline = stdin.indexOf(10);
  if (newline < 0) return { exitCode: 2, stdout: '', stderr: 'driver: no secret on stdin' };
  const secret = stdin.subarray(0, newline).toString('utf8');
  let input;
  try {
    input = new TextDecoder('utf-8', { fatal: true }).decode(stdin.subarray(newline + 1));
  } catch {
    return { exitCode: 1, stdout: '', stderr: 'TypeError: malformed value from the sample: not UTF-8' };
  }
  try {
    const context = vm.createContext({ [request.inputName]: input, [request.seedName]: request.seed });
    const result = compiled(request.key, request.script).runInContext(context, { timeout: request.timeoutMs });
    if (result !== 'passed') return { exitCode: 1, stdout: '', stderr: 'driver: the test did not finish' };
    return { exitCode: 0, stdout: `${secret}\n`, stderr: '' };
  } catch (error) {
    const timedOut = error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
    return { exitCode: 1, timedOut, stdout: '', stderr: describe(error) };
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  let reply;
  try {
    reply = evaluate(request);
  } catch (error) {
    reply = { exitCode: 2, stdout: '', stderr: `driver: ${describe(error)}` };
  }
  process.stdout.write(`${JSON.stringify({ id: request.id, ...reply })}\n`);
});
