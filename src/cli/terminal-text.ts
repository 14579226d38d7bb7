/**
 * Paper text shown on a terminal: what a paper (or its metadata) contains must never drive the
 * terminal. ANSI/VT escape sequences (CSI, OSC such as hyperlinks or title changes, DCS…), other C0/C1
 * control characters and bidirectional overrides (which reorder what is shown, "Trojan Source") are
 * taken out; newlines and tabs stay. The stored text is never changed: this is for display only.
 */

/** Sentinels a command may put around text to highlight (search hits); shown as bold yellow on a TTY. */
export const TERMINAL_HIGHLIGHT_START = '\u0002';
export const TERMINAL_HIGHLIGHT_END = '\u0003';

const HIGHLIGHT_ON = '\u001b[1;33m';
const HIGHLIGHT_OFF = '\u001b[0m';

// ESC [ … final byte (CSI); ESC ] / P / X / ^ / _ … BEL or ESC \ (OSC, DCS, SOS, PM, APC); ESC + one char.
// The C1 forms (U+009B CSI, U+009D OSC…) are covered by the same patterns.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u007e]?/g;

// C0 controls except tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates;
// the line and paragraph separators some terminals treat as newlines.
const UNSAFE_CHARACTER =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export interface TerminalTextOptions {
  /** Turn the highlight sentinels into colour (a TTY); otherwise they are dropped like any control. */
  highlight?: boolean;
}

export function sanitizeForTerminal(text: string, options: TerminalTextOptions = {}): string {
  if (!options.highlight) return sanitizeSegment(text.replace(/[\u0002\u0003]/g, ''));
  // Split on the sentinels first, so nothing in the text itself can open or close a highlight.
  let shown = '';
  let open = false;
  for (const part of text.split(/([\u0002\u0003])/)) {
    if (part === TERMINAL_HIGHLIGHT_START || part === TERMINAL_HIGHLIGHT_END) {
      const on = part === TERMINAL_HIGHLIGHT_START;
      if (on !== open) shown += on ? HIGHLIGHT_ON : HIGHLIGHT_OFF;
      open = on;
    } else shown += sanitizeSegment(part);
  }
  return open ? `${shown}${HIGHLIGHT_OFF}` : shown;
}

function sanitizeSegment(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTER, replacement);
}

/** Visible, harmless stand-in for a removed character: controls become U+FFFD, bidi marks vanish. */
function replacement(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x200e ? '' : '\uFFFD';
}
