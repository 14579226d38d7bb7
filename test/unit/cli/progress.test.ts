import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput, formatEta } from '../../../src/cli/output.ts';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

describe('progress', () => {
  it('prints one line per item with its count and an ETA when not on a terminal', () => {
    const stderr = new Capture();
    const output = createOutput({ json: false, quiet: false, verbose: false, stdout: new Capture(), stderr });
    const progress = output.progress(3, 'retrieve');
    progress.tick('arxiv:1 (stored)');
    progress.tick('arxiv:2 (fetched)');
    progress.done();
    const lines = stderr.text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^retrieve 1\/3 ETA \d+s arxiv:1 \(stored\)$/);
    expect(lines[1]).toMatch(/^retrieve 2\/3 ETA \d+s arxiv:2 \(fetched\)$/);
  });

  it('counts without an ETA when the total is unknown, and is silent with --quiet', () => {
    const stderr = new Capture();
    const output = createOutput({ json: false, quiet: false, verbose: false, stdout: new Capture(), stderr });
    output.progress(null, 'verify claims').tick('claim 7');
    expect(stderr.text).toBe('verify claims 1 claim 7\n');
    const quiet = new Capture();
    createOutput({ json: false, quiet: true, verbose: false, stdout: new Capture(), stderr: quiet })
      .progress(5, 'x')
      .tick('y');
    expect(quiet.text).toBe('');
  });

  it('formats ETAs in seconds, minutes and hours', () => {
    expect(formatEta(4_400)).toBe('4s');
    expect(formatEta(185_000)).toBe('3m05s');
    expect(formatEta(3_720_000)).toBe('1h02m');
  });
});
