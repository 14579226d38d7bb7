/**
 * Small helpers over the parsed DOM (the node objects cheerio hands back), plus the two pieces of
 * markup knowledge that do not depend on document structure: XHTML self-closing tags and MathML.
 */

/** The subset of a parsed node the HTML parsers read (matches cheerio's domhandler nodes). */
export interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const SELF_CLOSING_TAG =
  /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/>/g;

/**
 * LaTeXML 0.8 writes XHTML, where `<div/>` and `<cite/>` are empty elements; an HTML parser would
 * read them as open tags and swallow what follows. Rewriting them as `<div></div>` is exact for both.
 */
export function expandSelfClosingTags(markup: string): string {
  return markup.replace(SELF_CLOSING_TAG, (whole, name: string, attributes: string) =>
    VOID_ELEMENTS.has(name.toLowerCase()) ? whole : `<${name}${attributes}></${name}>`,
  );
}

/** Elements whose end tag may be left out: they never nest deeper in practice, so they are not counted. */
const OPTIONAL_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'colgroup',
  'caption',
  'rb',
  'rt',
  'rp',
]);

/**
 * How deeply the markup nests elements, read from the tags in one linear pass (a hand-written scan:
 * a regular expression backtracks badly on hostile markup), stopping once past `limit`. The HTML
 * parsers take time quadratic in nesting depth (200,000 nested <div> would take hours) and the tree
 * walk recurses per level, so depth is checked before either runs.
 */
export function markupNestingDepth(markup: string, limit = Number.POSITIVE_INFINITY): number {
  const lower = markup.toLowerCase();
  let depth = 0;
  let deepest = 0;
  let at = lower.indexOf('<');
  while (at !== -1 && deepest <= limit) {
    if (lower.startsWith('<!--', at)) {
      const close = lower.indexOf('-->', at + 4);
      if (close === -1) break;
      at = lower.indexOf('<', close + 3);
      continue;
    }
    const closing = lower[at + 1] === '/';
    let cursor = at + (closing ? 2 : 1);
    const nameStart = cursor;
    while (cursor < lower.length && /[a-z0-9:._-]/.test(lower[cursor]!)) cursor += 1;
    const name = lower.slice(nameStart, cursor);
    // Skip to the tag's end, jumping over quoted attribute values.
    while (cursor < lower.length && lower[cursor] !== '>') {
      const char = lower[cursor]!;
      if (char === '"' || char === "'") {
        const end = lower.indexOf(char, cursor + 1);
        cursor = end === -1 ? lower.length : end + 1;
      } else cursor += 1;
    }
    const selfClosing = lower[cursor - 1] === '/';
    let next = cursor + 1;
    if (!closing && (name === 'script' || name === 'style')) {
      const end = lower.indexOf(`</${name}`, next);
      next = end === -1 ? lower.length : end;
    } else if (/^[a-z]/.test(name) && !VOID_ELEMENTS.has(name) && !OPTIONAL_END.has(name) && !selfClosing) {
      if (closing) depth = Math.max(0, depth - 1);
      else {
        depth += 1;
        deepest = Math.max(deepest, depth);
      }
    }
    at = lower.indexOf('<', next);
  }
  return deepest;
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Named HTML entities (`&nbsp;`) as numeric references, so an XML parser reads XHTML that uses them. */
export function decodeHtmlEntities(markup: string, decode: (entity: string) => string): string {
  return markup.replace(/&([a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, name: string) => {
    if (XML_ENTITIES.has(name)) return whole;
    const decoded = decode(whole);
    return decoded === whole ? whole : [...decoded].map((char) => `&#${char.codePointAt(0)};`).join('');
  });
}

export function isElement(node: DomNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function tagName(node: DomNode): string {
  return (node.name ?? '').toLowerCase();
}

export function classList(node: DomNode): string[] {
  return (node.attribs?.['class'] ?? '').split(/\s+/).filter(Boolean);
}

export function hasClass(node: DomNode, name: string): boolean {
  return classList(node).includes(name);
}

export function hasAnyClass(node: DomNode, names: readonly string[]): boolean {
  const classes = classList(node);
  return names.some((name) => classes.includes(name));
}

export function childElements(node: DomNode): DomNode[] {
  return (node.children ?? []).filter(isElement);
}

/** Depth-first search below `node` (not `node` itself); `descend` false stops at a match's children. */
export function findAll(node: DomNode, predicate: (candidate: DomNode) => boolean, descend = true): DomNode[] {
  const found: DomNode[] = [];
  const visit = (current: DomNode): void => {
    for (const child of childElements(current)) {
      if (predicate(child)) {
        found.push(child);
        if (!descend) continue;
      }
      visit(child);
    }
  };
  visit(node);
  return found;
}

export function findFirst(node: DomNode, predicate: (candidate: DomNode) => boolean): DomNode | null {
  for (const child of childElements(node)) {
    if (predicate(child)) return child;
    const deeper = findFirst(child, predicate);
    if (deeper) return deeper;
  }
  return null;
}

/** Raw text of a subtree, skipping MathML annotations (the TeX source arXiv embeds in <semantics>). */
export function rawText(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (!isElement(node) && node.type !== 'root') return '';
  const name = tagName(node);
  if (name === 'annotation' || name === 'annotation-xml' || name === 'script' || name === 'style') return '';
  return (node.children ?? []).map(rawText).join('');
}

const STRUCTURAL_MATHML = new Set([
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'mroot',
  'msqrt',
  'munder',
  'mover',
  'munderover',
  'mtable',
  'mmultiscripts',
  'merror',
]);

/**
 * Math as readable text, never markup: the rendered characters when they say it all ("α", "47.6%"),
 * the TeX alttext when layout carries meaning ("10^{-2}" must not read "10-2").
 */
export function mathText(node: DomNode): string {
  const alt = (node.attribs?.['alttext'] ?? '')
    .replace(/%\r?\n/g, '')
    .replace(/\\(displaystyle|textstyle|scriptstyle)\b\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const shown = rawText(node)
    .replace(/[\u2061-\u2064]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const structural = findFirst(node, (child) => STRUCTURAL_MATHML.has(tagName(child))) !== null;
  if ((structural || shown === '') && alt !== '') return alt;
  return shown || alt;
}
