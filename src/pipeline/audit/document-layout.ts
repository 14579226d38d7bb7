/**
 * The line structure of a report: headings (which section each line is in), pipe/tab tables, bullet
 * items and prose paragraphs, each with 1-based line numbers. Markdown, plain text and the text of
 * ingested HTML/PDF (whose tables come out as "a | b | c" lines) all read the same way.
 */

export interface TableRow {
  cells: string[];
  line: number;
}

export interface TextTable {
  header: string[];
  rows: TableRow[];
  section: string;
}

export interface TextBlock {
  text: string;
  line: number;
  section: string;
}

export interface DocumentLayout {
  lines: string[];
  headings: { text: string; line: number; level: number }[];
  tables: TextTable[];
  bullets: TextBlock[];
  paragraphs: TextBlock[];
}

const ATX = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BOLD_HEADING = /^\s*(?:\*\*|__)([^*_]{2,80})(?:\*\*|__)\s*:?\s*$/;
const NUMBERED_HEADING = /^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\p{Lu}[^.!?]{1,70})$/u;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
export const BULLET = /^(\s*)(?:[-*•+‣◦▪]|\d{1,3}[.)])\s+(.*)$/u;

export function headingOf(line: string): { text: string; level: number } | null {
  const atx = ATX.exec(line);
  if (atx) return { text: atx[2]!.replace(/[*_`]/g, '').trim(), level: atx[1]!.length };
  const bold = BOLD_HEADING.exec(line);
  if (bold) return { text: bold[1]!.trim(), level: 4 };
  const numbered = NUMBERED_HEADING.exec(line.trimEnd());
  if (numbered && numbered[2]!.split(/\s+/).length <= 8 && !/[,;:]$/.test(numbered[2]!)) {
    return { text: numbered[2]!.trim(), level: numbered[1]!.split('.').length + 1 };
  }
  return null;
}

/**
 * Text from HTML and PDF has no heading markup: a short capitalised line standing alone between
 * blank lines, without final punctuation, is a heading ("Abstract", "Extracted Claims").
 */
function standaloneHeading(lines: string[], i: number): { text: string; level: number } | null {
  const line = lines[i]!.trim();
  const alone = (lines[i - 1] ?? '').trim() === '' && (lines[i + 1] ?? '').trim() === '';
  if (!alone || !/^\p{Lu}/u.test(line) || /[.!?,;:]$/.test(line) || line.includes('|')) return null;
  if (line.split(/\s+/).length > 6 || BULLET.test(lines[i]!)) return null;
  return { text: line, level: 3 };
}

function pipeCells(line: string): string[] | null {
  if (!line.includes('|')) return null;
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  const cells = trimmed.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
  return cells.length >= 2 ? cells : null;
}

function tabCells(line: string): string[] | null {
  if (!line.includes('\t')) return null;
  const cells = line.split('\t').map((c) => c.trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells.length >= 2 ? cells : null;
}

export interface LayoutOptions {
  /**
   * Text extracted from PDFs runs list items into one paragraph ("Key findings - A … - B …"): split
   * such paragraphs back into a lead (a heading when short) and bullet items.
   */
  inlineBullets?: boolean;
}

const INLINE_BULLET = /\s[-•▪–]\s(?=[\p{Lu}\d✓✔✗✘×[])/gu;

function splitInlineBullets(layout: DocumentLayout): void {
  const paragraphs: TextBlock[] = [];
  for (const paragraph of layout.paragraphs) {
    const text = paragraph.text.replace(/\s+/g, ' ');
    const cuts = [...text.matchAll(INLINE_BULLET)].map((m) => m.index);
    if (cuts.length < 2) {
      paragraphs.push(paragraph);
      continue;
    }
    const lead = text.slice(0, cuts[0]).trim();
    let section = paragraph.section;
    if (lead.split(/\s+/).length <= 6 && !/[.!?]$/.test(lead)) {
      section = lead.replace(/:$/, '');
      layout.headings.push({ text: section, line: paragraph.line, level: 3 });
    } else if (lead !== '') paragraphs.push({ ...paragraph, text: lead });
    cuts.forEach((cut, i) => {
      const item = text
        .slice(cut, cuts[i + 1] ?? text.length)
        .replace(/^\s[-•▪–]\s/u, '')
        .trim();
      if (item !== '') layout.bullets.push({ text: item, line: paragraph.line, section });
    });
  }
  layout.paragraphs = paragraphs;
}

export function readLayout(text: string, options: LayoutOptions = {}): DocumentLayout {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const layout: DocumentLayout = { lines, headings: [], tables: [], bullets: [], paragraphs: [] };
  let section = '';
  let paragraph: TextBlock | null = null;
  let bullet: TextBlock | null = null;
  let inFence = false;
  const endBlocks = () => {
    if (paragraph) layout.paragraphs.push(paragraph);
    if (bullet) layout.bullets.push(bullet);
    paragraph = null;
    bullet = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) {
      endBlocks();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '') {
      endBlocks();
      continue;
    }
    // A table first: an HTML table's header row "# | Claim | …" is not a Markdown heading.
    const table = readTable(lines, i, section);
    if (table) {
      endBlocks();
      layout.tables.push(table.table);
      i = table.next - 1;
      continue;
    }
    const heading = headingOf(line) ?? standaloneHeading(lines, i);
    if (heading) {
      endBlocks();
      section = heading.text;
      layout.headings.push({ ...heading, line: i + 1 });
      continue;
    }
    const item = BULLET.exec(line);
    if (item) {
      endBlocks();
      bullet = { text: item[2]!.trim(), line: i + 1, section };
      continue;
    }
    if (bullet && /^\s+\S/.test(line)) {
      bullet.text += ` ${line.trim()}`;
      continue;
    }
    if (bullet) endBlocks();
    if (paragraph) paragraph.text += `\n${line.trim()}`;
    else paragraph = { text: line.trim(), line: i + 1, section };
  }
  endBlocks();
  if (options.inlineBullets) splitInlineBullets(layout);
  return layout;
}

/** A run of at least two pipe (or tab) rows, starting at `start`; the first row is the header. */
function readTable(lines: string[], start: number, section: string): { table: TextTable; next: number } | null {
  for (const split of [pipeCells, tabCells]) {
    const header = split(lines[start]!);
    if (!header) continue;
    const rows: TableRow[] = [];
    let i = start + 1;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (split === pipeCells && TABLE_DELIMITER.test(line)) continue;
      const cells = split(line);
      if (!cells) break;
      rows.push({ cells, line: i + 1 });
    }
    if (rows.length === 0) continue;
    return { table: { header: header.map((h) => h.replace(/[*_`]/g, '').trim()), rows, section }, next: i };
  }
  return null;
}
