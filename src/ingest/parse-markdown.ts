/**
 * Markdown papers: headings become section paths, inline markup is stripped so the full text reads
 * as prose, pipe tables and code fences stay as text.
 */
import type { Paragraph, RootContent, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { parse as parseYaml } from 'yaml';
import type { Author, ParsedDocument } from '../core/types.ts';
import { assertParsableMarkdown } from './markdown-limits.ts';
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

/**
 * Markdown read by a CommonMark parser (mdast, with source positions), never by regular expressions:
 * a link such as `[W](https://en.wikipedia.org/wiki/Foo_(bar))` must leave "W" in the stored text,
 * not "W)". Pipe tables (GFM, which the parser leaves as paragraphs) are found in the paragraph's
 * own source lines, located by its position.
 */

/** The words of inline Markdown: emphasis, links, images, code spans and HTML tags out. */
export function stripInline(text: string): string {
  return inlineText(protectMath(text));
}

/**
 * TeX spacing in `$…$` / `$$…$$` (`\,` `\;` `\:`) keeps its backslash: CommonMark would read `\,` as
 * an escaped comma. Other escapes in math (`\_`, `\*`) are Markdown escapes converters write, and stay
 * escapes.
 */
function protectMath(source: string): string {
  return source.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$/g, (math) => math.replace(/\\(?=[,;:])/g, '\\\\'));
}

function inlineText(text: string): string {
  return fromMarkdown(text)
    .children.map((node) => ('children' in node ? phrasingText(node.children, text) : leafText(node)))
    .join('\n');
}

/**
 * Text of phrasing content, depth-first with an explicit stack (no recursion for hostile nesting).
 * Emphasis inside a word on both sides ("448*448 pixels … 28*28") is what the author typed, not
 * markup: its delimiters are kept, read from the source by position.
 */
function phrasingText(nodes: readonly RootContent[], source: string): string {
  let text = '';
  const stack: (RootContent | string)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      text += node;
      continue;
    }
    if (node.type === 'image' || node.type === 'imageReference' || node.type === 'definition') continue;
    if ('children' in node) {
      const [open, close] = intrawordDelimiters(node, source);
      stack.push(close);
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
      stack.push(open);
    } else text += leafText(node);
  }
  // GFM's footnote calls and strikethrough, which CommonMark leaves as text.
  return text.replace(/\[\^[^\]\s]+\]/g, '').replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
}

function intrawordDelimiters(node: RootContent, source: string): [string, string] {
  if ((node.type !== 'emphasis' && node.type !== 'strong') || node.children.length === 0) return ['', ''];
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const first = node.children[0]?.position?.start.offset;
  const last = node.children.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined || first === undefined || last === undefined) return ['', ''];
  const word = /[\p{L}\p{N}]/u;
  if (!word.test(source[start - 1] ?? '') || !word.test(source[end] ?? '')) return ['', ''];
  return [source.slice(start, first), source.slice(last, end)];
}

function leafText(node: RootContent): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
      return node.value.startsWith('<!--') ? '' : node.value.replace(/<\/?[a-zA-Z][^>]*>/g, '');
    default:
      return '';
  }
}

const TABLE_DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const CAPTION = /^(Table\s*\d*[:.]|:\s)/i;

/**
 * A line that sits inside a paragraph or a table cell, escaped so that, parsed on its own, it does not
 * open a block: "#" stays "#" (not an empty heading), "1. x" stays numbered, "   6" is no code block.
 */
function asInline(line: string): string {
  return line
    .trim()
    .replace(/^([#>+=]|[-*](?=\s|$)|`{3,}|~{3,})/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

function tableCells(line: string): string {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cleanParagraph(inlineText(asInline(cell.replaceAll('\\|', '|')))));
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

function readBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const stack: RootContent[] = [...fromMarkdown(source).children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'heading':
        blocks.push({ type: 'heading', level: node.depth, text: phrasingText(node.children, source) });
        break;
      case 'paragraph':
        blocks.push(...paragraphBlocks(node, source));
        break;
      case 'code':
        blocks.push({ type: 'code', text: node.value });
        break;
      case 'html': {
        const text = leafText(node);
        if (text.trim() !== '') blocks.push({ type: 'paragraph', text });
        break;
      }
      case 'list':
        // Items in order; an ordered item keeps its number, as the source shows it.
        for (let index = node.children.length - 1; index >= 0; index--) {
          const item = node.children[index]!;
          const [first, ...rest] = item.children;
          if (node.ordered && first?.type === 'paragraph') {
            const number: Text = { type: 'text', value: `${(node.start ?? 1) + index}. ` };
            stack.push(...[...rest].reverse(), { ...first, children: [number, ...first.children] });
          } else stack.push(...[...item.children].reverse());
        }
        break;
      case 'blockquote':
        stack.push(...[...node.children].reverse());
        break;
      default:
        break; // thematic breaks, link definitions
    }
  }
  return attachCaptions(blocks);
}

/**
 * A paragraph, or the pipe tables inside it: CommonMark reads a GFM table (and the lines around it
 * without a blank line between) as one paragraph, so its source lines are read by position.
 */
function paragraphBlocks(node: Paragraph, source: string): Block[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const lines = start === undefined || end === undefined ? [] : source.slice(start, end).split('\n');
  const hasTable = lines.some((line, index) => isTableStart(line, lines[index + 1]));
  if (!hasTable) return [{ type: 'paragraph', text: phrasingText(node.children, source) }];
  const blocks: Block[] = [];
  let prose: string[] = [];
  const flush = (): void => {
    if (prose.length > 0) blocks.push({ type: 'paragraph', text: inlineText(prose.map(asInline).join('\n')) });
    prose = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!isTableStart(line, lines[index + 1])) {
      prose.push(line);
      continue;
    }
    flush();
    const rows = [tableCells(line)];
    for (index += 2; index < lines.length && lines[index]!.includes('|'); index++) rows.push(tableCells(lines[index]!));
    index--;
    blocks.push({ type: 'table', rows, caption: '' });
  }
  flush();
  return blocks;
}

function isTableStart(line: string, next: string | undefined): boolean {
  if (next === undefined) return false;
  return line.includes('|') && next.includes('-') && TABLE_DELIMITER.test(next);
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
  assertParsableMarkdown(text, options.name);
  const allLines = text.replace(/\r\n?/g, '\n').split('\n');
  const { data, end } = frontMatter(allLines);
  const blocks = readBlocks(protectMath(allLines.slice(end).join('\n')));
  const builder = new DocumentTextBuilder();
  const levels: number[] = [];
  let title = typeof data['title'] === 'string' ? cleanParagraph(data['title']) : null;
  let titleHeadingUsed = false;
  for (const block of blocks) {
    if (block.type === 'paragraph') builder.addBlock(cleanParagraph(block.text));
    else if (block.type === 'code') builder.addBlock(block.text.replace(/^\n+|\s+$/g, ''));
    else if (block.type === 'table') {
      const caption = cleanParagraph(block.caption);
      builder.addTable(caption, cleanLines([caption, ...block.rows]));
    } else {
      const heading = cleanParagraph(block.text);
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
