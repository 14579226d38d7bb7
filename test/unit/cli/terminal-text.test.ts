import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../../src/cli/output.ts';
import {
  sanitizeForTerminal,
  TERMINAL_HIGHLIGHT_END,
  TERMINAL_HIGHLIGHT_START,
} from '../../../src/cli/terminal-text.ts';

const ESC = '\u001b';
const hostile = [
  `Title ${ESC}[2J${ESC}[31mred${ESC}[0m`, // clear screen, colours
  `${ESC}]0;pwned title\u0007`, // OSC: window title
  `${ESC}]8;;https://evil.example/\u0007click${ESC}]8;;\u0007`, // OSC 8 hyperlink
  `${ESC}P+q544e${ESC}\\`, // DCS
  '\u009b6n', // C1 CSI: report cursor position
  'abc\u202Eevil.exe\u202Ctxt', // RTL override
  'isolate \u2066x\u2069 and bell\u0007 and NUL\u0000 and backspace\u0008',
].join(' | ');

describe('sanitizeForTerminal', () => {
  it('removes escape sequences, control characters and bidi overrides, keeping the words', () => {
    const shown = sanitizeForTerminal(hostile);
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(shown).toContain('Title red');
    expect(shown).toContain('click');
    expect(shown).toContain('abcevil.exetxt');
    expect(shown).not.toContain('pwned title');
  });

  it('keeps newlines and tabs, and turns CR into a newline so a line cannot be overwritten', () => {
    expect(sanitizeForTerminal('a\tb\nc\rd')).toBe('a\tb\nc\nd');
  });

  it('turns highlight sentinels into colour on a TTY only, and text cannot forge or leave one open', () => {
    const hit = `before ${TERMINAL_HIGHLIGHT_START}match${TERMINAL_HIGHLIGHT_END} after ${TERMINAL_HIGHLIGHT_START}open`;
    expect(sanitizeForTerminal(hit)).toBe('before match after open');
    expect(sanitizeForTerminal(hit, { highlight: true })).toBe(
      `before ${ESC}[1;33mmatch${ESC}[0m after ${ESC}[1;33mopen${ESC}[0m`,
    );
    expect(sanitizeForTerminal(`${ESC}${TERMINAL_HIGHLIGHT_START}[31mx`, { highlight: true })).toBe(
      `${ESC}[1;33m[31mx${ESC}[0m`,
    );
  });
});

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

describe('command output', () => {
  const paper = { id: 'local:x', title: `Evil${ESC}[2J\u202Etxt.exe` };

  it('sanitises human-readable results and log lines', () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const output = createOutput({ json: false, quiet: false, verbose: false, stdout, stderr });
    output.result(paper, (p) => `${p.id}  ${p.title}`);
    output.warn(`could not read ${paper.title}`);
    expect(stdout.text).toBe('local:x  Eviltxt.exe\n');
    expect(stderr.text).toBe('warning: could not read Eviltxt.exe\n');
  });

  it('leaves --json exact: the stored text, escaped by JSON itself', () => {
    const stdout = new Capture();
    const output = createOutput({ json: true, quiet: false, verbose: false, stdout, stderr: new Capture() });
    output.result(paper, () => '');
    expect(stdout.text).toContain('\\u001b[2J\u202Etxt.exe');
    expect(JSON.parse(stdout.text)).toEqual(paper);
  });
});
