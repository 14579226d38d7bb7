/**
 * Walks an HTML tree in document order and appends readable blocks to a DocumentTextBuilder:
 * paragraphs, headings (as sections), tables (caption first, one row per line, cells joined by " | "),
 * equations, footnotes (after the paragraph that cites them) and bibliography entries.
 */
import {
  childElements,
  classList,
  type DomNode,
  hasAnyClass,
  hasClass,
  isElement,
  mathText,
  tagName,
} from './html-dom.ts';
import type { ResultTable } from '../core/tables.ts';
import { cleanLines, cleanParagraph, type DocumentTextBuilder } from './parse-text.ts';
import { readHtmlTables } from './tables/html-tables.ts';

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'img',
  'button',
  'input',
  'select',
  'textarea',
  'iframe',
  'object',
  'canvas',
  'head',
  'title',
  'meta',
  'link',
  'nav',
  'aside',
  'dialog',
  'form',
  'annotation',
  'annotation-xml',
]);

const SKIPPED_CLASSES = [
  'ltx_ERROR',
  'ltx_page_navbar',
  'ltx_page_header',
  'ltx_page_footer',
  'ltx_page_logo',
  'ltx_authors',
  'ltx_dates',
  'ltx_date',
  'ltx_title_document',
  'ltx_note_mark',
  'ltx_tag_note',
  'ltx_bib_cited',
  'ltx_hidden',
  'ltx_rdf',
  'sr-only',
];

const SECTION_CLASSES = [
  'ltx_part',
  'ltx_chapter',
  'ltx_section',
  'ltx_subsection',
  'ltx_subsubsection',
  'ltx_paragraph',
  'ltx_subparagraph',
  'ltx_appendix',
  'ltx_acknowledgements',
  'ltx_bibliography',
  'ltx_index',
  'ltx_abstract',
];

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Inline elements that still need a space on each side ("[1]" before a bibblock, a tag before its text). */
const SPACED_CLASSES = ['ltx_tag', 'ltx_bibtag', 'ltx_bibblock', 'ltx_p', 'ltx_para', 'ltx_caption'];
const BULLETS = /^[•·∙◦▪‣\-–—*]$/;

const isHeadingTag = (name: string): boolean => /^h[1-6]$/.test(name);

function isEquationTable(node: DomNode): boolean {
  return (
    tagName(node) === 'table' &&
    classList(node).some(
      (name) => name === 'ltx_equation' || name === 'ltx_equationgroup' || name.startsWith('ltx_eqn'),
    )
  );
}

export class HtmlBlockWalker {
  readonly references: string[] = [];
  readonly warnings: string[] = [];
  /** Tables as data (grid, header paths, parsed cells), in document order; numbered by the parser. */
  readonly resultTables: ResultTable[] = [];
  private buffer = '';
  private prefix = '';
  private notes: string[] = [];
  private readonly headingLevels: number[] = [];
  private titleSeen = false;

  /** `latexml`: sections are LaTeXML containers; otherwise h1–h6 open sections by level. */
  constructor(
    private readonly builder: DocumentTextBuilder,
    private readonly latexml: boolean,
  ) {}

  private skip(node: DomNode): boolean {
    if (!isElement(node) || SKIPPED_TAGS.has(tagName(node))) return true;
    if (node.attribs?.['hidden'] !== undefined) return true;
    return hasAnyClass(node, SKIPPED_CLASSES) || (!this.latexml && tagName(node) === 'footer');
  }

  private isNote(node: DomNode): boolean {
    return hasClass(node, 'ltx_note') || hasClass(node, 'ltx_note_outer');
  }

  private isTableFloat(node: DomNode): boolean {
    if (hasClass(node, 'ltx_table')) return true;
    return !this.latexml && tagName(node) === 'figure' && childElements(node).some((c) => tagName(c) === 'table');
  }

  private spaced(node: DomNode): boolean {
    return (
      BLOCK_TAGS.has(tagName(node)) ||
      hasAnyClass(node, SPACED_CLASSES) ||
      hasAnyClass(node, ['ltx_bib_author', 'ltx_bib_year'])
    );
  }

  /** Text of an element read as one line: math as text, notes set aside, block boundaries as spaces. */
  inline(node: DomNode): string {
    let text = '';
    for (const child of node.children ?? []) {
      if (child.type === 'text') text += child.data ?? '';
      else if (this.skip(child)) continue;
      else if (tagName(child) === 'math') text += mathText(child);
      else if (tagName(child) === 'br') text += ' ';
      else if (this.isNote(child)) this.collectNote(child);
      else if (this.spaced(child)) text += ` ${this.inline(child)} `;
      else text += this.inline(child);
    }
    return text;
  }

  /** A heading's text with its number kept apart from its words: "3.2 Training". */
  headingText(node: DomNode): string {
    const tag = childElements(node).find((child) => hasClass(child, 'ltx_tag'));
    const whole = cleanParagraph(this.inline(node));
    if (!tag) return whole;
    const number = cleanParagraph(this.inline(tag));
    const rest = cleanParagraph(
      (node.children ?? [])
        .map((child) => (child === tag ? '' : this.inline({ type: 'root', children: [child] })))
        .join(''),
    );
    return cleanParagraph(`${number} ${rest}`);
  }

  private collectNote(node: DomNode): void {
    const content = this.findByClass(node, 'ltx_note_content') ?? node;
    const mark = this.findByClass(node, 'ltx_note_mark');
    const text = cleanParagraph(this.inline(content));
    if (text === '') return;
    const number = mark ? cleanParagraph((mark.children ?? []).map((c) => c.data ?? '').join('')) : '';
    this.notes.push(number ? `Footnote ${number}: ${text}` : `Footnote: ${text}`);
  }

  private findByClass(node: DomNode, name: string): DomNode | null {
    for (const child of childElements(node)) {
      if (hasClass(child, name)) return child;
      const deeper = this.findByClass(child, name);
      if (deeper) return deeper;
    }
    return null;
  }

  /** Ends the current paragraph, then writes the footnotes it cited. */
  flush(): void {
    const text = cleanParagraph(this.buffer);
    this.buffer = '';
    if (text !== '') {
      this.builder.addBlock(this.prefix ? `${this.prefix} ${text}` : text);
      this.prefix = '';
    }
    for (const note of this.notes) this.builder.addBlock(note);
    this.notes = [];
  }

  walk(node: DomNode): void {
    for (const child of node.children ?? []) {
      if (child.type === 'text') this.buffer += child.data ?? '';
      else if (this.skip(child)) continue;
      else this.visit(child);
    }
  }

  private visit(node: DomNode): void {
    const name = tagName(node);
    if (name === 'math') this.buffer += mathText(node);
    else if (name === 'br') this.buffer += ' ';
    else if (this.isNote(node)) this.collectNote(node);
    else if (this.latexml && (hasAnyClass(node, SECTION_CLASSES) || name === 'section')) this.section(node);
    else if (isHeadingTag(name)) this.heading(node);
    else if (this.isTableFloat(node)) this.tableFloat(node);
    else if (isEquationTable(node)) this.block(() => this.builder.addBlock(cleanLines(this.rows(node, ' '))));
    else if (name === 'table') this.tableFloat(node);
    else if (hasClass(node, 'ltx_bibitem')) this.block(() => this.bibItem(node));
    else if (hasClass(node, 'ltx_caption') || name === 'figcaption') {
      this.block(() => this.builder.addBlock(cleanParagraph(this.inline(node))));
    } else if (hasClass(node, 'ltx_tag') && tagName(node.parent ?? { type: 'root' }) === 'li') {
      const tag = cleanParagraph(this.inline(node));
      if (!BULLETS.test(tag)) this.prefix = tag;
    } else if (BLOCK_TAGS.has(name) || hasAnyClass(node, SPACED_CLASSES)) this.block(() => this.walk(node));
    else if (this.spaced(node)) {
      this.buffer += ' ';
      this.walk(node);
      this.buffer += ' ';
    } else this.walk(node);
  }

  private block(write: () => void): void {
    this.flush();
    write();
    this.flush();
  }

  private section(node: DomNode): void {
    this.flush();
    const heading = childElements(node).find((child) => isHeadingTag(tagName(child)) || hasClass(child, 'ltx_title'));
    const isBibliography = hasClass(node, 'ltx_bibliography');
    if (isBibliography && !this.containsClass(node, 'ltx_bibitem')) {
      this.warnings.push('the bibliography is present but has no entries');
      return;
    }
    let title = heading ? this.headingText(heading) : '';
    if (title === '' && hasClass(node, 'ltx_abstract')) title = 'Abstract';
    if (title === '' && isBibliography) title = 'References';
    if (title === '') {
      this.walk(node);
      this.flush();
      return;
    }
    this.builder.openSection(title);
    this.builder.addBlock(title);
    this.flush();
    for (const child of node.children ?? []) {
      if (child === heading) continue;
      if (child.type === 'text') this.buffer += child.data ?? '';
      else if (!this.skip(child)) this.visit(child);
    }
    this.flush();
    this.builder.closeSection();
  }

  private containsClass(node: DomNode, name: string): boolean {
    return this.findByClass(node, name) !== null;
  }

  /** LaTeXML headings outside section containers (theorems, proofs) and every heading in generic HTML. */
  private heading(node: DomNode): void {
    this.flush();
    const text = this.headingText(node);
    if (text === '') return;
    if (this.latexml) {
      if (hasClass(node, 'ltx_runin')) this.prefix = text;
      else this.block(() => this.builder.addBlock(text));
      return;
    }
    const level = Number(tagName(node).slice(1));
    if (level === 1 && !this.titleSeen) {
      this.titleSeen = true;
      this.block(() => this.builder.addBlock(text));
      return;
    }
    while (this.headingLevels.length > 0 && (this.headingLevels.at(-1) ?? 0) >= level) {
      this.headingLevels.pop();
      this.builder.closeSection();
    }
    this.builder.openSection(text);
    this.headingLevels.push(level);
    this.block(() => this.builder.addBlock(text));
  }

  /** Generic HTML: the first h1 is the document title, not a section. */
  markTitleSeen(): void {
    this.titleSeen = true;
  }

  /** Rows of one table (nested tables stay inside their cell), each row's cells joined by `separator`. */
  private rows(table: DomNode, separator: string): string[] {
    const rows: string[] = [];
    const visit = (node: DomNode): void => {
      for (const child of childElements(node)) {
        const name = tagName(child);
        if (name === 'table' || name === 'caption' || this.skip(child)) continue;
        if (name !== 'tr') {
          visit(child);
          continue;
        }
        const cells = childElements(child)
          .filter((cell) => tagName(cell) === 'td' || tagName(cell) === 'th')
          .map((cell) => cleanParagraph(this.inline(cell)));
        if (cells.some((cell) => cell !== '')) rows.push(cells.join(separator));
      }
    };
    visit(table);
    return rows;
  }

  /** A table float (or a bare table): caption first, then one line per row, then any table notes. */
  private tableFloat(float: DomNode): void {
    this.flush();
    const captions: string[] = [];
    const lines: string[] = [];
    const extras: string[] = [];
    const visit = (node: DomNode): void => {
      for (const child of childElements(node)) {
        const name = tagName(child);
        if (this.skip(child)) continue;
        if (hasClass(child, 'ltx_caption') || name === 'figcaption' || name === 'caption') {
          captions.push(cleanParagraph(this.inline(child)));
        } else if (name === 'table' && !isEquationTable(child)) {
          visit(child);
          lines.push(...this.rows(child, ' | '));
        } else if (this.isTableFloat(child) || this.containsTag(child, 'table')) visit(child);
        else if (name !== 'tr' && name !== 'tbody' && name !== 'thead' && name !== 'tfoot') {
          const text = cleanParagraph(this.inline(child));
          if (text !== '') extras.push(text);
        }
      }
    };
    if (tagName(float) === 'table') {
      for (const child of childElements(float)) if (tagName(child) === 'caption') captions.push(this.inline(child));
      lines.push(...this.rows(float, ' | '));
    } else visit(float);
    const caption = cleanParagraph(captions.join(' '));
    const before = this.builder.tables.length;
    this.builder.addTable(caption, cleanLines([caption, ...lines, ...extras]));
    const range = this.builder.tables.length > before ? (this.builder.tables.at(-1) ?? null) : null;
    this.resultTables.push(...readHtmlTables(float, { caption, range, cellText: (cell) => this.cellText(cell) }));
    this.flush();
  }

  /** A cell's text exactly as its row line has it, without collecting its footnotes a second time. */
  private cellText(cell: DomNode): string {
    const notes = this.notes.length;
    const text = cleanParagraph(this.inline(cell));
    this.notes.length = notes;
    return text;
  }

  private containsTag(node: DomNode, name: string): boolean {
    return childElements(node).some((child) => tagName(child) === name || this.containsTag(child, name));
  }

  /** One bibliography entry: its tag and blocks, without "Cited by" back-links or bare link labels. */
  private bibItem(item: DomNode): void {
    const parts = (item.children ?? [])
      .filter((child) => child.type === 'text' || !this.skip(child))
      .map((child) => cleanParagraph(child.type === 'text' ? (child.data ?? '') : this.inline(child)))
      .filter((part) => part !== '' && !/^(Cited by|External Links)\b/i.test(part));
    const entry = cleanParagraph(parts.join(' ')).replace(/\s+([.,;:])(?=\s|$)/g, '$1');
    if (entry === '') return;
    this.references.push(entry);
    this.builder.addBlock(entry);
  }
}
