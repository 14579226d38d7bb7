import chardet from 'chardet';
import { LitmusError } from '../core/errors.ts';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding: string;
  /** How it was chosen; a guess is worth a warning, since a wrong one garbles every quote. */
  source: 'bom' | 'utf-8' | 'declared' | 'guessed';
}

export interface DecodeOptions {
  /** Used in messages. */
  name: string;
  /** Look for a charset the document declares itself (`<meta charset>`, `<?xml encoding>`). */
  html?: boolean;
}

/** Share of bytes that are control codes (not tab, newline, form feed, carriage return, escape) above which a file is binary. */
const BINARY_CONTROL_SHARE = 0.01;
const SAMPLE_BYTES = 64 * 1024;

/**
 * Bytes of a text document → text, in this order: a byte-order mark; valid UTF-8; a charset the
 * document declares; UTF-16 without a BOM (NULs in every other byte); else the encoding chardet finds
 * most likely (a guess, said so). Bytes that are no text in any encoding (random data, an image named
 * .md) are refused rather than stored as a paper full of U+FFFD.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions): DecodedText {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding, source: 'bom' };
  const utf16 = utf16ByNulPattern(bytes);
  if (utf16) return { text: decodeWith(utf16, bytes), encoding: utf16, source: 'guessed' };
  if (controlShare(bytes) > BINARY_CONTROL_SHARE) throw binaryError(options.name);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', source: 'utf-8' };
  } catch {
    // not UTF-8: the document's own declaration, else a guess
  }
  const declared = options.html ? declaredCharset(bytes) : null;
  if (declared) return { text: decodeWith(declared, bytes), encoding: declared, source: 'declared' };
  const guessed = guessEncoding(bytes);
  const text = decodeWith(guessed, bytes);
  return { text, encoding: guessed, source: 'guessed' };
}

/** The warning to store with a document whose encoding was guessed, or null. */
export function encodingWarning(decoded: DecodedText, name: string): string | null {
  return decoded.source === 'guessed'
    ? `${name}: not UTF-8 and no declared charset; read as ${decoded.encoding} (a guess: check quotes for garbled characters)`
    : null;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Mostly-ASCII text in UTF-16 has a NUL in nearly every other byte, and almost none in the rest. */
function utf16ByNulPattern(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul += 1;
    if (sample[i + 1] === 0) oddNul += 1;
  }
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

function controlShare(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.length === 0) return 0;
  let controls = 0;
  for (const byte of sample) {
    if (
      (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) ||
      byte === 0x7f
    )
      controls += 1;
  }
  return controls / sample.length;
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i);
  return match ? supportedLabel(match[1]!) : null;
}

function guessEncoding(bytes: Uint8Array): string {
  for (const match of chardet.analyse(bytes.subarray(0, SAMPLE_BYTES))) {
    const label = supportedLabel(match.name);
    // Treated as UTF-8 already (not valid); UTF-32 is not worth a guess.
    if (label && label !== 'utf-8') return label;
  }
  return 'windows-1252';
}

function supportedLabel(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes);
}

function binaryError(name: string): LitmusError {
  return new LitmusError('E_BINARY', `${name} looks like binary data, not text`, {
    hint: 'check the file; litmus reads text in UTF-8, UTF-16 or a charset the file declares, and PDFs by their %PDF- header',
    exitCode: 2,
  });
}
