import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { decodeText, encodingWarning } from '../../../src/ingest/decode-text.ts';
import { detectKind } from '../../../src/ingest/ingest-document.ts';

const sentence = 'Les résultats montrent une précision de 41,2 % - «très» élevée, naïve façon.\n';

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  return new Uint8Array([...mark, ...body]);
}

describe('decodeText', () => {
  it('reads UTF-8 as is', () => {
    const decoded = decodeText(new TextEncoder().encode(sentence), { name: 'a.md' });
    expect(decoded).toMatchObject({ text: sentence, encoding: 'utf-8', source: 'utf-8' });
    expect(encodingWarning(decoded, 'a.md')).toBeNull();
  });

  it('reads Latin-1 Markdown correctly and warns that the encoding was guessed', () => {
    const text = `# Résumé\n\n${sentence.repeat(5)}`;
    const decoded = decodeText(new Uint8Array(Buffer.from(text, 'latin1')), { name: 'latin.md' });
    expect(decoded.text).toBe(text);
    expect(decoded.source).toBe('guessed');
    expect(encodingWarning(decoded, 'latin.md')).toMatch(/latin\.md: not UTF-8.*read as (windows-1252|iso-8859)/);
  });

  it('reads UTF-16 with a BOM in both byte orders, and without a BOM by its NUL pattern', () => {
    const text = `# Title\n\n${sentence}`;
    for (const endian of ['le', 'be'] as const) {
      expect(decodeText(utf16(text, endian, true), { name: 'u.md' })).toMatchObject({ text, source: 'bom' });
      const guessed = decodeText(utf16(text, endian, false), { name: 'u.md' });
      expect(guessed).toMatchObject({ text, encoding: `utf-16${endian}`, source: 'guessed' });
      expect(guessed.text).not.toContain('\u0000');
    }
  });

  it('honours a charset the HTML declares', () => {
    const head = '<html><head><meta charset="windows-1251"></head><body><p>';
    const hello = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]; // «Привет» in windows-1251
    const bytes = new Uint8Array([...Buffer.from(head), ...hello, ...Buffer.from('</p></body></html>')]);
    const decoded = decodeText(bytes, { name: 'ru.html', html: true });
    expect(decoded).toMatchObject({ encoding: 'windows-1251', source: 'declared' });
    expect(decoded.text).toContain('<p>Привет</p>');
  });

  it('refuses random bytes as binary with a clear error', () => {
    const bytes = new Uint8Array(randomBytes(20_000));
    let error: unknown;
    try {
      decodeText(bytes, { name: 'noise.html', html: true });
    } catch (caught) {
      error = caught;
    }
    expect(LitmusError.isInstance(error)).toBe(true);
    expect((error as LitmusError).code).toBe('E_BINARY');
    expect((error as LitmusError).toLine()).toMatch(/^noise\.html looks like binary data, not text — /);
  });
});

describe('detectKind', () => {
  it('sniffs %PDF- at offset 0 only', () => {
    const markdown = new TextEncoder().encode(
      '# Notes\n\nA PDF file starts with the bytes %PDF-1.7 and ends with %%EOF.\n',
    );
    expect(detectKind('notes.md', markdown)).toBe('markdown');
    expect(detectKind('notes', markdown)).toBeNull();
    expect(detectKind('paper.bin', new TextEncoder().encode('%PDF-1.5\n'))).toBe('pdf');
  });
});
