/**
 * Markdown papers: headings become section paths, inline markup is stripped so the full text reads
 * as prose, pipe tables and code fences stay as text.
 */
import { parse as parseYaml } from 'yaml';
import type { Author, ParsedDocument } from '../core/types.ts';
import {
  abstractFromSections,
  assertNotEmpty,
  cleanLines,
  cleanParagraph,
  DocumentTextBuilder,
  type ParseOptions,
  referencesFromSections,
} from './parse-text.ts';

type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'code'; text: string }
  | { type: 'table'; rows: string[]; caption: string };

/** Emphasis, links, images, code spans and HTML tags out; the words stay. */
export function stripInline(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1');
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,3}[.)])\s+/;
const CAPTION = /^(Table\s*\d*[:.]|:\s)/i;

function tableCells(line: string): string {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cleanParagraph(stripInline(cell)));
  return cells.join(' | ');
}

function frontMatter(lines: string[]): { data: Record<string, unknown>; end: number } {
  if (lines[0]?.trim() !== '---') return { data: {}, end: 0 };
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) return { data: {}, end: 0 };
  try {
    const data: unknown = parseYaml(lines.slice(1, close).join('\n'));
    return { data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}, end: close + 1 };
  } catch {
    return { data: {}, end: 0 };
  }
}

function authorsFrom(value: unknown): Author[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((entry): Author[] => {
    if (typeof entry === 'string') return entry.trim() ? [{ name: entry.trim() }] : [];
    if (typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string') {
      return [{ name: (entry as { name: string }).name }];
    }
    return [];
  });
}

function readBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      for (index++; index < lines.length && !(lines[index] ?? '').trim().startsWith(marker); index++) {
        code.push(lines[index] ?? '');
      }
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      blocks.push({ type: 'heading', level: (atx[1] ?? '#').length, text: atx[2] ?? '' });
      continue;
    }
    if (paragraph.length > 0 && SETEXT.test(line) && !LIST_ITEM.test(paragraph[0] ?? '')) {
      blocks.push({ type: 'heading', level: line.trim().startsWith('=') ? 1 : 2, text: paragraph.join(' ') });
      paragraph = [];
      continue;
    }
    if (line.includes('|') && TABLE_DELIMITER.test(lines[index + 1] ?? '') && (lines[index + 1] ?? '').includes('-')) {
      flush();
      const rows = [tableCells(line)];
      for (index += 2; index < lines.length && (lines[index] ?? '').includes('|'); index++) {
        rows.push(tableCells(lines[index] ?? ''));
      }
      index--;
      blocks.push({ type: 'table', rows, caption: '' });
      continue;
    }
    if (line.trim() === '' || /^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\[[^\]^]+\]:\s+\S+/.test(line)) continue; // link reference definition
    if (LIST_ITEM.test(line)) flush();
    paragraph.push(line.replace(/^\s{0,3}>\s?/, '').replace(/^\s{0,3}[-*+]\s+/, ''));
  }
  flush();
  return attachCaptions(blocks);
}

/** "Table 1: …" (or pandoc's ": …") right before or after a table is its caption. */
function attachCaptions(blocks: Block[]): Block[] {
  const result: Block[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (!block) continue;
    if (block.type === 'table' && block.caption === '') {
      const before = result.at(-1);
      const after = blocks[index + 1];
      if (before?.type === 'paragraph' && CAPTION.test(before.text.trim())) {
        result.pop();
        block.caption = before.text;
      } else if (after?.type === 'paragraph' && CAPTION.test(after.text.trim())) {
        block.caption = after.text.replace(/^:\s/, '');
        index++;
      }
    }
    result.push(block);
  }
  return result;
}

export function parseMarkdown(text: string, options: ParseOptions): ParsedDocument {
  assertNotEmpty(text, options.name);
  const allLines = text.replace(/\r\n?/g, '\n').split('\n');
  const { data, end } = frontMatter(allLines);
  const blocks = readBlocks(allLines.slice(end));
  const builder = new DocumentTextBuilder();
  const levels: number[] = [];
  let title = typeof data['title'] === 'string' ? cleanParagraph(data['title']) : null;
  let titleHeadingUsed = false;
  for (const block of blocks) {
    if (block.type === 'paragraph') builder.addBlock(cleanParagraph(stripInline(block.text)));
    else if (block.type === 'code') builder.addBlock(block.text.replace(/^\n+|\s+$/g, ''));
    else if (block.type === 'table') {
      const caption = cleanParagraph(stripInline(block.caption));
      builder.addTable(caption, cleanLines([caption, ...block.rows]));
    } else {
      const heading = cleanParagraph(stripInline(block.text));
      if (heading === '') continue;
      if (block.level === 1 && !titleHeadingUsed && (title === null || title === heading)) {
        titleHeadingUsed = true;
        title = heading;
        builder.addBlock(heading);
        continue;
      }
      while (levels.length > 0 && (levels.at(-1) ?? 0) >= block.level) {
        levels.pop();
        builder.closeSection();
      }
      builder.openSection(heading);
      levels.push(block.level);
      builder.addBlock(heading);
    }
  }
  const { fullText, sections, tables } = builder.finish();
  if (fullText === '') assertNotEmpty('', options.name);
  return {
    kind: 'markdown',
    title,
    abstract:
      typeof data['abstract'] === 'string'
        ? cleanParagraph(data['abstract'])
        : abstractFromSections(fullText, sections),
    authors: authorsFrom(data['authors'] ?? data['author']),
    fullText,
    pages: [],
    sections,
    tables,
    references: referencesFromSections(fullText, sections),
    warnings: [],
  };
}
