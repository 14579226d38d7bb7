import { describe, expect, it } from 'vitest';
import { buildGoBatch, type GoTestRun, goBuildErrors } from '../../../src/experiments/humaneval/languages/go.ts';

/** What go 1.19 printed for one `go test -exec keep ./s0 ./s1 ./s2 ./s3` (stderr, then stdout). */
const OUTPUT = [
  'go: finding module for package github.com/foo/bar',
  '# humanEval/s2',
  's2/main_test.go:6:5: cannot find module providing package github.com/foo/bar: module lookup disabled by GOPROXY=off',
  '# humanEval/s3 [humanEval/s3.test]',
  's3/main_test.go:39:30: undefined: fmt',
  's3/main_test.go:40:2: undefined: x',
  '',
  'FAIL\thumanEval/s2 [setup failed]',
  'ok  \thumanEval/s0\t0.004s',
  'ok  \thumanEval/s1\t0.007s',
  'FAIL\thumanEval/s3 [build failed]',
  'FAIL',
].join('\n');

describe('go batch builds', () => {
  it('attributes build and setup failures to their package, with the first message', () => {
    const errors = goBuildErrors(OUTPUT);
    expect([...errors.keys()].sort()).toEqual(['s2', 's3']);
    expect(errors.get('s3')).toBe('./main_test.go:39:30: undefined: fmt');
    expect(errors.get('s2')).toMatch(/^\.\/main_test\.go:6:5: cannot find module providing package/);
    expect(
      goBuildErrors('# humanEval/s10\ns10/main_test.go:20:9: fmt.Sprintf format %d has arg "x"\n').get('s10'),
    ).toBe('./main_test.go:20:9: fmt.Sprintf format %d has arg "x"');
  });

  it('keeps binaries, takes attributed errors, and splits a batch the go command gave up on', async () => {
    type U = { pkg: string; error?: string };
    const units: U[] = ['s0', 's1', 's2', 's3', 's4'].map((pkg) => ({ pkg }));
    const built = new Set<string>();
    const calls: string[][] = [];
    // s3 breaks the go command for every batch it is part of (nothing built, nothing attributed);
    // s1 is an ordinary compile error.
    const goTest = async (pkgs: string[]): Promise<GoTestRun> => {
      calls.push(pkgs);
      if (pkgs.includes('s3')) {
        return { output: pkgs.length === 1 ? 'go: internal error: s3 is odd' : 'go: giving up', timedOut: false };
      }
      for (const pkg of pkgs) if (pkg !== 's1') built.add(pkg);
      const failed = pkgs.includes('s1')
        ? '# humanEval/s1 [humanEval/s1.test]\ns1/main_test.go:3:1: undefined: y\n'
        : '';
      return { output: failed, timedOut: false };
    };
    await buildGoBatch(units, goTest, (u) => built.has(u.pkg));
    expect([...built].sort()).toEqual(['s0', 's2', 's4']);
    expect(units.find((u) => u.pkg === 's1')!.error).toBe('./main_test.go:3:1: undefined: y');
    expect(units.find((u) => u.pkg === 's3')!.error).toBe('go: internal error: s3 is odd');
    expect(units.filter((u) => u.error === undefined).map((u) => u.pkg)).toEqual(['s0', 's2', 's4']);
    expect(calls[0]).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(units.length)) + 1);
  });

  it('reports a single package whose build timed out as a compile timeout', async () => {
    const unit: { pkg: string; error?: string } = { pkg: 's0' };
    await buildGoBatch(
      [unit],
      async () => ({ output: '', timedOut: true }),
      () => false,
    );
    expect(unit.error).toBe('compilation timed out');
  });
});
