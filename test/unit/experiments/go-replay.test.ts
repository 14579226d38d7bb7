import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/experiments/humaneval/common.ts';
import {
  assembleGoDriver,
  assembleGoSample,
  goDriverMain,
  goTestName,
  parseGoEntry,
  rewriteGoTest,
} from '../../../src/experiments/humaneval/languages/go-program.ts';
import { loadProblems } from '../../../src/experiments/humaneval/problems.ts';
import type { Problem } from '../../../src/experiments/humaneval/types.ts';
import { sharedData } from '../../support/shared-data.ts';
import { makeProblem } from '../../support/humaneval-problem.ts';

const problem = (fields: Partial<Problem>): Problem => makeProblem({ taskId: 'Go/0', ...fields });

describe('Go lockstep replay: programs', () => {
  it('parses the entry point the prompt ends with: grouped, variadic and composite parameters', () => {
    const prompt =
      'func Helper(s string) bool {\n    return true\n}\n// doc\nfunc Add(x, y int, m map[string]int, f func(a, b int) int, rest ...int) [2]interface{} {\n';
    expect(parseGoEntry(prompt)).toEqual({
      name: 'Add',
      params: 'x, y int, m map[string]int, f func(a, b int) int, rest ...int',
      args: 'x, y, m, f, rest...',
      returns: '[2]interface{}',
    });
    expect(() => parseGoEntry('func F(x int) {\n')).toThrow(/no entry point with a result/);
  });

  it("sends the test's calls to the wrapper, not strings, comments or methods, and seeds its randomness", () => {
    const test = [
      'func TestAdd(t *testing.T) {',
      '    assert.Equal(5, Add(2, 3)) // Add(1, 1)',
      '    assert.Equal("Add(2, 3)", fmt.Sprint(Add(2, 3)), `Add`)',
      '    var sum big.Int; sum.Add(nil, nil)',
      '    rng := rand.New(rand.NewSource(time.Now().UnixNano()))',
      '    x := rand.Int31n(1000) + int32(rng.Intn(3))',
      '}',
    ].join('\n');
    const out = rewriteGoTest(test, 'Add', 'litmusEntry', '42');
    expect(out).toContain('assert.Equal(5, litmusEntry(2, 3)) // Add(1, 1)');
    expect(out).toContain('assert.Equal("Add(2, 3)", fmt.Sprint(litmusEntry(2, 3)), `Add`)');
    expect(out).toContain('sum.Add(nil, nil)');
    expect(out).toContain('rand.New(rand.NewSource(time.Unix(0, 42).UnixNano()))');
    expect(out).toContain('x := litmusEntryRand.Int31n(1000) + int32(rng.Intn(3))');
    expect(out).toContain('var litmusEntryRand = rand.New(rand.NewSource(42))');
  });

  it("keeps the results channel out of the sample's file and every sample line out of the driver", () => {
    const p = problem({
      prompt: 'import (\n    "crypto/md5"\n)\n\nfunc Hash(text string) interface{} {\n',
      importBlock: 'import (\n    "crypto/md5"\n)\n',
      testSetup:
        'package main\n\nimport (\n    "testing"\n    "crypto/md5"\n    "github.com/stretchr/testify/assert"\n)\n',
      test: 'func TestHash(t *testing.T) {\n    assert := assert.New(t)\n    assert.Equal(nil, Hash(""))\n    assert.Equal(1.5, math.Abs(-1.5))\n}\n',
    });
    const generation = '    return fmt.Sprintf("%x", md5.Sum([]byte(text)))\n}\n';
    const files = assembleGoSample(p, generation, '7', 'abc');
    expect(Object.keys(files).sort()).toEqual(['0litmus_trace_test.go', 'main_test.go']);
    expect(files['main_test.go']).toContain(generation);
    expect(files['main_test.go']).toContain('assert.Equal(nil, litmusEntryabc(""))');
    expect(files['main_test.go']).not.toContain('litmustrace');
    expect(files['0litmus_trace_test.go']).toContain(
      'func litmusEntryabc(text string) interface{} {\n    litmusResult := Hash(text)\n    litmustrace.Emit(&litmusResult)',
    );
    const driver = assembleGoDriver(p, '7', 'd0');
    expect(driver).not.toContain('Sprintf');
    expect(driver).toMatch(/^package d0\n/);
    expect(driver).toContain('    _ "crypto/md5"'); // the setup's import the driver does not use
    expect(driver).toContain('"math"'); // the test's own package, imported by the benchmark only via the generation
    expect(driver).toContain('litmusdriver.Next(&litmusResult)');
    expect(goTestName(p)).toBe('TestHash');
    expect(goDriverMain([{ importPath: 'humanEval/d0', test: 'TestHash' }])).toContain(
      'func TestDriver0(t *testing.T) { d0.TestHash(t) }',
    );
  });

  it('assembles both programs for every problem of the dataset, the drivers without the canonical solutions', () => {
    const problems = [...loadProblems(sharedData('humaneval-x'), 'go').values()];
    expect(problems).toHaveLength(164);
    for (const p of problems) {
      const files = assembleGoSample(p, p.canonicalSolution, '1', 'x');
      expect(files['main_test.go'], p.taskId).toContain('litmusEntryx(');
      const driver = assembleGoDriver(p, '1', `d${p.number}`);
      expect(driver, p.taskId).toContain('litmusEntry(');
      expect(driver, p.taskId).not.toContain(p.canonicalSolution.trim());
      const calls = new RegExp(`\\b${parseGoEntry(p.prompt).name}\\(`, 'g');
      expect(driver.match(calls)?.length, p.taskId).toBe(p.prompt.match(calls)?.length); // none left in the test
    }
  });
});

describe('Go lockstep replay: the wire format (go test of go-replay)', () => {
  it('round-trips every return type exactly and rejects forged streams', () => {
    const go = findExecutable('go', ['/usr/local/go/bin', '/usr/lib/go/bin']);
    if (!go) return; // the Go harness reports the missing toolchain itself
    // A build cache kept between runs (the go command shares it safely): cold, this test takes seconds more.
    const cache = join(tmpdir(), 'litmus-go-replay-test-cache');
    const run = spawnSync(go, ['test', '-count=1', './...'], {
      cwd: fileURLToPath(new URL('../../../src/experiments/humaneval/languages/go-replay', import.meta.url)),
      env: { ...process.env, GOCACHE: cache, GOFLAGS: '-mod=mod', GOPROXY: 'off', CGO_ENABLED: '0' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^ok\s+litmus\.local\/replay\s/m);
  }, 150_000);
});
