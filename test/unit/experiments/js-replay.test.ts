import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  driverScript,
  jsEntryPoint,
  replayNames,
  rewriteTest,
  sampleProgram,
} from '../../../src/experiments/humaneval/languages/js-replay.ts';
import { loadProblems } from '../../../src/experiments/humaneval/problems.ts';
import type { Problem } from '../../../src/experiments/humaneval/types.ts';
import { sharedData } from '../../support/shared-data.ts';
import { makeProblem } from '../../support/humaneval-problem.ts';

const codec = createRequire(import.meta.url)('../../../src/experiments/humaneval/languages/js-replay-codec.cjs') as {
  encode(value: unknown): string;
  encodeThrown(error: unknown): string;
  decodeStream(text: string): unknown[];
  Thrown: new (name: string, message: string) => { name: string; message: string };
};

const problem = (fields: Partial<Problem>): Problem => makeProblem({ taskId: 'JavaScript/0', ...fields });

/** Runs a driver script the way js-replay-server.cjs does: a fresh context, the stream and the seed as globals. */
function drive(script: string, tag: string, stream: string, seed = 1): unknown {
  const names = replayNames(tag);
  return vm.runInContext(script, vm.createContext({ [names.input]: stream, [names.seed]: seed }), { timeout: 5000 });
}

describe('js replay codec', () => {
  it('round-trips what JSON alone cannot: -0, NaN, ±Infinity, undefined, BigInt, Map, Set, nesting', () => {
    const values: unknown[] = [
      -0,
      0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0.1 + 0.2,
      5e-324,
      undefined,
      null,
      123456789012345678901234567890n,
      -7n,
      'line\nbreak "quoted" \ud800 lone surrogate',
      true,
      [1, [2, [undefined, 'x']], []],
      { b: 1, a: [-0], 10: 'numeric key', nested: { empty: {} } },
      new Map<unknown, unknown>([
        [1, 'one'],
        ['k', [2]],
      ]),
      new Set([3, 'three']),
    ];
    const stream = values.map((v) => codec.encode(v)).join('');
    expect(stream.split('\n')).toHaveLength(values.length + 1); // one line per value, newline-terminated
    const back = codec.decodeStream(stream);
    expect(back).toHaveLength(values.length);
    for (const [i, value] of back.entries()) expect(value, String(i)).toEqual(values[i]);
    expect(Object.is(back[0], -0)).toBe(true);
    expect(Object.is(back[1], 0)).toBe(true);
    expect(back[7]).toBeUndefined();
    expect(back[10]).toBe(-7n);
    expect(Object.keys(back[14] as object)).toEqual(Object.keys(values[14] as object));
  });

  it('marks values it cannot carry, and the decoder refuses them', () => {
    for (const value of [() => 1, Symbol('s'), new Date(0), new (class Point {})(), new Uint8Array(2)]) {
      const line = codec.encode(value);
      expect(line).toMatch(/^\{"x":/);
      expect(() => codec.decodeStream(line)).toThrow(/cannot be replayed/);
    }
  });

  it('refuses malformed, truncated, untagged, over-deep and oversized records', () => {
    const bad = [
      '1', // no final newline: cut short
      'not json\n',
      '[1,2]\n', // a bare array is not a value
      '{"a":[1],"o":[]}\n', // two tags
      '{"q":1}\n', // unknown tag
      '{"n":"1e3"}\n',
      '{"u":0}\n',
      '{"b":"12a"}\n',
      `{"b":"${'9'.repeat(100_001)}"}\n`,
      '{"o":[[1,2]]}\n', // a non-string key
      '{"o":[["k"]]}\n',
      '{"m":{"k":1}}\n',
      '1\n\n2\n', // an empty record
      `${'{"a":['.repeat(300)}1${']}'.repeat(300)}\n`,
    ];
    for (const stream of bad) expect(() => codec.decodeStream(stream), stream.slice(0, 40)).toThrow();
    expect(codec.decodeStream('')).toEqual([]);
  });

  it('carries a call that threw as a top-level record only', () => {
    const [thrown] = codec.decodeStream(codec.encodeThrown(new RangeError('too deep')));
    expect(thrown).toBeInstanceOf(codec.Thrown);
    expect(thrown).toMatchObject({ name: 'RangeError', message: 'too deep' });
    expect(codec.decodeStream(codec.encodeThrown(null))[0]).toMatchObject({ name: 'Error' });
    for (const bad of ['{"a":[{"t":["E","m"]}]}\n', '{"t":["E"]}\n', '{"t":["E","m"],"u":1}\n', '{"t":[1,"m"]}\n'])
      expect(() => codec.decodeStream(bad), bad).toThrow(/malformed/);
  });

  it('keeps a "__proto__" key as an own property: no prototype of the driver changes', () => {
    const [value] = codec.decodeStream('{"o":[["__proto__",{"o":[["polluted",true]]}]]}\n') as [
      Record<string, unknown>,
    ];
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((value as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('js replay programs', () => {
  it("finds the entry point in the prompt's signature and rewrites only the test's free uses of it", () => {
    expect(jsEntryPoint(problem({ prompt: '/* doc */\nconst add = (x, y) => {\n' }))).toBe('add');
    expect(() => jsEntryPoint(problem({ prompt: '/* nothing */\n' }))).toThrow(/signature/);
    const test = 'console.assert(add(1, 2) === 3 && x.add(1) && addAll(2) && $add(3))\nMath.random() + Math . random()';
    expect(rewriteTest(test, 'add', 'CALL', 'RND')).toBe(
      'console.assert(CALL(1, 2) === 3 && x.add(1) && addAll(2) && $add(3))\nRND() + RND()',
    );
  });

  const toy = problem({
    prompt: 'const helper = (x) => x * 2\nconst f = (x) => {\n',
    test: 'const t = () => {\n  console.assert(f(1) === 2)\n  console.assert(JSON.stringify(f(helper(2))) === "[4]")\n}\nt()\n',
  });

  it('the driver passes exactly the right values, in number and type, and holds no sample code', () => {
    const script = driverScript(toy, 'tag1');
    expect(script).not.toContain('return [x * 2]');
    const ok = codec.encode(2) + codec.encode([4]);
    expect(drive(script, 'tag1', ok)).toBe('passed');
    expect(() => drive(script, 'tag1', codec.encode(2))).toThrow(/fewer values/);
    expect(() => drive(script, 'tag1', ok + codec.encode(1))).toThrow(/more values/);
    expect(() => drive(script, 'tag1', codec.encode('2') + codec.encode([4]))).toThrow(/Assertion failed/);
    expect(() => drive(script, 'tag1', `${codec.encode(2)}[4]\n`)).toThrow(/malformed/);
    expect(() => drive(script, 'tag1', codec.encodeThrown(new TypeError('x is not iterable')))).toThrow(
      /x is not iterable/,
    );
  });

  it("a sample's program and the driver agree through fd 3, random test inputs included (task 53)", () => {
    const add = loadProblems(sharedData('humaneval-x'), 'js').get('JavaScript/53')!;
    const dir = mkdtempSync(join(tmpdir(), 'litmus-js-replay-'));
    try {
      const run = (generation: string, seed: number) => {
        const path = join(dir, `s${seed}.js`);
        writeFileSync(path, sampleProgram(add, generation, 'tag2', seed));
        const out = spawnSync(process.execPath, [path], {
          stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
          timeout: 20_000,
        });
        return (out.output[3] as Buffer).toString('utf8');
      };
      const stream = run(add.canonicalSolution, 42);
      expect(stream.split('\n')).toHaveLength(106); // 5 fixed calls, 100 random ones
      expect(drive(driverScript(add, 'tag2'), 'tag2', stream, 42)).toBe('passed');
      // Another seed draws other inputs: the same values no longer fit.
      expect(() => drive(driverScript(add, 'tag2'), 'tag2', stream, 43)).toThrow(/Assertion failed/);
      // Prints do not touch the stream; a wrong answer ends it early, and the driver fails.
      const noisy = `  console.log('{"a":[1]}'); console.error('x')\n${add.canonicalSolution}`;
      expect(run(noisy, 42)).toBe(stream);
      expect(() => drive(driverScript(add, 'tag2'), 'tag2', run('  return x - y\n}\n', 42), 42)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
