import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LitmusError } from '../../../core/errors.ts';
import type { Problem } from '../types.ts';

/**
 * The two programs of the JavaScript lockstep replay (issue 12), built from the same benchmark test:
 *
 * - the SAMPLE program (untrusted): prompt + generation + the test, whose calls of the entry point go
 *   to a tracer that calls the sample's function and writes the value it returned on fd 3
 *   (js-replay-codec.cjs). Its exit status and output do not decide anything.
 * - the DRIVER script (trusted, built once per problem): the prompt with the entry point's body
 *   replaced by a stub, plus the same test, whose calls of the entry point get the next value decoded
 *   from the sample's stream instead. The test's own assertions check those values; the script's
 *   completion value is "passed" only when the test returned and every value was used.
 *
 * `Math.random` in the test becomes a seeded generator in both programs, so the tests that draw random
 * inputs (tasks 32, 38, 50, 53) make the same calls in the same order; the seed is drawn per sample.
 * Names the harness adds carry a random tag, so that no benchmark or sample code collides with them
 * by accident; nothing depends on them being secret (the sample may read its own program).
 */

const CODEC = new URL('./js-replay-codec.cjs', import.meta.url);
let codecSource: string | undefined;

/** The entry point's name, from the prompt's last line (`const name = (args) => {`). */
export function jsEntryPoint(problem: Problem): string {
  const last = problem.prompt.trimEnd().split('\n').pop() ?? '';
  const match = /^\s*(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/.exec(last);
  if (!match) {
    throw new LitmusError(
      'E_HUMANEVAL_MISSING',
      `${problem.taskId}: the prompt does not end with the entry point's signature`,
    );
  }
  return match[1]!;
}

/** Names of what the harness adds to both programs. */
export function replayNames(tag: string) {
  return {
    call: `__litmusCall_${tag}`,
    random: `__litmusRandom_${tag}`,
    codec: `__litmusCodec_${tag}`,
    depth: `__litmusDepth_${tag}`,
    write: `__litmusWrite_${tag}`,
    values: `__litmusValues_${tag}`,
    input: `__litmusInput_${tag}`,
    seed: `__litmusSeed_${tag}`,
  };
}

/**
 * The test with every call of the entry point routed to `call` and Math.random to `random`. Only
 * free identifiers are rewritten: `x.name` (a property) is left alone.
 */
export function rewriteTest(test: string, entry: string, call: string, random: string): string {
  const escaped = entry.replace(/\$/g, '\\$');
  return test
    .replace(new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, 'g'), call)
    .replace(/(?<![\w$.])Math\s*\.\s*random(?![\w$])/g, random);
}

/** A small seeded generator (mulberry32) standing in for Math.random in the test. */
function randomSource(name: string, seedExpression: string): string {
  return `const ${name} = (() => { let a = (${seedExpression}) >>> 0; return () => { a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; })();`;
}

/** js-replay-codec.cjs inlined as a module object (read once, when the first program is built). */
function codecModule(name: string): string {
  codecSource ??= readFileSync(fileURLToPath(CODEC), 'utf8');
  return `const ${name} = (() => { const module = { exports: {} }; ${codecSource}\n; return module.exports; })();`;
}

/** console.assert throws in both programs, as the benchmark's tests expect (in Node it only logs). */
const THROWING_ASSERT = `(condition, ...details) => { if (!condition) { const error = new Error(['Assertion failed', ...details].join(' ')); error.name = 'AssertionError'; throw error; } }`;

/**
 * The sample's program, run as `node test.js`: the harness' prelude (codec, tracer, seeded random),
 * then prompt + generation + the rewritten test. The prelude comes first so that it holds fd 3's
 * writer before the sample's code runs; nothing in it is secret.
 */
export function sampleProgram(problem: Problem, generation: string, tag: string, seed: number): string {
  const n = replayNames(tag);
  const entry = jsEntryPoint(problem);
  const prelude = [
    codecModule(n.codec),
    `const ${n.write} = ((fs) => (text) => { const data = Buffer.from(text, 'utf8'); for (let at = 0; at < data.length; ) { try { at += fs.writeSync(3, data, at); } catch (error) { if (error.code !== 'EAGAIN') throw error; } } })(require('node:fs'));`,
    `let ${n.depth} = 0;`,
    // Only the test's outermost calls are reported; the sample's own recursion never reaches here.
    `const ${n.call} = (...args) => { if (${n.depth} > 0) return ${entry}(...args); ${n.depth}++; try { let value; try { value = ${entry}(...args); } catch (error) { ${n.write}(${n.codec}.encodeThrown(error)); throw error; } ${n.write}(${n.codec}.encode(value)); return value; } finally { ${n.depth}--; } };`,
    randomSource(n.random, String(seed)),
    `console.assert = ${THROWING_ASSERT};`,
  ].join('\n');
  return `${prelude}\n${problem.prompt}${generation}\n${rewriteTest(problem.test, entry, n.call, n.random)}\n`;
}

/**
 * The trusted driver script, run by js-replay-server.cjs in a fresh vm context whose globals
 * `input` (the sample's stream, as text) and `seed` are set by the server. It holds no sample code.
 * Its completion value is the string "passed" only when the test ran to its end on exactly the
 * values the sample returned.
 */
export function driverScript(problem: Problem, tag: string): string {
  const n = replayNames(tag);
  const entry = jsEntryPoint(problem);
  const prelude = [
    `globalThis.console = { assert: ${THROWING_ASSERT}, log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };`,
    codecModule(n.codec),
    `const ${n.values} = ${n.codec}.decodeStream(globalThis.${n.input});`,
    `let ${n.depth} = 0;`,
    `const ${n.call} = () => { if (${n.depth} >= ${n.values}.length) throw new RangeError('the sample returned fewer values than the test asked for'); const value = ${n.values}[${n.depth}++]; if (value instanceof ${n.codec}.Thrown) { const error = new Error(value.message); error.name = value.name; throw error; } return value; };`,
    randomSource(n.random, `globalThis.${n.seed}`),
  ].join('\n');
  const stub = '\n  throw new ReferenceError("the entry point is replayed, never called");\n}\n';
  const finish = `\n;(() => { if (${n.depth} !== ${n.values}.length) throw new RangeError('the sample returned more values than the test asked for'); return 'passed'; })();\n`;
  return `${prelude}\n${problem.prompt}${stub}${rewriteTest(problem.test, entry, n.call, n.random)}${finish}`;
}
