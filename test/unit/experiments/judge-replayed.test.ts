import { describe, expect, it } from 'vitest';
import { judgeReplayed } from '../../../src/experiments/humaneval/common.ts';
import type { SandboxRun } from '../../../src/experiments/humaneval/sandbox.ts';

const run = (over: Partial<SandboxRun>): SandboxRun => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  stdout: '',
  stderr: '',
  durationMs: 1,
  ...over,
});
const secret = '0123456789abcdef0123456789abcdef';

describe('judgeReplayed', () => {
  it('passes only when the driver, fed the secret then the values, prints the secret and exits 0', async () => {
    let seen = '';
    const verdict = await judgeReplayed(
      run({ results: Buffer.from('v1 v2') }),
      async (stdin) => {
        seen = stdin.toString();
        return run({ stdout: `${secret}\n` });
      },
      secret,
    );
    expect(verdict.outcome).toBe('passed');
    expect(seen).toBe(`${secret}\nv1 v2`);
  });

  it('fails when the sample printed the secret itself but the driver did not', async () => {
    const verdict = await judgeReplayed(
      run({ results: Buffer.alloc(0), stdout: secret }),
      async () => run({ exitCode: 1, stderr: 'AssertionError: values ran out' }),
      secret,
    );
    expect(verdict).toEqual({ outcome: 'failed', detail: 'exit code 1: AssertionError: values ran out' });
  });

  it('never runs the driver for a timed-out or overflowing sample', async () => {
    let calls = 0;
    const driver = async () => {
      calls++;
      return run({ stdout: secret });
    };
    expect((await judgeReplayed(run({ timedOut: true, results: Buffer.alloc(0) }), driver, secret)).outcome).toBe(
      'timeout',
    );
    expect((await judgeReplayed(run({ resultsOverflow: true }), driver, secret)).outcome).toBe('failed');
    expect(calls).toBe(0);
  });

  it("reports the sample's own crash rather than the driver's short read", async () => {
    const verdict = await judgeReplayed(
      run({ exitCode: null, signal: 'SIGSEGV', results: Buffer.alloc(0) }),
      async () => run({ exitCode: 1, stderr: 'no more values' }),
      secret,
    );
    expect(verdict).toEqual({ outcome: 'failed', detail: 'killed by SIGSEGV' });
  });
});
