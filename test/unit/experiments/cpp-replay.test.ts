import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assembleCpp,
  assembleCppDriver,
  assembleCppDrivers,
  blankCommentsAndLiterals,
  declaredNames,
  entryPoint,
  globalNameProbe,
} from '../../../src/experiments/humaneval/languages/cpp-programs.ts';
import { loadProblems } from '../../../src/experiments/humaneval/problems.ts';
import { sharedData } from '../../support/shared-data.ts';

const headers = join(dirname(fileURLToPath(import.meta.url)), '../../../src/experiments/humaneval/languages');
const SECRET = '0123456789abcdef0123456789abcdef';

/**
 * One program for both sides of the wire: `trace` writes a value of every kind on fd 3, `replay`
 * reads them back as the driver does and checks each is the same (floats bit for bit), `int` replays
 * one int (for the decoder's refusals).
 */
const CODEC_PROGRAM = `#include <cpp-replay.h>
#include <map>
#include <set>
#include <vector>
#include <cmath>
#include <cstdint>
typedef std::vector<std::vector<int> > Grid;
static Grid grid() { Grid g(3); g[0].push_back(-1); g[2].push_back(INT32_MAX); g[2].push_back(INT32_MIN); return g; }
static std::map<char, int> hist() { std::map<char, int> m; m['a'] = 2; m['z'] = -7; return m; }
static std::map<std::string, std::string> dict() { std::map<std::string, std::string> m; m["k"] = std::string("v\\0w", 3); return m; }
static std::vector<bool> bits() { std::vector<bool> v; v.push_back(true); v.push_back(false); return v; }
static std::set<long long> keys() { std::set<long long> s; s.insert(-5); s.insert(1LL << 40); return s; }
template <class T> static bool same_bits(T a, T b) { return memcmp(&a, &b, sizeof a) == 0; }
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "mismatch: %s\\n", #c); return 1; } } while (0)
int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "trace") {
    litmus::trace(42); litmus::trace(-9000000000LL); litmus::trace(7u); litmus::trace(true); litmus::trace('q');
    litmus::trace(-0.0f); litmus::trace(std::nanf("")); litmus::trace(HUGE_VAL); litmus::trace(0.1);
    litmus::trace(std::string("a\\0b\\n", 4)); litmus::trace(grid()); litmus::trace(hist()); litmus::trace(dict());
    litmus::trace(std::make_pair(3, std::string("x"))); litmus::trace(bits()); litmus::trace(keys());
    litmus::trace(std::vector<float>());
    return 0;
  }
  litmus::load_stdin();
  if (mode == "int") { printf("%d\\n", litmus::pass(0)); litmus::finish(); return 0; }
  CHECK(litmus::pass(0) == 42); CHECK(litmus::pass(0LL) == -9000000000LL); CHECK(litmus::pass(0u) == 7u);
  CHECK(litmus::pass(false) == true); CHECK(litmus::pass('a') == 'q');
  CHECK(same_bits(litmus::pass(1.0f), -0.0f)); CHECK(std::isnan(litmus::pass(1.0f))); CHECK(litmus::pass(1.0) == HUGE_VAL);
  CHECK(same_bits(litmus::pass(1.0), 0.1)); CHECK(litmus::pass(std::string()) == std::string("a\\0b\\n", 4));
  CHECK(litmus::pass(Grid()) == grid()); CHECK(litmus::pass(std::map<char, int>()) == hist());
  CHECK((litmus::pass(std::map<std::string, std::string>()) == dict()));
  CHECK((litmus::pass(std::make_pair(0, std::string())) == std::make_pair(3, std::string("x"))));
  CHECK(litmus::pass(std::vector<bool>()) == bits()); CHECK(litmus::pass(std::set<long long>()) == keys());
  CHECK(litmus::pass(std::vector<float>(2)).empty());
  litmus::finish();
  return 0;
}
`;

let dir = '';
let binary = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'litmus-cpp-replay-'));
  writeFileSync(join(dir, 'codec.cpp'), CODEC_PROGRAM);
  binary = join(dir, 'codec');
  execFileSync('g++', ['-std=c++11', '-O0', '-w', '-I', headers, join(dir, 'codec.cpp'), '-o', binary]);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const traced = (): Buffer => {
  const run = spawnSync(binary, ['trace'], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  expect(run.status).toBe(0);
  return run.output[3] as Buffer;
};

const replay = (mode: string, values: Buffer | number[], secretLine = `${SECRET}\n`) => {
  const stdin = Buffer.concat([Buffer.from(secretLine), Buffer.isBuffer(values) ? values : Buffer.from(values)]);
  const run = spawnSync(binary, [mode], { input: stdin, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

/** One int record: 0xA5, 'i', width 4, signed, little-endian. */
const intRecord = (v: number) => [0xa5, 0x69, 4, 0x73, v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];

describe('C++ replay wire format (cpp-replay.h)', () => {
  it('carries every return type of the dataset exactly: integers, bools, chars, floats (-0, NaN, inf), strings with NULs, nested vectors, maps, pairs, sets', () => {
    const run = replay('replay', traced());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${SECRET}\n`);
  });

  it('prints the secret only after every value was consumed, and refuses leftovers', () => {
    expect(replay('int', intRecord(-3))).toMatchObject({ status: 0, stdout: `-3\n${SECRET}\n` });
    const extra = replay('int', [...intRecord(1), ...intRecord(2)]);
    expect(extra.status).toBe(3);
    expect(extra.stdout).not.toContain(SECRET);
    expect(extra.stderr).toMatch(/^Error: .*more values than the test made calls/);
  });

  it('refuses a value of another type, a short or missing stream, a huge length, a bad bool, a missing secret line', () => {
    const refusals: [number[], RegExp][] = [
      [[0xa5, 0x62, 1], /another type/], // a bool where an int is declared
      [[0xa5, 0x69, 8, 0x73, 1, 0, 0, 0, 0, 0, 0, 0], /another width or signedness/], // a long long
      [intRecord(1).slice(0, 6), /ended early/],
      [[], /ended early/],
      [[0x00, ...intRecord(1).slice(1)], /not a value record/],
    ];
    for (const [bytes, why] of refusals) {
      const run = replay('int', bytes);
      expect(run.status, why.source).toBe(3);
      expect(run.stderr, why.source).toMatch(why);
      expect(run.stdout).not.toContain(SECRET);
    }
    const good = traced();
    // The whole stream but a string's length claiming 2^40 bytes: refused before any allocation.
    const huge = Buffer.from(good);
    const at = huge.indexOf(Buffer.from([0xa5, 0x73]));
    huge.writeBigUInt64LE(1n << 40n, at + 2);
    expect(replay('replay', huge).stderr).toMatch(/length longer than the values left/);
    const bool = Buffer.from(good);
    bool[bool.indexOf(Buffer.from([0xa5, 0x62])) + 2] = 2;
    expect(replay('replay', bool).stderr).toMatch(/neither true nor false/);
    expect(replay('int', intRecord(1), SECRET)).toMatchObject({ status: 3, stdout: '' });
  });
});

describe('C++ programs of the replay', () => {
  it('reads the entry point and its declared return type from every prompt of the dataset', () => {
    const problems = loadProblems(sharedData('humaneval-x'), 'cpp');
    const entries = new Map([...problems.values()].map((p) => [p.number, entryPoint(p.prompt)]));
    expect(entries.size).toBe(164);
    expect(entries.get(0)).toEqual({ name: 'has_close_elements', returnType: 'bool' });
    expect(entries.get(10)).toEqual({ name: 'make_palindrome', returnType: 'string' }); // after a helper
    expect(entries.get(87)).toEqual({ name: 'get_row', returnType: 'vector<vector<int>>' });
    expect(entries.get(111)).toEqual({ name: 'histogram', returnType: 'map<char,int>' });
    expect(entries.get(114)).toEqual({ name: 'minSubArraySum', returnType: 'long long' });
    expect(entries.get(137)).toEqual({ name: 'compare_one', returnType: 'boost::any' });
    for (const [number, entry] of entries) {
      expect(problems.get(`CPP/${number}`)!.test, `CPP/${number}`).toMatch(new RegExp(`\\b${entry.name}\\s*\\(`));
    }
  });

  it('blanks comments and literals, keeping lengths and newlines', () => {
    const text = 'int f(){ // a { brace\n  /* } */ return "}{"[0] + \'{\';\n';
    const blanked = blankCommentsAndLiterals(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked.split('\n')).toHaveLength(3);
    expect(blanked.replace(/[^{}]/g, '')).toBe('{');
    expect(() => entryPoint('int f();\n')).toThrow(/one function body/);
  });

  it("keeps sample code out of the driver, and traces in the sample's program only the test's calls", () => {
    const problem = {
      taskId: 'CPP/0',
      number: 0,
      prompt: '#include<vector>\nusing namespace std;\n/* doc */\nvector<int> f(int n){\n    // say what f does\n',
      test: '#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert(f(rand()).size() == 1);\n}\n',
      declaration: '',
      canonicalSolution: '',
    };
    const generation = '    return n > 0 ? f(n - 1) : vector<int>(1);\n}\n';
    const sample = assembleCpp(problem, generation);
    const driver = assembleCppDriver(problem);
    expect(sample.indexOf('#define f(...) litmus::trace(f(__VA_ARGS__))')).toBeGreaterThan(sample.indexOf(generation));
    expect(sample).toContain('#define rand() litmus::test_rand()');
    expect(driver).not.toContain('return n > 0');
    expect(driver).toContain('typedef vector<int> litmus_returned; return litmus_returned();');
    expect(driver).toContain('#define f(...) litmus::pass(f(__VA_ARGS__))');
    expect(driver).toMatch(/assert\(f\(rand\(\)\)\.size\(\) == 1\);\n {4}litmus::finish\(\);\n\}/);
    expect(driver.indexOf('#include<assert.h>')).toBeLessThan(driver.indexOf('#define f(...)'));
  });
  it("builds several problems' drivers in one program, each run by its number, and finds the problems whose names are global", () => {
    const problems = loadProblems(sharedData('humaneval-x'), 'cpp');
    const [p0, p2, p23, p34] = [0, 2, 23, 34].map((n) => problems.get(`CPP/${n}`)!);
    expect(declaredNames(p23!)).toEqual(['strlen']);
    expect(declaredNames(p0!)).toEqual(['has_close_elements']);

    // The probe: CPP/23 (strlen) and CPP/34 (unique) declare names the headers already have.
    const probe = globalNameProbe([p0!, p2!, p23!, p34!]);
    writeFileSync(join(dir, 'probe.cpp'), probe.source);
    const check = spawnSync(
      'g++',
      ['-std=c++11', '-w', '-fsyntax-only', '-fmax-errors=0', '-I', headers, join(dir, 'probe.cpp')],
      { encoding: 'utf8' },
    );
    const failed = new Set([...check.stderr.matchAll(/probe\.cpp:(\d+):\d+: error/g)].map((m) => Number(m[1])));
    const global = [...probe.problemOfLine].filter(([line]) => !failed.has(line)).map(([, n]) => n);
    expect(new Set(global)).toEqual(new Set([23, 34]));

    // One driver program for CPP/0 and CPP/2: each replays its own problem's values only.
    writeFileSync(join(dir, 'drivers.cpp'), assembleCppDrivers([p0!, p2!]));
    execFileSync('g++', [
      '-std=c++11',
      '-O0',
      '-w',
      '-I',
      headers,
      join(dir, 'drivers.cpp'),
      '-o',
      join(dir, 'drivers'),
    ]);
    const values = (problem: typeof p0) => {
      writeFileSync(join(dir, 'sample.cpp'), assembleCpp(problem!, problem!.canonicalSolution));
      execFileSync('g++', [
        '-std=c++11',
        '-O0',
        '-w',
        '-I',
        headers,
        join(dir, 'sample.cpp'),
        '-o',
        join(dir, 'sample'),
      ]);
      const run = spawnSync(join(dir, 'sample'), [], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
      return run.output[3] as Buffer;
    };
    const drive = (problem: string, replayed: Buffer) =>
      spawnSync(join(dir, 'drivers'), [problem], {
        input: Buffer.concat([Buffer.from(`${SECRET}\n`), replayed]),
        encoding: 'utf8',
      });
    const [v0, v2] = [values(p0), values(p2)];
    expect(drive('0', v0)).toMatchObject({ status: 0, stdout: expect.stringContaining(SECRET) });
    expect(drive('2', v2)).toMatchObject({ status: 0, stdout: expect.stringContaining(SECRET) });
    expect(drive('2', v0).stdout).not.toContain(SECRET); // another problem's values
    expect(drive('7', v0).status).toBe(70); // a problem the program does not hold
  }, 60_000);
});
