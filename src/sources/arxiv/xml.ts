import { XMLParser } from 'fast-xml-parser';
import { collapseWhitespace } from '../../core/text.ts';

/** XML plumbing for the Atom parser. Values stay strings (ids like 2401.00010). */
export type XmlNode = Record<string, unknown>;

export function createXmlParser(arrays: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrays.has(name),
  });
}

/** Text content of an element that may carry attributes; undefined when absent. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') {
    const text = (value as XmlNode)['#text'];
    return text === undefined ? '' : textOf(text);
  }
  return undefined;
}

export function cleanText(value: unknown): string | null {
  const text = textOf(value);
  if (text === undefined) return null;
  const cleaned = collapseWhitespace(text);
  return cleaned === '' ? null : cleaned;
}

export function attr(value: unknown, name: string): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const found = (value as XmlNode)[`@_${name}`];
  return typeof found === 'string' ? found : undefined;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function asNode(value: unknown): XmlNode {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : {};
}

/** arXiv marks withdrawn versions in the comment ("withdrawn", "This paper has been withdrawn by …"). */
export function looksWithdrawn(comment: string | null, abstract: string | null): boolean {
  if (comment && /\bwithdrawn\b/i.test(comment)) return true;
  return Boolean(abstract && /^\s*this (paper|article|submission) (has been|is) withdrawn\b/i.test(abstract));
}
