/**
 * Authors from a LaTeXML title block. LaTeXML keeps `\author{A, B \\ Affil \and C \\ Affil}` as one
 * person name with line breaks, so names are split back out of its lines.
 */
import type { Author } from '../core/types.ts';
import { type DomNode, findAll, findFirst, hasClass, tagName } from './html-dom.ts';
import { cleanParagraph } from './parse-text.ts';

/** Between names: commas, "and", "&", or the runs of (no-break / wide) spaces `\quad` leaves behind. */
const NAME_SEPARATOR = /\s*(?:,\s*(?:and\s+)?|\band\s+|&|[\u00A0\u2000-\u200A\u3000]{2,}|\u3000)\s*/;

function splitNames(line: string): string[] {
  return line
    .split(NAME_SEPARATOR)
    .map(cleanParagraph)
    .filter((name) => name !== '' && !/^and$/i.test(name));
}

/** Lines of a person name: a new group starts at a line opening with "&" or "and" (the \and macro). */
function groupLines(lines: string[]): string[][] {
  const groups: string[][] = [];
  for (const line of lines) {
    const opensGroup = /^\s*(&|and\s)/i.test(line) || groups.length === 0;
    const text = line.replace(/^\s*(&|and\s)\s*/i, '');
    if (opensGroup) groups.push([text]);
    else groups[groups.length - 1]?.push(text);
  }
  return groups.map((group) => group.filter((line) => cleanParagraph(line) !== ''));
}

export function latexmlAuthors(root: DomNode, inline: (node: DomNode) => string): Author[] {
  const creators = findAll(root, (node) => hasClass(node, 'ltx_creator') && hasClass(node, 'ltx_role_author'), false);
  const authors: Author[] = [];
  for (const creator of creators) {
    const person = findFirst(creator, (node) => hasClass(node, 'ltx_personname'));
    if (!person) continue;
    const lines: string[] = [''];
    for (const child of person.children ?? []) {
      if (tagName(child) === 'br') lines.push('');
      else lines[lines.length - 1] += inline({ type: 'root', children: [child] });
    }
    const extraAffiliations = findAll(creator, (node) => hasClass(node, 'ltx_role_affiliation'), false).map((node) =>
      cleanParagraph(inline(node)),
    );
    for (const group of groupLines(lines)) {
      let nameLines = 1;
      while (nameLines < group.length && /(,|\band)\s*$/.test(cleanParagraph(group[nameLines - 1] ?? ''))) nameLines++;
      const names = group.slice(0, nameLines).flatMap(splitNames);
      const affiliations = [...group.slice(nameLines).map(cleanParagraph), ...extraAffiliations].filter(
        (line) => line !== '' && !line.includes('@'),
      );
      for (const name of names) authors.push(affiliations.length > 0 ? { name, affiliations } : { name });
    }
  }
  return authors;
}
