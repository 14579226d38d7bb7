import { describe, expect, it } from 'vitest';
import { runSandboxed } from '../../src/experiments/humaneval/sandbox.ts';

/**
 * The results channel (fd 3): what a sample's program reports there comes back whole and apart from
 * its stdout; past the cap it is dropped and the run marked, never truncated into a valid-looking prefix.
 */
const spec = (script: string) => ({
  argv: ['/bin/sh', '-c', script],
  binds: [],
  work: { dest: '/work', tmpfsBytes: 1024 * 1024 },
  env: { PATH: '/usr/bin:/bin' },
  limits: { timeoutMs: 10_000, maxProcesses: 16, maxFileBytes: 1024 * 1024 },
  uid: 61990,
});

describe('sandbox results channel', () => {
  it('collects fd 3 whole, separate from stdout, and hands binary stdin to the program', async () => {
    const run = await runSandboxed({
      spec: spec('cat >&3; echo printed'),
      stdin: Buffer.from([0, 1, 2, 255]),
      resultsChannel: { maxBytes: 1024 },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('printed\n');
    expect([...(run.results ?? [])]).toEqual([0, 1, 2, 255]);
    expect(run.resultsOverflow).toBeUndefined();
  });

  it('marks a channel written past its cap as overflowed and keeps none of it', async () => {
    const run = await runSandboxed({
      spec: spec('head -c 5000 /dev/zero >&3 2>/dev/null; exit 0'),
      resultsChannel: { maxBytes: 1000 },
    });
    expect(run.resultsOverflow).toBe(true);
    expect(run.results).toBeUndefined();
  });

  it('opens no fd 3 unless asked', async () => {
    const run = await runSandboxed({ spec: spec('echo x >&3 && echo wrote || echo none') });
    expect(run.stdout.trim()).toBe('none');
    expect(run.results).toBeUndefined();
  });
});
